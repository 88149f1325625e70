import i18next from "i18next";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Backend } from "../backend";
import { createWebBackend } from "../backend/web";
import { initI18n } from "../i18n";
import { click, mount, settle, type, waitFor, type Screen } from "../manage/testing";
import { MissedReminders, resetDismissedForTests } from "./MissedReminders";
import { ReminderPanel } from "./ReminderSettings";

const holder = vi.hoisted(() => ({ current: null as unknown as Backend }));

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    backend: new Proxy({} as Backend, { get: (_target, prop) => Reflect.get(holder.current, prop) as unknown }),
  };
});

function select(element: HTMLElement, value: string): void {
  if (!(element instanceof HTMLSelectElement)) throw new Error("not a select");
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")?.set;
  setter?.call(element, value);
  element.dispatchEvent(new Event("change", { bubbles: true }));
}

describe("ReminderPanel", () => {
  let screen: Screen;
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(async () => {
    await i18next.changeLanguage("it");
    holder.current = createWebBackend({ delayMs: 0 });
    screen = mount();
  });
  afterEach(async () => {
    await settle();
    screen.unmount();
  });

  it("says when reminders come, and edits, saves and tries them", async () => {
    const saved = vi.spyOn(holder.current, "setReminderLeadTimes");
    const tried = vi.spyOn(holder.current, "testNotification");
    screen.render(<ReminderPanel />);
    await waitFor(() => screen.maybe("reminders-summary"));
    expect(screen.byTestId("reminders-summary").textContent).toBe("Il giorno prima alle 18:00 · 2 ore prima");
    const toggle = screen.byTestId("reminders-toggle");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(screen.allByTestId("reminder-row")).toHaveLength(2);
    expect(screen.byTestId<HTMLInputElement>("reminder-time-0").value).toBe("18:00");
    expect(screen.byTestId<HTMLInputElement>("reminder-amount-1").value).toBe("2");

    // Two days before at 09:30, and 45 minutes before.
    type(screen.byTestId("reminder-days-0"), "2");
    type(screen.byTestId("reminder-time-0"), "09:30");
    type(screen.byTestId("reminder-amount-1"), "45");
    select(screen.byTestId("reminder-unit-1"), "minutes");
    click(screen.byTestId("reminders-save"));
    await waitFor(() => screen.maybe("reminders-status"));
    expect(saved).toHaveBeenCalledWith([
      { kind: "days_before_at", days: 2, hour: 9, minute: 30 },
      { kind: "minutes_before", minutes: 45 },
    ]);
    expect(screen.byTestId("reminders-summary").textContent).toBe("2 giorni prima alle 09:30 · 45 minuti prima");

    click(screen.byTestId("reminders-test"));
    await waitFor(() => screen.maybe("reminders-status")?.textContent?.startsWith("Notifica di prova inviata"));
    expect(tried).toHaveBeenCalledWith("it");
  });

  it("keeps from 1 to 5 reminders and checks their values", async () => {
    const saved = vi.spyOn(holder.current, "setReminderLeadTimes");
    screen.render(<ReminderPanel />);
    await waitFor(() => screen.maybe("reminders-toggle"));
    click(screen.byTestId("reminders-toggle"));
    const add = screen.byTestId("reminders-add");
    for (let i = 0; i < 5; i += 1) click(add);
    expect(screen.allByTestId("reminder-row")).toHaveLength(5);
    expect(add.getAttribute("aria-disabled")).toBe("true");
    expect(screen.text()).toContain("Puoi avere al massimo 5 promemoria.");
    for (let i = 4; i > 0; i -= 1) click(screen.byTestId(`reminder-remove-${i}`));
    expect(screen.allByTestId("reminder-row")).toHaveLength(1);
    expect(screen.byTestId("reminder-remove-0").getAttribute("aria-disabled")).toBe("true");
    click(screen.byTestId("reminder-remove-0"));
    expect(screen.allByTestId("reminder-row")).toHaveLength(1);

    type(screen.byTestId("reminder-days-0"), "20");
    click(screen.byTestId("reminders-save"));
    const error = await waitFor(() => screen.maybe("reminders-error"));
    expect(error.dataset["code"]).toBe("reminder_lead_time_invalid");
    expect(saved).not.toHaveBeenCalled();

    click(screen.byTestId("reminders-defaults"));
    await waitFor(() => screen.maybe("reminders-status"));
    expect(screen.allByTestId("reminder-row")).toHaveLength(2);
  });

  it("is not there where the device keeps no reminders", async () => {
    vi.spyOn(holder.current, "reminderSettings").mockResolvedValue({ available: false, leadTimes: [] });
    screen.render(<ReminderPanel />);
    await settle();
    expect(screen.maybe("reminders-panel")).toBeNull();
  });
});

describe("MissedReminders", () => {
  let screen: Screen;
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(async () => {
    await i18next.changeLanguage("it");
    resetDismissedForTests();
    screen = mount();
  });
  afterEach(async () => {
    await settle();
    screen.unmount();
  });

  it("shows what was missed while the app was closed until dismissed", async () => {
    holder.current = createWebBackend({
      delayMs: 0,
      missedReminders: [
        {
          cupNumber: "202600000102",
          startsAt: "2024-04-11T08:00:00Z",
          title: "Promemoria appuntamento",
          body: "Hai un appuntamento oggi alle 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO",
        },
      ],
    });
    const asked = vi.spyOn(holder.current, "missedReminders");
    screen.render(<MissedReminders />);
    const body = await waitFor(() => screen.maybe("missed-reminder-body"));
    expect(asked).toHaveBeenCalledWith("it");
    expect(body.textContent).toBe("Hai un appuntamento oggi alle 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO");
    expect(screen.byTestId("missed-reminder").getAttribute("role")).toBe("status");
    const dismiss = screen.byTestId("missed-reminder").querySelector("button");
    if (dismiss === null) throw new Error("no dismiss button");
    click(dismiss);
    expect(screen.maybe("missed-reminders")).toBeNull();
    // Not again for this window's life.
    screen.render(<MissedReminders key="again" />);
    await settle();
    expect(screen.maybe("missed-reminders")).toBeNull();
  });

  it("shows nothing when nothing was missed", async () => {
    holder.current = createWebBackend({ delayMs: 0 });
    screen.render(<MissedReminders />);
    await settle();
    expect(screen.maybe("missed-reminders")).toBeNull();
  });
});
