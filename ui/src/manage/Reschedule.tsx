import { useTranslation } from "react-i18next";
import type { BackendError, BookingView, HoldView } from "../backend";
import { formatDay, formatTime } from "../booking/format";
import { HoldCountdown } from "../booking/HoldCountdown";
import { DocumentFiles } from "../documents/DocumentFiles";
import { KioskTakeHome } from "../kiosk/TakeHome";
import { BookingNumberCard, FacilityLines } from "../booking/parts";
import { PAGE_TITLE_ID } from "../screens/routes";
import { Appointment } from "./BookingCard";
import { ManageErrorNotice, StatusTag } from "./parts";

/** Spostamento, with the new slot held: the old and the new appointment side by side, then "Sì, sposto". */
export function RescheduleConfirm({
  booking,
  hold,
  receivedAt,
  busy,
  extending,
  error,
  onRetry,
  onConfirm,
  onChange,
  onAbort,
  onExpired,
  onExtend,
}: {
  booking: BookingView;
  hold: HoldView;
  receivedAt: number;
  busy: boolean;
  extending: boolean;
  error: BackendError | null;
  onRetry: (() => void) | undefined;
  onConfirm: () => void;
  onChange: () => void;
  onAbort: () => void;
  onExpired: () => void;
  onExtend: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const offer = hold.offer;
  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-manage-confirm">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t("manage.reschedule.confirmTitle")}
      </h1>
      <HoldCountdown hold={hold} receivedAt={receivedAt} onExpired={onExpired} onExtend={onExtend} extending={extending} />
      <div className="cup-grid-2">
        <section className="cup-card" aria-labelledby="move-old" data-testid="reschedule-old">
          <h2 id="move-old" className="cup-card__title">
            {t("manage.reschedule.old")}
          </h2>
          <p>
            {t("manage.card.cupNumber")} <strong>{booking.cup_number}</strong>
          </p>
          <Appointment booking={booking} />
        </section>
        <section className="cup-card cup-card--new" aria-labelledby="move-new" data-testid="reschedule-new">
          <h2 id="move-new" className="cup-card__title">
            {t("manage.reschedule.new")}{" "}
            <span className="cup-tag cup-tag--held" data-testid="hold-reserved">
              {t("booking.hold.reserved")}
            </span>
          </h2>
          <dl className="cup-dl cup-dl--stack">
            <dt>{t("booking.summary.what")}</dt>
            <dd>
              {booking.service.description} - {booking.service.code}
            </dd>
            <dt>{t("booking.summary.when")}</dt>
            <dd data-testid="reschedule-new-when">
              {t("booking.summary.whenValue", { date: formatDay(offer.starts_at, lang), time: formatTime(offer.starts_at, lang) })}
            </dd>
            <dt>{t("booking.summary.where")}</dt>
            <dd>
              <FacilityLines offer={offer} />
            </dd>
          </dl>
          <p className="cup-field__hint">
            {t("booking.summary.cancelRule", {
              date: formatDay(new Date(Date.parse(offer.starts_at) - 48 * 3600_000), lang),
              time: formatTime(new Date(Date.parse(offer.starts_at) - 48 * 3600_000), lang),
            })}
          </p>
        </section>
      </div>
      {error !== null && (
        <ManageErrorNotice error={error} testId="reschedule-error" onRetry={onRetry}>
          <p data-testid="reschedule-old-valid">{t("manage.reschedule.oldValid", { cup: booking.cup_number })}</p>
        </ManageErrorNotice>
      )}
      <p className="cup-question">
        <strong>{t("manage.reschedule.question")}</strong>
      </p>
      <div className="cup-page__actions">
        <button
          type="button"
          className="btn btn-primary btn-lg"
          data-testid="reschedule-confirm"
          aria-disabled={busy}
          onClick={() => !busy && onConfirm()}
        >
          {busy ? t("manage.reschedule.moving") : t("manage.reschedule.confirm")}
        </button>
        <button type="button" className="btn btn-outline-primary" data-testid="reschedule-change" onClick={onChange}>
          {t("manage.reschedule.change")}
        </button>
        <button type="button" className="btn btn-outline-primary" data-testid="reschedule-abort" onClick={onAbort}>
          {t("manage.reschedule.abort")}
        </button>
      </div>
    </section>
  );
}

/**
 * The move is done: the new CUP number and PIN, the old booking said to be moved (its documents
 * no longer valid), and the new booking's promemoria at once — the same documents as after
 * "Sì, prenoto!".
 */
export function RescheduleDone({
  booking,
  previous,
  onBack,
}: {
  /** The NEW booking. */
  booking: BookingView;
  /** The CUP number of the booking that was moved. */
  previous: string;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-manage-moved">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1} className="cup-success__title">
        {t("manage.reschedule.doneTitle")}
      </h1>
      <BookingNumberCard label={t("manage.reschedule.newNumber")} cupNumber={booking.cup_number} pin={booking.pin} testIdPrefix="reschedule-new" />
      <p className="cup-alert cup-alert--info" data-testid="reschedule-previous">
        {t("manage.reschedule.previousMoved", { cup: previous })}
      </p>
      <div className="cup-card">
        <p>
          <strong>{t("manage.card.status")}</strong> <StatusTag status={booking.status} />
        </p>
        <Appointment booking={booking} />
        <p data-testid="reschedule-cancel-by">
          {t("booking.success.cancelBy", { date: formatDay(booking.cancel_by, lang), time: formatTime(booking.cancel_by, lang) })}
        </p>
        {booking.sms_phone !== null && (
          <p className="cup-alert cup-alert--info" data-testid="reschedule-sms">
            {t("booking.success.sms", { phone: booking.sms_phone })}
          </p>
        )}
      </div>
      <KioskTakeHome cupNumber={booking.cup_number} />
      <DocumentFiles cupNumber={booking.cup_number} />
      <div className="cup-page__actions">
        <button type="button" className="btn btn-primary btn-lg" data-testid="moved-back" onClick={onBack}>
          {t("manage.reschedule.backToList")}
        </button>
      </div>
    </section>
  );
}
