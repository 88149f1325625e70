import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from "react";

export interface Choice {
  label: string;
  testId: string;
  onChoose: () => void;
}

/**
 * A question with two answers, as a modal alert dialog: the focus moves to the safe answer
 * (`stay`) and stays inside (Tab and Shift+Tab go from one answer to the other); Escape means
 * `stay`; the focus goes back where it was when the dialog closes. `variant` picks the styles
 * (`cup-dialog`, or the kiosk's larger `cup-kiosk-dialog`).
 */
export function ChoiceDialog({
  title,
  body,
  extra,
  stay,
  leave,
  testId,
  variant = "cup-dialog",
}: {
  title: string;
  body: string;
  /** Shown after the body, hidden from assistive technologies (e.g. a big countdown). */
  extra?: ReactNode;
  stay: Choice;
  leave: Choice;
  testId: string;
  variant?: "cup-dialog" | "cup-kiosk-dialog";
}) {
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
      stay.onChoose();
    } else if (event.key === "Tab") {
      event.preventDefault();
      (document.activeElement === stayRef.current ? leaveRef.current : stayRef.current)?.focus();
    }
  };

  return (
    <div className="cup-dialog__backdrop">
      <div
        className={variant}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className={`${variant}__title`}>
          {title}
        </h2>
        <p id={bodyId} className={`${variant}__body`}>
          {body}
        </p>
        {extra}
        <div className={`${variant}__actions`}>
          <button ref={stayRef} type="button" className="btn btn-primary btn-lg" data-testid={stay.testId} onClick={stay.onChoose}>
            {stay.label}
          </button>
          <button ref={leaveRef} type="button" className="btn btn-outline-primary btn-lg" data-testid={leave.testId} onClick={leave.onChoose}>
            {leave.label}
          </button>
        </div>
      </div>
    </div>
  );
}
