import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { HoldView } from "../backend";
import { formatMmSs, holdRemainingMs } from "./format";

const WARNING_MS = 2 * 60_000;

/**
 * "Tempo residuo per ultimare la prenotazione: mm:ss", counted from the server's expiry (the
 * local clock's skew removed), a spoken warning two minutes before the end with one
 * "Estendi il tempo" when the backend allows it (WCAG 2.2.1), and `onExpired` at zero.
 */
export function HoldCountdown({
  hold,
  receivedAt,
  onExpired,
  onExtend,
  extending,
}: {
  hold: HoldView;
  receivedAt: number;
  onExpired: () => void;
  onExtend: () => void;
  extending: boolean;
}) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const expiredFor = useRef<number | null>(null);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const remaining = holdRemainingMs(hold.expires_at, hold.server_time, receivedAt, now);
  const warning = remaining > 0 && remaining <= WARNING_MS;

  useEffect(() => {
    if (remaining <= 0 && expiredFor.current !== hold.id) {
      expiredFor.current = hold.id;
      onExpired();
    }
  }, [remaining, hold.id, onExpired]);

  const seconds = Math.ceil(remaining / 1000);
  return (
    <div className={`cup-countdown${warning ? " cup-countdown--warning" : ""}`} data-testid="hold">
      <p className="cup-countdown__line">
        <span>{t("booking.hold.remaining")} </span>
        <strong
          className="cup-countdown__time"
          data-testid="hold-countdown"
          role="timer"
          aria-label={t("booking.hold.remainingAria", { minutes: Math.floor(seconds / 60), seconds: seconds % 60 })}
        >
          {formatMmSs(remaining)}
        </strong>
      </p>
      {/* Present from the start so that the text inserted later is announced. */}
      <div role="alert" aria-live="assertive" className="cup-countdown__alert" data-testid="hold-warning-region">
        {warning && (
          <p className="cup-countdown__warning" data-testid="hold-warning">
            {hold.can_extend ? t("booking.hold.warning") : t("booking.hold.warningNoExtend")}
          </p>
        )}
      </div>
      {warning && hold.can_extend && (
        <button type="button" className="btn btn-primary" data-testid="hold-extend" aria-disabled={extending} onClick={() => !extending && onExtend()}>
          {t("booking.hold.extend")}
        </button>
      )}
    </div>
  );
}
