import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { toBackendError, type BackendError, type Offer } from "../backend";
import { errorText } from "../i18n/errors";
import { formatDay, formatTime } from "./format";

export type FlowStep = "access" | "prescription" | "offer" | "summary" | "success";

const STEP_GROUPS = [
  { key: "access", steps: ["access", "prescription"] },
  { key: "offer", steps: ["offer"] },
  { key: "summary", steps: ["summary", "success"] },
] as const;

/** "PRENOTAZIONI / APPUNTAMENTI / RIEPILOGO E CONFERMA", the current one marked for AT. */
export function StepIndicator({ step }: { step: FlowStep }) {
  const { t } = useTranslation();
  const current = STEP_GROUPS.findIndex((g) => (g.steps as readonly string[]).includes(step));
  return (
    <nav aria-label={t("booking.steps.label")} className="cup-steps" data-testid="step-indicator">
      <p className="visually-hidden">{t("booking.steps.stepOf", { current: current + 1, total: STEP_GROUPS.length })}</p>
      <ol className="cup-steps__list">
        {STEP_GROUPS.map((group, index) => {
          const state = index < current || step === "success" ? "done" : index === current ? "current" : "todo";
          return (
            <li
              key={group.key}
              className={`cup-steps__item cup-steps__item--${state}`}
              aria-current={index === current ? "step" : undefined}
              data-testid={`step-${group.key}`}
            >
              <span className="cup-steps__number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="cup-steps__label">{t(`booking.steps.${group.key}`)}</span>
              {state === "done" && <span className="visually-hidden"> ({t("booking.steps.done")})</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** "Numero Prenotazione CUP" in large figures, the PIN, and why to keep them: after a booking or a move. */
export function BookingNumberCard({ label, cupNumber, pin, testIdPrefix }: { label: string; cupNumber: string; pin: string; testIdPrefix: string }) {
  const { t } = useTranslation();
  return (
    <div className="cup-card cup-success">
      <p className="cup-success__label">{label}</p>
      <p className="cup-success__number" data-testid={`${testIdPrefix}-cup-number`}>
        {cupNumber}
      </p>
      <p>
        {t("booking.success.pin")} <strong data-testid={`${testIdPrefix}-pin`}>{pin}</strong>
      </p>
      <p className="cup-field__hint">{t("booking.success.keep")}</p>
    </div>
  );
}

/** A failure said like a person would, with the action that helps (retry, when it makes sense). */
export function ErrorNotice({
  error,
  onRetry,
  testId = "error",
}: {
  error: BackendError;
  onRetry?: (() => void) | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="cup-alert cup-alert--danger" role="alert" data-testid={testId} data-code={error.code}>
      <p>{errorText(error)}</p>
      {onRetry !== undefined && (
        <button type="button" className="btn btn-primary btn-sm" data-testid="error-retry" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

export function InfoNotice({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="cup-alert cup-alert--info" role="status" data-testid={testId}>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="cup-loading" role="status" data-testid="loading">
      <span className="cup-spinner" aria-hidden="true" />
      {t("common.loading")}
    </p>
  );
}

/** "mer 24 apr 2024, ore 10:00" in the current language. */
export function useWhen(): (instant: string) => string {
  const { t, i18n } = useTranslation();
  return (instant) =>
    t("booking.offer.when", { date: formatDay(instant, i18n.language), time: formatTime(instant, i18n.language) });
}

/** Facility lines as in the seed: zone, unit, name, address - city (province). */
export function FacilityLines({ offer, withUnit = true }: { offer: Offer; withUnit?: boolean }) {
  const f = offer.facility;
  return (
    <span className="cup-facility">
      <span className="cup-facility__zone">{f.zone}</span>
      {withUnit && <span className="cup-facility__unit">{offer.unit}</span>}
      <span className="cup-facility__name">{f.name}</span>
      <span className="cup-facility__address">
        {f.address} - {f.city} ({f.province})
      </span>
    </span>
  );
}

/** State of one asynchronous load, with a reload. */
export interface Loaded<T> {
  data: T | null;
  error: BackendError | null;
  loading: boolean;
  reload: () => void;
}

export function useLoad<T>(
  load: (() => Promise<T>) | null,
  deps: readonly unknown[],
  onError?: (error: BackendError) => boolean,
): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: BackendError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: load !== null,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (load === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ data: s.data, error: null, loading: true }));
    load().then(
      (data) => {
        if (live) setState({ data, error: null, loading: false });
      },
      (thrown: unknown) => {
        if (!live) return;
        const error = asError(thrown);
        // The flow may take over (session expired...): then this load stays quiet.
        if (onError?.(error) === true) return;
        setState({ data: null, error, loading: false });
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
}

export function asError(thrown: unknown): BackendError {
  return toBackendError(thrown);
}
