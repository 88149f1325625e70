// The slot held (RISERVATO) while the citizen confirms — a booking or a move: the hold as the
// server answered it, when it arrived (the countdown runs from there), its one extension, and
// giving it back. Shared by the booking flow and GESTISCI's move.
import { useCallback, useRef, useState } from "react";
import { backend, type BackendError, type HoldView } from "../backend";
import { asError } from "./parts";

export interface Held {
  view: HoldView;
  /** `Date.now()` when the hold arrived: the countdown's origin beside the server's times. */
  receivedAt: number;
}

export interface HeldSlotEvents {
  /** Errors the whole flow handles (session expired); true when handled. */
  onFatal: (error: BackendError) => boolean;
  /** The hold ran out (the hook has already dropped it): back to the offer. */
  onExpired: () => void;
  /** The extension failed for another reason than the hold having run out. */
  onExtendError: (error: BackendError) => void;
  /** The hold was extended (to be announced). */
  onExtended: () => void;
}

export interface HeldSlot {
  held: Held | null;
  extending: boolean;
  /** Keeps a hold the server just answered with. */
  keep: (view: HoldView) => void;
  /** Forgets the hold without a call: it was booked, used by a move, or is gone. */
  drop: () => void;
  /** Gives the held slot back to everyone (the citizen changes the choice or leaves). */
  release: () => void;
  /** The countdown reached zero. Stable across renders. */
  expire: () => void;
  /** Asks for the one extension. */
  extend: () => void;
}

export function useHeldSlot(events: HeldSlotEvents): HeldSlot {
  const [held, setHeld] = useState<Held | null>(null);
  const [extending, setExtending] = useState(false);
  // The latest handlers, so that `expire` stays the same function for the countdown's timer.
  const latest = useRef(events);
  latest.current = events;

  const keep = useCallback((view: HoldView) => setHeld({ view, receivedAt: Date.now() }), []);
  const drop = useCallback(() => setHeld(null), []);

  const expire = useCallback(() => {
    setHeld(null);
    latest.current.onExpired();
  }, []);

  const release = () => {
    if (held !== null) {
      backend.releaseHold(held.view.id).catch((thrown: unknown) => console.warn("release_hold failed", thrown));
    }
    setHeld(null);
  };

  const extend = () => {
    if (held === null) return;
    setExtending(true);
    backend.extendHold(held.view.id).then(
      (view) => {
        setExtending(false);
        keep(view);
        latest.current.onExtended();
      },
      (thrown: unknown) => {
        setExtending(false);
        const error = asError(thrown);
        if (latest.current.onFatal(error)) return;
        if (error.code === "hold_expired") expire();
        else latest.current.onExtendError(error);
      },
    );
  };

  return { held, extending, keep, drop, release, expire, extend };
}
