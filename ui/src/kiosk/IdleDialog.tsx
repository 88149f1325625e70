import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

/**
 * "Sei ancora lì?": a modal alert dialog with the seconds left before the kiosk resets. The
 * focus moves into it (on "Sì, continuo") and stays there; Escape also means "continuo".
 */
export function IdleDialog({ remaining, onStay, onLeave }: { remaining: number; onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const stayRef = useRef<HTMLButtonElement>(null);
  const leaveRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    stayRef.current?.focus();
    return () => previous?.focus({ preventScroll: true });
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onStay();
    } else if (event.key === "Tab") {
      // Two buttons: Tab and Shift+Tab go from one to the other.
      event.preventDefault();
      (document.activeElement === stayRef.current ? leaveRef.current : stayRef.current)?.focus();
    }
  };

  return (
    <div className="cup-kiosk-dialog__backdrop">
      <div
        className="cup-kiosk-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        data-testid="kiosk-idle-dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="cup-kiosk-dialog__title">
          {t("kiosk.idle.title")}
        </h2>
        <p id={bodyId} className="cup-kiosk-dialog__body">
          {t("kiosk.idle.body", { count: remaining })}
        </p>
        <p className="cup-kiosk-dialog__count" aria-hidden="true" data-testid="kiosk-idle-count">
          {remaining}
        </p>
        <div className="cup-kiosk-dialog__actions">
          <button ref={stayRef} type="button" className="btn btn-primary btn-lg" data-testid="kiosk-idle-stay" onClick={onStay}>
            {t("kiosk.idle.stay")}
          </button>
          <button ref={leaveRef} type="button" className="btn btn-outline-primary btn-lg" data-testid="kiosk-idle-leave" onClick={onLeave}>
            {t("kiosk.idle.leave")}
          </button>
        </div>
      </div>
    </div>
  );
}
