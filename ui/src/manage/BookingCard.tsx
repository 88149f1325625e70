import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { BookingView } from "../backend";
import { formatCalendarDate, formatDay, formatEuro, formatTime } from "../booking/format";
import { FacilityLines } from "../booking/parts";
import { dateAndTime, hasValidDocuments, isChangeable, isLateCancellation, StatusTag, useVoidDocumentsText } from "./parts";

/** COSA / QUANDO / DOVE of a booking, as on the seed's card. */
export function Appointment({ booking, testId }: { booking: BookingView; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const starts = booking.offer.starts_at;
  return (
    <dl className="cup-appointment" data-testid={testId}>
      <div>
        <dt>{t("booking.summary.what")}</dt>
        <dd data-testid="booking-what">
          {booking.service.description} - {booking.service.code}
        </dd>
      </div>
      <div>
        <dt>{t("booking.summary.when")}</dt>
        <dd data-testid="booking-when">
          {t("booking.summary.whenValue", { date: formatDay(starts, lang), time: formatTime(starts, lang) })}
        </dd>
      </div>
      <div>
        <dt>{t("booking.summary.where")}</dt>
        <dd>
          <FacilityLines offer={booking.offer} />
        </dd>
      </div>
    </dl>
  );
}

/**
 * One booking as the seed shows it: Numero Ricetta + IUV, Numero Prenotazione CUP (+ Data
 * Impegnativa when known), STATO, COSA / QUANDO / DOVE, cost and PIN, and what can be done.
 */
export function BookingCard({
  booking,
  issuedOn,
  now,
  offline,
  onDocuments,
  onCancel,
  onReschedule,
  onGoToBooking,
  onBookAgain,
}: {
  booking: BookingView;
  /** The prescription's date, once the documents have told it. */
  issuedOn: string | null;
  now: number;
  /** The data comes from this device: nothing can be changed. */
  offline: boolean;
  onDocuments: () => void;
  onCancel: () => void;
  onReschedule: () => void;
  /** Shows the booking a moved one was moved to; absent when it cannot be shown. */
  onGoToBooking?: ((cupNumber: string) => void) | undefined;
  /** A new booking with the prescription (after a cancellation). */
  onBookAgain?: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const titleId = useId();
  const changeable = isChangeable(booking, now);
  const documents = hasValidDocuments(booking);
  const toPay = documents && booking.ticket_cents > 0;
  const voidText = useVoidDocumentsText();
  return (
    <article
      className="cup-card cup-booking"
      aria-labelledby={titleId}
      data-testid="booking-card"
      data-cup-number={booking.cup_number}
      data-status={booking.status}
    >
      <p className="cup-booking__ids">
        {t("manage.card.nre")} <strong data-testid="booking-nre">{booking.nre}</strong>
        {toPay && (
          <>
            {" - "}
            {t("manage.card.iuv")} <strong data-testid="booking-iuv">{booking.iuv}</strong>
          </>
        )}
      </p>
      {toPay && (
        <p className="cup-field__hint cup-booking__hint" data-testid="booking-iuv-hint">
          {t("manage.card.iuvHint")}
        </p>
      )}
      <h2 id={titleId} className="cup-booking__title" tabIndex={-1}>
        {t("manage.card.cupNumber")} <span data-testid="booking-cup-number">{booking.cup_number}</span>
      </h2>
      {issuedOn !== null && (
        <p className="cup-booking__ids" data-testid="booking-issued-on">
          {t("manage.card.issuedOn")} <strong>{formatCalendarDate(issuedOn, lang)}</strong>
        </p>
      )}
      <p className="cup-booking__status">
        <strong>{t("manage.card.status")}</strong> <StatusTag status={booking.status} />
      </p>
      {booking.status === "moved" && booking.moved_to !== null && (
        <p className="cup-alert cup-alert--info" data-testid="booking-moved-to">
          {t("manage.card.movedTo", { cup: booking.moved_to })}
        </p>
      )}
      {booking.moved_from !== null && booking.status === "booked" && (
        <p data-testid="booking-moved-from">{t("manage.card.movedFrom", { cup: booking.moved_from })}</p>
      )}
      {booking.status === "cancelled" && booking.cancelled_at !== null && (
        <p data-testid="booking-cancelled-at">{t("manage.card.cancelledAt", dateAndTime(booking.cancelled_at, lang))}</p>
      )}

      <Appointment booking={booking} />

      <dl className="cup-dl">
        <dt>{t("manage.card.cost")}</dt>
        <dd data-testid="booking-cost">
          {formatEuro(booking.ticket_cents, lang)}
          {booking.exemption !== null && <span> ({t("manage.card.exempt", { code: booking.exemption })})</span>}
        </dd>
        <dt>{t("manage.card.pin")}</dt>
        <dd data-testid="booking-pin">{booking.pin}</dd>
      </dl>
      {booking.malum_owed && (
        <p className="cup-alert cup-alert--warning" data-testid="booking-malum">
          {t("manage.card.malumOwed")}
        </p>
      )}
      {changeable && (
        <p data-testid="booking-cancel-by" data-late={isLateCancellation(booking, now)}>
          {isLateCancellation(booking, now)
            ? t("manage.card.cancelByPassed", { date: formatDay(booking.cancel_by, lang), time: formatTime(booking.cancel_by, lang) })
            : t("booking.success.cancelBy", { date: formatDay(booking.cancel_by, lang), time: formatTime(booking.cancel_by, lang) })}
        </p>
      )}
      {booking.status === "booked" && !changeable && <p data-testid="booking-passed">{t("manage.card.passed")}</p>}
      {!documents && (
        <p className="cup-alert cup-alert--warning" data-testid="booking-documents-void">
          {voidText(booking)}
        </p>
      )}
      {changeable && offline && (
        <p className="cup-field__hint" data-testid="booking-offline-actions">
          {t("manage.card.offlineActions")}
        </p>
      )}

      <div className="cup-booking__actions" role="group" aria-label={t("manage.card.actions", { cup: booking.cup_number })}>
        {documents && (
          <button type="button" className="btn btn-outline-primary" data-testid="booking-documents" onClick={onDocuments}>
            {t("manage.card.documents")}
          </button>
        )}
        {booking.status === "moved" && booking.moved_to !== null && onGoToBooking !== undefined && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="booking-go-to-new"
            onClick={() => booking.moved_to !== null && onGoToBooking(booking.moved_to)}
          >
            {t("manage.card.goToNew", { cup: booking.moved_to })}
          </button>
        )}
        {booking.status === "cancelled" && onBookAgain !== undefined && (
          <button type="button" className="btn btn-outline-primary" data-testid="booking-book-again" onClick={onBookAgain}>
            {t("manage.card.bookAgain")}
          </button>
        )}
        {changeable && !offline && (
          <>
            <button type="button" className="btn btn-outline-primary" data-testid="booking-cancel" onClick={onCancel}>
              {t("manage.card.cancel")}
            </button>
            <button type="button" className="btn btn-primary" data-testid="booking-reschedule" onClick={onReschedule}>
              {t("manage.card.reschedule")}
            </button>
          </>
        )}
      </div>
    </article>
  );
}
