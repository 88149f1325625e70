import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { HoldView } from "../backend";
import { initI18n } from "../i18n";
import { HoldCountdown } from "./HoldCountdown";

// React's act() environment flag for a test runner that is not Jest.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function hold(secondsLeft: number, canExtend = true): HoldView {
  const server = Date.parse("2024-04-24T08:00:00Z");
  return {
    id: 7,
    nre: "0900A1123456701",
    line: 0,
    offer: {
      slot_id: 1,
      starts_at: "2024-04-30T08:00:00Z",
      ends_at: "2024-04-30T08:20:00Z",
      unit: "U",
      facility: { id: 1, name: "F", address: "A", city: "C", province: "PO", zone_id: 1, zone: "Z", lat: 0, lon: 0 },
      distance_km: 1,
      inside_guarantee: true,
    },
    expires_at: new Date(server + secondsLeft * 1000).toISOString(),
    server_time: new Date(server).toISOString(),
    can_extend: canExtend,
    cancel_by: "2024-04-28T08:00:00Z",
  };
}

describe("HoldCountdown", () => {
  let container: HTMLDivElement;
  let root: Root;
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(() => {
    vi.useFakeTimers();
    container = document.createElement("div");
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.useRealTimers();
  });

  const q = (id: string) => container.querySelector(`[data-testid="${id}"]`);

  it("counts down from the server's expiry, whatever the local clock says", () => {
    // The local clock is years away from the server's: only elapsed local time counts.
    act(() =>
      root.render(<HoldCountdown hold={hold(429)} receivedAt={Date.now()} onExpired={() => {}} onExtend={() => {}} extending={false} />),
    );
    expect(q("hold-countdown")?.textContent).toBe("07:09");
    expect(q("hold-warning")).toBeNull();
    act(() => vi.advanceTimersByTime(10_000));
    expect(q("hold-countdown")?.textContent).toBe("06:59");
  });

  it("warns two minutes before the end, with one extension button, then expires", () => {
    const onExpired = vi.fn();
    const onExtend = vi.fn();
    act(() =>
      root.render(<HoldCountdown hold={hold(125)} receivedAt={Date.now()} onExpired={onExpired} onExtend={onExtend} extending={false} />),
    );
    expect(q("hold-warning")).toBeNull();
    act(() => vi.advanceTimersByTime(6_000));
    expect(q("hold-warning")?.textContent).toMatch(/meno di 2 minuti/);
    expect(q("hold-warning-region")?.getAttribute("aria-live")).toBe("assertive");
    (q("hold-extend") as HTMLButtonElement).click();
    expect(onExtend).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(120_000));
    expect(q("hold-countdown")?.textContent).toBe("00:00");
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it("offers no extension when the backend does not allow one", () => {
    act(() =>
      root.render(<HoldCountdown hold={hold(60, false)} receivedAt={Date.now()} onExpired={() => {}} onExtend={() => {}} extending={false} />),
    );
    expect(q("hold-warning")).not.toBeNull();
    expect(q("hold-extend")).toBeNull();
  });
});
