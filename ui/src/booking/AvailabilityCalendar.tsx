import { parseDate, today, type CalendarDate } from "@internationalized/date";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  CalendarGridBody,
  CalendarGridHeader,
  CalendarHeaderCell,
  Heading,
  I18nProvider,
} from "react-aria-components";
import { TIME_ZONE } from "./format";
import "../styles/calendar.css";

/**
 * Month calendar of the days with availability (React Aria: a grid navigable with the arrow
 * keys, Page Up/Down for months, Home/End; days without places are "unavailable").
 * A day with places is a filled cell with a dot, a day without is a plain number (never
 * struck through, full contrast); a legend under the grid says which is which. On a phone the
 * month buttons are arrows (their names stay for screen readers), so the three fit one row.
 */
export function AvailabilityCalendar({
  month,
  available,
  selected,
  onMonthChange,
  onSelect,
  describedBy,
}: {
  /** "YYYY-MM" shown. */
  month: string;
  /** Days ("YYYY-MM-DD") with at least one free slot in the shown month. */
  available: ReadonlySet<string>;
  selected: string | null;
  onMonthChange: (month: string) => void;
  onSelect: (day: string) => void;
  describedBy?: string;
}) {
  const { t, i18n } = useTranslation();
  const now = today(TIME_ZONE);
  const [focused, setFocusedState] = useState<CalendarDate>(() => focusDate(month, selected, available, now));
  // Follow a month changed from outside (e.g. the first offer's month once loaded).
  const shown = focused.toString().slice(0, 7) === month ? focused : focusDate(month, selected, available, now);
  const setFocused = (date: CalendarDate) => {
    setFocusedState(date);
    const next = date.toString().slice(0, 7);
    if (next !== month) onMonthChange(next);
  };
  return (
    <I18nProvider locale={i18n.language === "en" ? "en-GB" : "it-IT"}>
      <Calendar
        className="cup-cal"
        data-testid="calendar"
        aria-label={t("booking.offer.calendarLabel")}
        {...(describedBy === undefined ? {} : { "aria-describedby": describedBy })}
        value={selected === null ? null : parseDate(selected)}
        onChange={(date) => onSelect(date.toString())}
        focusedValue={shown}
        onFocusChange={setFocused}
        minValue={now}
        isDateUnavailable={(date) => !available.has(date.toString())}
      >
        <div className="cup-cal__header">
          <Heading className="cup-cal__title" level={3} />
          <div className="cup-cal__nav">
            {/* Named as written (React Aria's own name would be a shorter word). */}
            <Button
              slot="previous"
              className="btn btn-outline-primary btn-sm cup-cal__nav-button"
              data-testid="calendar-previous"
              aria-label={t("booking.offer.previous")}
            >
              <span className="cup-cal__arrow" aria-hidden="true">
                ‹
              </span>
              <span className="cup-cal__nav-text">{t("booking.offer.previous")}</span>
            </Button>
            <button
              type="button"
              className="btn btn-outline-primary btn-sm cup-cal__nav-button"
              data-testid="calendar-today"
              onClick={() => setFocused(now)}
            >
              {t("booking.offer.today")}
            </button>
            <Button
              slot="next"
              className="btn btn-outline-primary btn-sm cup-cal__nav-button"
              data-testid="calendar-next"
              aria-label={t("booking.offer.nextMonth")}
            >
              <span className="cup-cal__nav-text">{t("booking.offer.nextMonth")}</span>
              <span className="cup-cal__arrow" aria-hidden="true">
                ›
              </span>
            </Button>
          </div>
        </div>
        <CalendarGrid className="cup-cal__grid" weekdayStyle="short">
          <CalendarGridHeader>{(day) => <CalendarHeaderCell className="cup-cal__weekday">{day}</CalendarHeaderCell>}</CalendarGridHeader>
          <CalendarGridBody>
            {(date) => (
              // The accessible name is React Aria's full date; a day without places is
              // aria-disabled. The dot is drawing only.
              <CalendarCell date={date} className="cup-cal__cell" data-testid={`calendar-day-${date.toString()}`}>
                {({ formattedDate, isUnavailable, isDisabled }) => (
                  <>
                    <span className="cup-cal__day">{formattedDate}</span>
                    {!isUnavailable && !isDisabled && <span className="cup-cal__dot" aria-hidden="true" />}
                  </>
                )}
              </CalendarCell>
            )}
          </CalendarGridBody>
        </CalendarGrid>
        <ul className="cup-cal__legend" data-testid="calendar-legend">
          <li>
            <span className="cup-cal__swatch cup-cal__swatch--free" aria-hidden="true">
              <span className="cup-cal__dot" />
            </span>
            {t("booking.offer.legendFree")}
          </li>
          <li>
            <span className="cup-cal__swatch cup-cal__swatch--none" aria-hidden="true" />
            {t("booking.offer.legendNone")}
          </li>
        </ul>
      </Calendar>
    </I18nProvider>
  );
}

/** Where keyboard focus lands in the shown month: the chosen day, else the first available, else the 1st. */
function focusDate(month: string, selected: string | null, available: ReadonlySet<string>, now: CalendarDate): CalendarDate {
  if (selected !== null && selected.startsWith(month)) return parseDate(selected);
  const first = [...available].filter((d) => d.startsWith(month)).sort()[0];
  if (first !== undefined) return parseDate(first);
  if (now.toString().startsWith(month)) return now;
  return parseDate(`${month}-01`);
}
