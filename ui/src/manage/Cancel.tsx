import { useTranslation } from "react-i18next";
import type { BackendError, BookingView } from "../backend";
import { PAGE_TITLE_ID } from "../screens/routes";
import { Appointment } from "./BookingCard";
import { dateAndTime, isLateCancellation, ManageErrorNotice, RETRYABLE, StatusTag } from "./parts";

/** Errors after which the booking may well not be what it was: "still valid" would be a guess. */
const STATE_CHANGED = new Set(["booking_state_conflict", "appointment_passed", "not_found"]);

/**
 * Disdetta: the booking, the free-cancellation deadline (or, past it, that the malum is
 * owed), and the explicit confirmation. Nothing is cancelled before "Sì, disdico".
 */
export function Cancel({
  booking,
  now,
  busy,
  error,
  onConfirm,
  onBack,
}: {
  booking: BookingView;
  now: number;
  busy: boolean;
  error: BackendError | null;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const late = isLateCancellation(booking, now);
  const deadline = dateAndTime(booking.cancel_by, i18n.language);
  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-manage-cancel">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t("manage.cancel.title")}
      </h1>
      <p className="lead">{t("manage.cancel.intro")}</p>
      <div className="cup-card">
        <p className="cup-booking__title">
          {t("manage.card.cupNumber")} <strong>{booking.cup_number}</strong>
        </p>
        <Appointment booking={booking} testId="cancel-appointment" />
      </div>
      <p
        className={late ? "cup-alert cup-alert--warning" : "cup-alert cup-alert--info"}
        data-testid="cancel-deadline"
        data-late={late}
      >
        {late ? t("manage.cancel.late", deadline) : t("manage.cancel.free", deadline)}
      </p>
      {error !== null && (
        <ManageErrorNotice error={error} testId="cancel-error" onRetry={RETRYABLE.has(error.code) ? onConfirm : undefined}>
          {!STATE_CHANGED.has(error.code) && <p data-testid="cancel-still-valid">{t("manage.cancel.stillValid")}</p>}
        </ManageErrorNotice>
      )}
      <p className="cup-question">
        <strong>{t("manage.cancel.question")}</strong>
      </p>
      <div className="cup-page__actions">
        <button
          type="button"
          className="btn btn-primary btn-lg"
          data-testid="cancel-confirm"
          aria-disabled={busy}
          onClick={() => !busy && onConfirm()}
        >
          {busy ? t("manage.cancel.busy") : t("manage.cancel.confirm")}
        </button>
        <button type="button" className="btn btn-outline-primary btn-lg" data-testid="cancel-back" onClick={onBack}>
          {t("manage.cancel.back")}
        </button>
      </div>
    </section>
  );
}

/** After a cancellation: DISDETTO, the slot is free again, and whether the malum is owed. */
export function CancelDone({
  booking,
  onBack,
  onBookAgain,
}: {
  booking: BookingView;
  onBack: () => void;
  /** To PRENOTA, for a new appointment. */
  onBookAgain: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-manage-cancelled">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1} className="cup-success__title">
        {t("manage.cancel.doneTitle")}
      </h1>
      <div className="cup-card" data-testid="cancelled-booking" data-cup-number={booking.cup_number} data-status={booking.status}>
        <p>
          <strong>{t("manage.card.status")}</strong> <StatusTag status={booking.status} />
        </p>
        <p data-testid="cancel-done">{t("manage.cancel.done", { cup: booking.cup_number })}</p>
        <p data-testid="cancel-freed">{t("manage.cancel.freed")}</p>
        <p className={booking.malum_owed ? "cup-alert cup-alert--warning" : undefined} data-testid="cancel-malum" data-owed={booking.malum_owed}>
          {booking.malum_owed ? t("manage.cancel.doneMalum") : t("manage.cancel.doneFree")}
        </p>
        <Appointment booking={booking} />
        <p className="cup-alert cup-alert--warning" data-testid="cancel-documents-void">
          {t("manage.cancel.documentsVoid")}
        </p>
      </div>
      <div className="cup-page__actions">
        <button type="button" className="btn btn-primary btn-lg" data-testid="cancel-done-back" onClick={onBack}>
          {t("manage.cancel.backToList")}
        </button>
        <button type="button" className="btn btn-outline-primary btn-lg" data-testid="cancel-book-again" onClick={onBookAgain}>
          {t("manage.card.bookAgain")}
        </button>
      </div>
    </section>
  );
}
