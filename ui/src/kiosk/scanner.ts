// The promemoria's NRE barcode, read by a scanner that types like a keyboard: wherever the
// focus is on the access form, the burst goes into the NRE field (what it typed into another
// field is taken back), and the focus moves on to the next field.

import { useEffect } from "react";
import { BurstDetector, isNre } from "./burst";
import { nextControl, setInputValue } from "./dom";

/** The NRE fields a scan fills, the first one on screen wins. */
const NRE_FIELDS = ['[data-testid="access-nre"]'];

function nreField(doc: Document): HTMLInputElement | null {
  for (const selector of NRE_FIELDS) {
    const found = doc.querySelector(selector);
    if (found instanceof HTMLInputElement && !found.disabled) return found;
  }
  return null;
}

/** Where a burst started typing, and what was there before, to take it back. */
interface Before {
  input: HTMLInputElement;
  value: string;
}

/** Listens to the whole document (capture phase, so the form never sees a scan's Enter). */
export function attachScanner(doc: Document = document, detector = new BurstDetector()): () => void {
  let before: Before | null = null;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      detector.reset();
      return;
    }
    const key = typeof event.key === "string" ? event.key : "";
    if (key.length === 1) {
      if (detector.key(key)) {
        const active = doc.activeElement;
        before = active instanceof HTMLInputElement ? { input: active, value: active.value } : null;
      }
      return;
    }
    if (key !== "Enter") {
      if (key !== "Shift") detector.reset();
      return;
    }
    const burst = detector.enter()?.toUpperCase() ?? null;
    const target = nreField(doc);
    if (burst === null || !isNre(burst) || target === null) return;
    event.preventDefault();
    event.stopPropagation();
    if (before !== null && before.input !== target && before.input.isConnected) {
      setInputValue(before.input, before.value);
    }
    before = null;
    setInputValue(target, burst);
    const next = nextControl(target);
    (next ?? target).focus();
  };
  // A scanner never moves the focus in the middle of a burst: a new field is a new start.
  const onFocusIn = () => {
    detector.reset();
    before = null;
  };
  doc.addEventListener("keydown", onKeyDown, { capture: true });
  doc.addEventListener("focusin", onFocusIn);
  return () => {
    doc.removeEventListener("keydown", onKeyDown, { capture: true });
    doc.removeEventListener("focusin", onFocusIn);
  };
}

/** The scanner, while the kiosk is on screen. */
export function useScanner(): void {
  useEffect(() => attachScanner(), []);
}
