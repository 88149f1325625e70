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

/**
 * Month calendar of the days with availability (React Aria: a grid navigable with the arrow
 * keys, Page Up/Down for months, Home/End; days without places are "unavailable").
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
            <Button slot="previous" className="btn btn-outline-primary btn-sm" data-testid="calendar-previous">
              {t("booking.offer.previous")}
            </Button>
            <button type="button" className="btn btn-outline-primary btn-sm" data-testid="calendar-today" onClick={() => setFocused(now)}>
              {t("booking.offer.today")}
            </button>
            <Button slot="next" className="btn btn-outline-primary btn-sm" data-testid="calendar-next">
              {t("booking.offer.nextMonth")}
            </Button>
          </div>
        </div>
        <CalendarGrid className="cup-cal__grid" weekdayStyle="short">
          <CalendarGridHeader>{(day) => <CalendarHeaderCell className="cup-cal__weekday">{day}</CalendarHeaderCell>}</CalendarGridHeader>
          <CalendarGridBody>
            {(date) => (
              // "Disp." is drawn by CSS from data-available-label: the accessible name stays
              // the full date (React Aria adds "available"/"unavailable" state for AT).
              <CalendarCell
                date={date}
                className="cup-cal__cell"
                data-testid={`calendar-day-${date.toString()}`}
                data-available-label={t("booking.offer.dayAvailable")}
              />
            )}
          </CalendarGridBody>
        </CalendarGrid>
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
