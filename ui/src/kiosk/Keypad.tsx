import { useEffect, useState, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";
import { isTextInput, keypadLayout, nextControl, setInputValue } from "./dom";

const DIGIT_ROWS = [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]] as const;
const LETTER_ROWS = ["QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"] as const;

/** Types `text` at the caret of `input` (replacing a selection), within its maxLength. */
function typeInto(input: HTMLInputElement, text: string): void {
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? input.value.length;
  const next = input.value.slice(0, start) + text + input.value.slice(end);
  if (input.maxLength > 0 && next.length > input.maxLength) return;
  setInputValue(input, next);
  try {
    input.setSelectionRange(start + text.length, start + text.length);
  } catch {
    // some input types have no caret
  }
}

function backspace(input: HTMLInputElement): void {
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? input.value.length;
  if (start === end && start === 0) return;
  const from = start === end ? start - 1 : start;
  setInputValue(input, input.value.slice(0, from) + input.value.slice(end));
  try {
    input.setSelectionRange(from, from);
  } catch {
    // some input types have no caret
  }
}

/**
 * The kiosk's on-screen keypad: shown under the page while a text field has the focus, with
 * digits only for the numeric fields (card number, PIN, CUP number, phone) and letters and
 * digits for the others (NRE, codice fiscale). Its keys never take the focus from the field
 * (a physical keyboard or a scanner keeps working too).
 */
export function Keypad() {
  const { t } = useTranslation();
  const [target, setTarget] = useState<HTMLInputElement | null>(null);

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const element = event.target as Element | null;
      if (element instanceof Element && element.closest("[data-kiosk-keypad]") !== null) return;
      setTarget(isTextInput(element) ? element : null);
    };
    // Focus gone to nothing (a tap on the page): the keypad goes too, unless it was its own.
    const onFocusOut = () => {
      setTimeout(() => {
        const active = document.activeElement;
        if (active !== null && active.closest("[data-kiosk-keypad]") !== null) return;
        if (!isTextInput(active)) setTarget(null);
      }, 0);
    };
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("focusout", onFocusOut);
    };
  }, []);

  const [panel, setPanel] = useState<HTMLDivElement | null>(null);

  useEffect(() => {
    document.documentElement.classList.toggle("cup-kiosk--keypad", target !== null);
    if (target !== null) target.scrollIntoView({ block: "center" });
    return () => document.documentElement.classList.remove("cup-kiosk--keypad");
  }, [target]);

  // The page keeps room for the keypad (and scrolls fields above it): its height as a CSS
  // variable, written through the CSSOM (the CSP allows no inline styles).
  useEffect(() => {
    const root = document.documentElement;
    if (panel === null || typeof ResizeObserver === "undefined") return;
    // The tallest keypad so far: the room below the page never shrinks under a finger.
    const observer = new ResizeObserver(() => {
      const current = Number.parseFloat(root.style.getPropertyValue("--cup-keypad-height")) || 0;
      if (panel.offsetHeight > current) root.style.setProperty("--cup-keypad-height", `${panel.offsetHeight}px`);
    });
    observer.observe(panel);
    return () => observer.disconnect();
  }, [panel]);

  if (target === null || !target.isConnected) return null;
  const layout = keypadLayout(target);
  // Keys act on press and keep the focus in the field.
  const keep = (event: PointerEvent<HTMLButtonElement>) => event.preventDefault();
  const key = (label: string, text: string = label) => (
    <button
      key={label}
      type="button"
      tabIndex={-1}
      className="cup-keypad__key"
      data-testid={`keypad-${label}`}
      onPointerDown={keep}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        typeInto(target, text);
        target.focus();
      }}
    >
      {label}
    </button>
  );
  return (
    <div
      ref={setPanel}
      className={`cup-keypad cup-keypad--${layout}`}
      role="group"
      aria-label={t("kiosk.keypad.label")}
      data-kiosk-keypad=""
      data-testid="kiosk-keypad"
      data-layout={layout}
    >
      <div className="cup-keypad__rows">
        {DIGIT_ROWS.map((row) => (
          <div className="cup-keypad__row" key={row.join("")}>
            {row.map((d) => key(d))}
          </div>
        ))}
        <div className="cup-keypad__row">{key("0")}</div>
      </div>
      {layout === "alphanumeric" && (
        <div className="cup-keypad__rows cup-keypad__rows--letters">
          {LETTER_ROWS.map((row) => (
            <div className="cup-keypad__row" key={row}>
              {[...row].map((l) => key(l))}
            </div>
          ))}
        </div>
      )}
      <div className="cup-keypad__rows cup-keypad__rows--actions">
        <button
          type="button"
          tabIndex={-1}
          className="cup-keypad__key cup-keypad__key--wide"
          data-testid="keypad-delete"
          onPointerDown={keep}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            backspace(target);
            target.focus();
          }}
        >
          {t("kiosk.keypad.delete")}
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="cup-keypad__key cup-keypad__key--wide cup-keypad__key--primary"
          data-testid="keypad-next"
          onPointerDown={keep}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            const next = nextControl(target);
            if (next !== null) next.focus();
            else setTarget(null);
          }}
        >
          {t("kiosk.keypad.next")}
        </button>
      </div>
    </div>
  );
}
