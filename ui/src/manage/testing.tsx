// Helpers of the management flow's component tests (happy-dom + React's act): render, find by
// test id, type and click like a user, wait for what appears. Test-only: no screen imports it.
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import type { BookingView } from "../backend";
import { AnnouncerProvider } from "../a11y/Announcer";

// React's act() environment flag for a test runner that is not Jest.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Screen {
  container: HTMLDivElement;
  render: (element: ReactNode) => void;
  byTestId: <T extends HTMLElement = HTMLElement>(testId: string) => T;
  maybe: (testId: string) => HTMLElement | null;
  allByTestId: (testId: string) => HTMLElement[];
  text: () => string;
  unmount: () => void;
}

export function mount(): Screen {
  const container = document.createElement("div");
  document.body.append(container);
  let root: Root | null = createRoot(container);
  const maybe = (testId: string) => container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  return {
    container,
    render: (element) => act(() => root?.render(<AnnouncerProvider>{element}</AnnouncerProvider>)),
    byTestId: <T extends HTMLElement = HTMLElement>(testId: string) => {
      const element = maybe(testId);
      if (element === null) throw new Error(`no element with data-testid="${testId}" in: ${container.textContent ?? ""}`);
      return element as T;
    },
    maybe,
    allByTestId: (testId) => [...container.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)],
    // What a sighted user reads (the announcer's live region is for screen readers only).
    text: () =>
      [...container.childNodes]
        .map((n) => (n instanceof HTMLElement && n.dataset["testid"] === "announcer" ? "" : (n.textContent ?? "")))
        .join(" "),
    unmount: () => {
      act(() => root?.unmount());
      root = null;
      container.remove();
    },
  };
}

/** Types into a React-controlled input as a user would (one input event with the new value). */
export function type(input: HTMLElement, value: string): void {
  if (!(input instanceof HTMLInputElement)) throw new Error("not an input");
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  act(() => {
    setter?.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

export function click(element: HTMLElement): void {
  act(() => element.click());
}

/** Lets pending promises and timers (the backend's answers) land inside act. */
export async function settle(ms = 10): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

/** Polls (letting React and timers run) until `check` returns something truthy. */
export async function waitFor<T>(check: () => T | null | undefined | false, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() - start > timeoutMs) throw new Error("waitFor: timed out");
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
}

/** A booking as the backend sends it, with what a test needs changed. */
export function booking(change: Partial<BookingView> = {}): BookingView {
  const starts = change.offer?.starts_at ?? "2024-04-11T08:00:00Z";
  return {
    cup_number: "202314155328",
    pin: "12345674",
    status: "booked",
    nre: "0900A4262701932",
    line: 0,
    service: {
      id: 1,
      code: "P009",
      description: "CONSULENZA CARDIOLOGICA 1 VISITA",
      branch: "",
      kind: "visit",
      tariff_cents: 2_400,
      preparation: "",
      preparation_en: "",
    },
    quantity: 1,
    offer: {
      slot_id: 7,
      starts_at: starts,
      ends_at: "2024-04-11T08:20:00Z",
      unit: "[104]-CARDIOLOGIA AMB.",
      facility: {
        id: 21,
        name: "POLIAMBULATORIO SCANDICCI",
        address: "VIA VIVALDI ANGOLO VIA PISANA",
        city: "SCANDICCI",
        province: "FI",
        zone_id: 2,
        zone: "AREA DI FIRENZE",
        lat: 0,
        lon: 0,
      },
      distance_km: 2,
      inside_guarantee: true,
    },
    ticket_cents: 3_800,
    exemption: null,
    notice_number: "301000000000010533",
    iuv: "01000000000010533",
    guarantee: "kept",
    sms_phone: null,
    cancel_by: new Date(Date.parse(starts) - 48 * 3600_000).toISOString(),
    malum_owed: false,
    channel: "app",
    created_at: "2024-03-01T10:00:00Z",
    cancelled_at: null,
    moved_to: null,
    moved_from: null,
    ...change,
  };
}
