import { useTranslation } from "react-i18next";
import type { BookingList, BookingView } from "../backend";
import { PAGE_TITLE_ID } from "../screens/routes";
import { BookingCard } from "./BookingCard";
import { OfflineNotice, sortBookings } from "./parts";

/** "Prenotazioni effettuate": one card per booking, and the offline notice when they come from this device. */
export function Results({
  list,
  issuedOn,
  now,
  canSearch,
  onDocuments,
  onCancel,
  onReschedule,
  onNewSearch,
  onLookup,
  onBookAgain,
}: {
  list: BookingList;
  /** Prescription dates learnt from the documents, by CUP number. */
  issuedOn: ReadonlyMap<string, string>;
  now: number;
  /** A new search is possible (logged in). */
  canSearch: boolean;
  onDocuments: (booking: BookingView) => void;
  onCancel: (booking: BookingView) => void;
  onReschedule: (booking: BookingView) => void;
  onNewSearch: () => void;
  /** Searches one booking by its CUP number (logged in). */
  onLookup: (cupNumber: string) => void;
  /** To PRENOTA, for a new appointment. */
  onBookAgain: () => void;
}) {
  const { t } = useTranslation();
  const offline = list.source === "device";
  const bookings = sortBookings(list.bookings);
  const shown = new Set(bookings.map((b) => b.cup_number));
  /** The booking a moved one became: its card when it is in the list, else searched for. */
  const goTo = (cupNumber: string) => {
    if (shown.has(cupNumber)) {
      const title = document.querySelector<HTMLElement>(`[data-testid="booking-card"][data-cup-number="${cupNumber}"] h2`);
      title?.scrollIntoView?.({ block: "start" });
      title?.focus();
    } else if (canSearch) {
      onLookup(cupNumber);
    }
  };
  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-manage-results" data-source={list.source}>
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t("manage.results.title")}
      </h1>
      {offline && <OfflineNotice updatedAt={list.updatedAt} what="bookings" />}
      {bookings.length === 0 ? (
        <p className="cup-alert cup-alert--info" data-testid="manage-no-results">
          {offline ? t("manage.results.noneSaved") : t("manage.results.none")}
        </p>
      ) : (
        <>
          <p className="cup-found" data-testid="manage-results-count">
            {t("manage.results.count", { count: bookings.length })}
          </p>
          <ul className="cup-bookings" aria-label={t("manage.results.listLabel")}>
            {bookings.map((booking) => (
              <li key={booking.cup_number}>
                <BookingCard
                  booking={booking}
                  issuedOn={issuedOn.get(booking.cup_number) ?? null}
                  now={now}
                  offline={offline}
                  onDocuments={() => onDocuments(booking)}
                  onCancel={() => onCancel(booking)}
                  onReschedule={() => onReschedule(booking)}
                  onGoToBooking={
                    booking.moved_to !== null && (shown.has(booking.moved_to) || canSearch) ? goTo : undefined
                  }
                  onBookAgain={offline ? undefined : onBookAgain}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {canSearch && (
        <div className="cup-page__actions">
          <button type="button" className="btn btn-outline-primary" data-testid="manage-new-search" onClick={onNewSearch}>
            {t("manage.results.newSearch")}
          </button>
        </div>
      )}
    </section>
  );
}
