import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { attachScanner } from "./scanner";

/** The access form's fields, as the booking's Access screen has them. */
function accessForm(): { cf: HTMLInputElement; nre: HTMLInputElement; consent: HTMLInputElement } {
  document.body.innerHTML = `
    <form data-testid="access-form">
      <input data-testid="access-cf" type="text" />
      <input data-testid="access-tessera" type="text" inputmode="numeric" />
      <input data-testid="access-nre" type="text" />
      <input data-testid="access-consent" type="checkbox" />
      <button type="submit">Avanti</button>
    </form>`;
  const get = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
  return { cf: get("access-cf"), nre: get("access-nre"), consent: get("access-consent") };
}

/** Keys as a keyboard sends them: keydown, then (unless prevented) the character lands in the field. */
function press(key: string): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
  const target = document.activeElement ?? document.body;
  target.dispatchEvent(event);
  if (!event.defaultPrevented && key.length === 1 && target instanceof HTMLInputElement) target.value += key;
  return event;
}

function typeText(text: string, gapMs: number): void {
  for (const char of text) {
    press(char);
    vi.advanceTimersByTime(gapMs);
  }
}

describe("the barcode scanner on the access form", () => {
  let detach: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    detach = attachScanner(document);
  });
  afterEach(() => {
    detach();
    vi.useRealTimers();
    document.body.innerHTML = "";
  });

  it("a scan in the NRE field fills it and moves on to the next field", () => {
    const { nre, consent } = accessForm();
    nre.focus();
    typeText("0900A1123456701", 3);
    const enter = press("Enter");
    expect(enter.defaultPrevented).toBe(true);
    expect(nre.value).toBe("0900A1123456701");
    expect(document.activeElement).toBe(consent);
  });

  it("a scan while another field has the focus goes into the NRE field, and that field is given back", () => {
    const { cf, nre, consent } = accessForm();
    cf.focus();
    typeText("BNCGLI", 150); // a person typing
    vi.advanceTimersByTime(400);
    typeText("0900a1123456702", 4); // then the scanner (lower case is read as upper case)
    const inputs: string[] = [];
    nre.addEventListener("input", () => inputs.push(nre.value));
    press("Enter");
    expect(cf.value).toBe("BNCGLI");
    expect(nre.value).toBe("0900A1123456702");
    expect(inputs).toEqual(["0900A1123456702"]);
    expect(document.activeElement).toBe(consent);
  });

  it("keys typed in another field just before the scan are not part of it", () => {
    const { cf, nre, consent } = accessForm();
    const tessera = document.querySelector('[data-testid="access-tessera"]') as HTMLInputElement;
    tessera.focus();
    typeText("80380000001234560016", 2); // fast, as a test driver types
    cf.focus();
    typeText("0900A1123456701", 2);
    expect(press("Enter").defaultPrevented).toBe(true);
    expect(nre.value).toBe("0900A1123456701");
    expect(tessera.value).toBe("80380000001234560016");
    expect(cf.value).toBe("");
    expect(document.activeElement).toBe(consent);
  });

  it("a person typing and pressing Enter submits as usual", () => {
    const { nre } = accessForm();
    nre.focus();
    typeText("0900A1123456701", 120);
    const enter = press("Enter");
    expect(enter.defaultPrevented).toBe(false);
    expect(nre.value).toBe("0900A1123456701");
  });

  it("a burst that is not an NRE, or no access form, is left alone", () => {
    const { cf } = accessForm();
    cf.focus();
    typeText("80380000001234560016", 3);
    expect(press("Enter").defaultPrevented).toBe(false);
    document.body.innerHTML = `<input id="other" type="text" />`;
    (document.getElementById("other") as HTMLInputElement).focus();
    typeText("0900A1123456701", 3);
    expect(press("Enter").defaultPrevented).toBe(false);
  });
});
