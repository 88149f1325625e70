// Typing into a React-controlled input from outside React (the on-screen keypad, the barcode
// scanner): set the value through the element's own setter and send an `input` event, as the
// browser does for a key, so the form's onChange sees it.

export function setInputValue(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  if (setter === undefined) input.value = value;
  else setter.call(input, value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

const TEXT_TYPES = new Set(["text", "search", "tel", "number", ""]);

/** A text field a person can type into (not a checkbox, not read-only, not disabled). */
export function isTextInput(element: Element | null): element is HTMLInputElement {
  return (
    element instanceof HTMLInputElement &&
    TEXT_TYPES.has(element.type) &&
    !element.readOnly &&
    !element.disabled
  );
}

/** Digits only (card number, PIN, CUP number, phone) or letters and digits (NRE, codice fiscale). */
export function keypadLayout(input: HTMLInputElement): "numeric" | "alphanumeric" {
  return input.inputMode === "numeric" || input.type === "tel" || input.type === "number" ? "numeric" : "alphanumeric";
}

/** The next control after `element` in its form, in document order. */
export function nextControl(element: HTMLElement): HTMLElement | null {
  const form = element.closest("form");
  if (form === null) return null;
  const controls = [...form.querySelectorAll<HTMLElement>("input, select, textarea, button")].filter(
    (c) => !(c as HTMLInputElement).disabled && c.getAttribute("type") !== "hidden",
  );
  const index = controls.indexOf(element);
  return index >= 0 ? (controls[index + 1] ?? null) : null;
}
