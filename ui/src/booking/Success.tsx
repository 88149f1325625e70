import { useTranslation } from "react-i18next";
import type { BookingView } from "../backend";
import { KioskTakeHome } from "../kiosk/TakeHome";
import { DocumentFiles } from "../documents/DocumentFiles";
import { ReminderPanel } from "../reminders/ReminderSettings";
import { PAGE_TITLE_ID } from "../screens/routes";
import { formatDay, formatEuro, formatTime } from "./format";
import { BookingNumberCard, FacilityLines } from "./parts";
import { preparationText } from "./preparation";

/**
 * Step 6: the CUP number, the documents to open (promemoria, payment form, calendar, all),
 * status PRENOTATO, what / when / where and the cost, where the SMS went, and the reminders.
 */
export function Success({
  booking,
  next,
  onNext,
  onHome,
}: {
  booking: BookingView;
  /** The next service of a chosen combined offer, if any. */
  next: string | null;
  onNext: () => void;
  onHome: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const preparation = preparationText(booking.service, lang);
  const starts = booking.offer.starts_at;
  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-success">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1} className="cup-success__title">
        {t("booking.success.title")}
      </h1>
      <div className="cup-success__top">
        <BookingNumberCard label={t("booking.success.cupNumber")} cupNumber={booking.cup_number} pin={booking.pin} testIdPrefix="success" />

        {/* What to take away comes first, right under the CUP number: the promemoria is in view. */}
        <KioskTakeHome cupNumber={booking.cup_number} />
        <DocumentFiles cupNumber={booking.cup_number} />
      </div>

      <div className="cup-card">
        <dl className="cup-dl cup-dl--stack">
          <dt>{t("booking.success.status")}</dt>
          <dd>
            <span className="cup-tag cup-tag--ok" data-testid="success-status">
              {booking.status === "booked" ? t("booking.success.booked") : booking.status}
            </span>
          </dd>
          <dt>{t("booking.summary.what")}</dt>
          <dd>
            {booking.service.description} - {booking.service.code}
          </dd>
          <dt>{t("booking.summary.when")}</dt>
          <dd data-testid="success-when">
            {t("booking.summary.whenValue", { date: formatDay(starts, lang), time: formatTime(starts, lang) })}
          </dd>
          <dt>{t("booking.summary.where")}</dt>
          <dd>
            <FacilityLines offer={booking.offer} />
          </dd>
          {preparation !== "" && (
            <>
              <dt>{t("booking.summary.notes")}</dt>
              <dd>{preparation}</dd>
            </>
          )}
          <dt>{t("booking.success.cost")}</dt>
          <dd className="cup-success__cost" data-testid="success-cost">
            {formatEuro(booking.ticket_cents, lang)}
            {booking.exemption !== null && <span> ({t("booking.success.exempt", { code: booking.exemption })})</span>}
          </dd>
        </dl>
        <p>{t("booking.success.noticeNumber", { number: booking.notice_number })}</p>
        <p data-testid="success-cancel-by">
          {t("booking.success.cancelBy", { date: formatDay(booking.cancel_by, lang), time: formatTime(booking.cancel_by, lang) })}
        </p>
        {booking.sms_phone !== null && (
          <p className="cup-alert cup-alert--info" data-testid="success-sms">
            {t("booking.success.sms", { phone: booking.sms_phone })}
          </p>
        )}
      </div>

      <ReminderPanel />

      {next !== null && (
        <section className="cup-card" aria-labelledby="success-next">
          <h2 id="success-next" className="cup-card__title">
            {t("booking.prescription.combinedNextTitle")}
          </h2>
          <button type="button" className="btn btn-primary" data-testid="success-next" onClick={onNext}>
            {t("booking.prescription.combinedNext", { service: next })}
          </button>
        </section>
      )}

      <div className="cup-page__actions">
        <button type="button" className="btn btn-primary btn-lg" data-testid="success-home" onClick={onHome}>
          {t("booking.success.home")}
        </button>
      </div>
    </section>
  );
}
