import i18next from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { BackendError, BookingStatus, BookingView } from "../backend";
import { formatCalendarDate, formatTime, romeDayKey } from "../booking/format";
import { Icon } from "../components/Icon";
import { errorText } from "../i18n/errors";

/** Codes after which trying the same thing again can work. */
export const RETRYABLE = new Set(["unavailable", "unreachable", "timeout", "invalid_response", "internal", "unexpected"]);

/** Codes that mean the regional backend could not be reached. */
export const UNREACHABLE = new Set(["unreachable", "timeout"]);

const STATUSES: readonly BookingStatus[] = ["booked", "cancelled", "moved", "done", "no_show"];

/** PRENOTATO / DISDETTO / SPOSTATO / EROGATO / NON PRESENTATO (a status we do not know, as sent). */
export function useStatusLabel(): (status: BookingStatus) => string {
  const { t } = useTranslation();
  return (status) => (STATUSES.includes(status) ? t(`manage.status.${status}`) : String(status).toUpperCase());
}

/** The status as a tag, coloured by what it means for the citizen. */
export function StatusTag({ status, testId = "booking-status" }: { status: BookingStatus; testId?: string }) {
  const label = useStatusLabel();
  const tone = status === "booked" ? "ok" : status === "done" ? "neutral" : status === "no_show" ? "warn" : "no";
  return (
    <span className={`cup-tag cup-tag--${tone}`} data-testid={testId} data-status={status}>
      {label(status)}
    </span>
  );
}

/**
 * The sentence for an error in the management flow: some codes mean something more precise
 * here (`manage.errors.<code>`, e.g. a failed card login); the rest as everywhere else.
 */
export function manageErrorText(error: Pick<BackendError, "code" | "field" | "retryAfterSeconds">): string {
  const key = `manage.errors.${error.code}`;
  return i18next.exists(key) ? String(i18next.t(key as "manage.errors.not_found")) : errorText(error);
}

/** A failure said like a person would, with a retry when it makes sense. */
export function ManageErrorNotice({
  error,
  onRetry,
  testId = "manage-error",
  children,
}: {
  error: BackendError;
  onRetry?: (() => void) | undefined;
  testId?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="cup-alert cup-alert--danger" role="alert" tabIndex={-1} data-testid={testId} data-code={error.code}>
      <p>{manageErrorText(error)}</p>
      {children}
      {onRetry !== undefined && (
        <button type="button" className="btn btn-primary btn-sm" data-testid="error-retry" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

/** Moves keyboard focus to an element once React has rendered it (an error that just appeared). */
export function focusTestId(testId: string): void {
  setTimeout(() => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus(), 0);
}

/** "24 aprile 2024" and "10:00" of an instant, in Europe/Rome. */
export function dateAndTime(instant: string, language: string): { date: string; time: string } {
  return { date: formatCalendarDate(romeDayKey(instant), language), time: formatTime(instant, language) };
}

/**
 * The unmistakable notice that the data shown comes from this device, not from the CUP,
 * and how old it is.
 */
export function OfflineNotice({ updatedAt, what }: { updatedAt: string | null; what: "bookings" | "documents" }) {
  const { t, i18n } = useTranslation();
  const valid = updatedAt !== null && Number.isFinite(Date.parse(updatedAt));
  const text = valid
    ? t(`manage.offline.${what}`, dateAndTime(updatedAt, i18n.language))
    : t(`manage.offline.${what === "bookings" ? "bookingsNoDate" : "documentsNoDate"}`);
  return (
    <div
      className="cup-alert cup-alert--warning cup-offline"
      role="status"
      data-testid="manage-offline-notice"
      data-updated-at={updatedAt ?? ""}
    >
      <p className="cup-offline__title">
        <Icon name="info" />
        <strong>{t("manage.offline.title")}</strong>
      </p>
      <p>{text}</p>
      <p>{t("manage.offline.stale")}</p>
    </div>
  );
}

/** Live bookings first (soonest first), then the others (latest first). */
export function sortBookings(bookings: readonly BookingView[]): BookingView[] {
  const live = (b: BookingView) => b.status === "booked";
  return [...bookings].sort((a, b) => {
    if (live(a) !== live(b)) return live(a) ? -1 : 1;
    const order = a.offer.starts_at.localeCompare(b.offer.starts_at);
    return live(a) ? order : -order;
  });
}

/** A booking that may still be cancelled or moved (the backend has the last word). */
export function isChangeable(booking: BookingView, now: number): boolean {
  return booking.status === "booked" && Date.parse(booking.offer.starts_at) > now;
}

/**
 * The booking's promemoria, payment form and calendar file still stand: not once it was
 * cancelled or moved (the app removes the files it made for it; a moved booking's documents
 * are the new booking's). The status is the backend's.
 */
export function hasValidDocuments(booking: Pick<BookingView, "status">): boolean {
  return booking.status !== "cancelled" && booking.status !== "moved";
}

/** Why a cancelled or moved booking's documents are void, and what to use instead. */
export function useVoidDocumentsText(): (booking: Pick<BookingView, "status" | "moved_to">) => string {
  const { t } = useTranslation();
  return (booking) =>
    booking.status !== "moved"
      ? t("manage.card.documentsCancelled")
      : booking.moved_to !== null
        ? t("manage.card.documentsMoved", { cup: booking.moved_to })
        : t("manage.card.documentsMovedUnknown");
}

/** Past the free-cancellation deadline (or already marked as owing the malum). */
export function isLateCancellation(booking: BookingView, now: number): boolean {
  return booking.malum_owed || now > Date.parse(booking.cancel_by);
}
