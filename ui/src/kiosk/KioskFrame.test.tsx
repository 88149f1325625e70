import { act, useState } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { initI18n } from "../i18n";
import { KioskFrame } from "./KioskFrame";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A controlled field, as the app's forms have them. */
function CardField() {
  const [value, setValue] = useState("");
  return (
    <form>
      <input data-testid="card" type="text" inputMode="numeric" maxLength={4} value={value} onChange={(e) => setValue(e.target.value)} />
      <input data-testid="nre" type="text" value="" onChange={() => undefined} />
      <output data-testid="state">{value}</output>
    </form>
  );
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe("KioskFrame", () => {
  let container: HTMLDivElement;
  let root: Root;
  let onReset: ReturnType<typeof vi.fn<() => void>>;
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(() => {
    vi.useFakeTimers();
    container = document.createElement("div");
    document.body.appendChild(container);
    root = createRoot(container);
    onReset = vi.fn<() => void>();
    act(() => {
      root.render(
        <KioskFrame idleTimeoutSecs={5} countdownSecs={3} printer={false} onReset={onReset}>
          <CardField />
        </KioskFrame>,
      );
    });
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.useRealTimers();
  });

  it("marks the page as a kiosk and offers 'Ho finito', which resets at once", () => {
    expect(document.documentElement.dataset["kiosk"]).toBe("");
    const finish = byTestId("kiosk-finish");
    expect(finish?.textContent).toBe("Ho finito");
    act(() => finish?.click());
    expect(onReset).toHaveBeenCalledTimes(1);
  });

  it("asks 'Sei ancora lì?' after the idle time, with the focus on 'Sì, continuo', then resets", () => {
    act(() => vi.advanceTimersByTime(60_000));
    expect(byTestId("kiosk-idle-dialog")).toBeNull();
    act(() => {
      document.body.dispatchEvent(new Event("pointerdown", { bubbles: true }));
    });
    act(() => vi.advanceTimersByTime(5000));
    const dialog = byTestId("kiosk-idle-dialog");
    expect(dialog?.getAttribute("role")).toBe("alertdialog");
    expect(dialog?.getAttribute("aria-modal")).toBe("true");
    expect(document.activeElement).toBe(byTestId("kiosk-idle-stay"));
    expect(byTestId("kiosk-idle-count")?.textContent).toBe("3");
    expect(byTestId("kiosk-frame")?.hasAttribute("inert")).toBe(true);
    act(() => vi.advanceTimersByTime(1000));
    expect(byTestId("kiosk-idle-count")?.textContent).toBe("2");
    expect(onReset).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(2000));
    expect(onReset).toHaveBeenCalledTimes(1);
  });

  it("'Sì, continuo' closes the question and the idle time starts again", () => {
    act(() => {
      document.body.dispatchEvent(new Event("keydown", { bubbles: true }));
    });
    act(() => vi.advanceTimersByTime(5000));
    act(() => byTestId("kiosk-idle-stay")?.click());
    expect(byTestId("kiosk-idle-dialog")).toBeNull();
    act(() => vi.advanceTimersByTime(4000));
    expect(byTestId("kiosk-idle-dialog")).toBeNull();
    act(() => vi.advanceTimersByTime(1000));
    expect(byTestId("kiosk-idle-dialog")).not.toBeNull();
    expect(onReset).not.toHaveBeenCalled();
  });

  it("shows a numeric keypad for a numeric field, whose keys type into the form's state", () => {
    const card = byTestId("card") as HTMLInputElement;
    act(() => card.focus());
    const keypad = byTestId("kiosk-keypad");
    expect(keypad?.dataset["layout"]).toBe("numeric");
    expect(byTestId("keypad-A")).toBeNull();
    act(() => byTestId("keypad-4")?.click());
    act(() => byTestId("keypad-2")?.click());
    expect(byTestId("state")?.textContent).toBe("42");
    expect(document.activeElement).toBe(card);
    act(() => byTestId("keypad-delete")?.click());
    expect(byTestId("state")?.textContent).toBe("4");
    for (const key of ["1", "2", "3", "4"]) act(() => byTestId(`keypad-${key}`)?.click());
    expect(byTestId("state")?.textContent).toBe("4123"); // maxLength holds
    // Letters and digits for the others; "Avanti" goes to the next field.
    act(() => byTestId("keypad-next")?.click());
    expect(document.activeElement).toBe(byTestId("nre"));
    expect(byTestId("kiosk-keypad")?.dataset["layout"]).toBe("alphanumeric");
    expect(byTestId("keypad-A")).not.toBeNull();
  });
});
