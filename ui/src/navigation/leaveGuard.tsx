// "Vuoi lasciare l'appuntamento riservato?": a screen with something the citizen would lose
// by leaving (a held slot) registers a guard; every navigation of the app (the header's menu,
// the home buttons) asks it first. On "Sì, lascia" the guard's `leave` runs (the hold is given
// back) and the navigation goes on; on "No, resta" nothing changes.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { ChoiceDialog } from "../components/ChoiceDialog";
import { useTranslation } from "react-i18next";

export interface LeaveGuard {
  /** Gives back what would be lost (e.g. releases the held slot). */
  leave: () => void;
}

export interface LeaveGuardRegistry {
  /** Sets (or, with null, clears) the guard of the screen shown. */
  setGuard: (guard: LeaveGuard | null) => void;
}

export const LeaveGuardContext = createContext<LeaveGuardRegistry>({ setGuard: () => undefined });

export interface GuardedNavigation<S> {
  /** For LeaveGuardContext's provider. */
  registry: LeaveGuardRegistry;
  /** Goes to `next`, or, when the screen shown is guarded, asks first. */
  navigate: (next: S) => void;
  /** The screen asked for while the question is open (null: no question). */
  pending: S | null;
  /** "No, resta": the question closes, nothing changes. */
  stay: () => void;
  /** "Sì, lascia": the guard's `leave` runs, then the navigation goes on. */
  leave: () => void;
}

/** The app's navigation with its guard: `go` really changes the screen shown (`current`). */
export function useGuardedNavigation<S>(current: S, go: (next: S) => void): GuardedNavigation<S> {
  const guard = useRef<LeaveGuard | null>(null);
  const [pending, setPending] = useState<S | null>(null);
  const registry = useMemo<LeaveGuardRegistry>(() => ({ setGuard: (next) => void (guard.current = next) }), []);
  const shown = useRef(current);
  shown.current = current;
  const navigate = useCallback(
    (next: S) => {
      if (guard.current !== null && next !== shown.current) {
        setPending(next);
        return;
      }
      go(next);
    },
    [go],
  );
  const stay = useCallback(() => setPending(null), []);
  const leave = () => {
    const next = pending;
    setPending(null);
    const left = guard.current;
    guard.current = null;
    left?.leave();
    if (next !== null) go(next);
  };
  return { registry, navigate, pending, stay, leave };
}

/** While `active`, navigating away from the screen asks first, then calls `leave`. */
export function useLeaveGuard(active: boolean, leave: () => void): void {
  const { setGuard } = useContext(LeaveGuardContext);
  const latest = useRef(leave);
  latest.current = leave;
  useEffect(() => {
    if (!active) return;
    setGuard({ leave: () => latest.current() });
    return () => setGuard(null);
  }, [active, setGuard]);
}

/** The question, as a modal alert dialog: focus on "No, resta" (the safe answer), Escape = stay. */
export function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  return (
    <ChoiceDialog
      testId="leave-dialog"
      title={t("leave.title")}
      body={t("leave.body")}
      stay={{ label: t("leave.stay"), testId: "leave-stay", onChoose: onStay }}
      leave={{ label: t("leave.confirm"), testId: "leave-confirm", onChoose: onLeave }}
    />
  );
}
