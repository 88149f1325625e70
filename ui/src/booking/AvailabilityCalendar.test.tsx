import { today } from "@internationalized/date";
import i18next from "i18next";
import { act } from "react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { initI18n } from "../i18n";
import { click, mount, type Screen } from "../manage/testing";
import { AvailabilityCalendar } from "./AvailabilityCalendar";
import { TIME_ZONE } from "./format";

// Next month: every day of it is after today, so only "no places" makes a day unselectable.
const first = today(TIME_ZONE).add({ months: 1 }).set({ day: 1 });
const MONTH = first.toString().slice(0, 7);
const FREE = first.add({ days: 9 }).toString();
const ALSO_FREE = first.add({ days: 10 }).toString();
const NONE = first.add({ days: 11 }).toString();

describe("AvailabilityCalendar", () => {
  let screen: Screen;
  const onSelect = vi.fn();
  const onMonthChange = vi.fn();
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(async () => {
    await i18next.changeLanguage("it");
    onSelect.mockReset();
    onMonthChange.mockReset();
    screen = mount();
    screen.render(
      <AvailabilityCalendar
        month={MONTH}
        available={new Set([FREE, ALSO_FREE])}
        selected={null}
        onMonthChange={onMonthChange}
        onSelect={onSelect}
      />,
    );
  });
  afterEach(() => screen.unmount());

  const day = (iso: string) => screen.byTestId(`calendar-day-${iso}`);

  it("marks a day with places (a dot) and leaves a day without places plainly unselectable", () => {
    expect(day(FREE).hasAttribute("data-unavailable")).toBe(false);
    expect(day(FREE).querySelector(".cup-cal__dot")).not.toBeNull();
    expect(day(NONE).getAttribute("aria-disabled")).toBe("true");
    expect(day(NONE).querySelector(".cup-cal__dot")).toBeNull();
    // The visible number, and the full date as its name for screen readers.
    expect(day(NONE).textContent).toBe(String(Number(NONE.slice(8))));
    expect(day(FREE).getAttribute("aria-label")).toMatch(new RegExp(`${Number(FREE.slice(8))} `));
    const legend = screen.byTestId("calendar-legend").textContent ?? "";
    expect(legend).toMatch(/posti liberi: sceglilo/);
    expect(legend).toMatch(/non si può scegliere/);
  });

  it("chooses a day with places, never one without", () => {
    click(day(NONE));
    expect(onSelect).not.toHaveBeenCalled();
    click(day(FREE));
    expect(onSelect).toHaveBeenCalledWith(FREE);
  });

  it("moves between months with buttons that keep their full names for screen readers", () => {
    const previous = screen.byTestId("calendar-previous");
    const next = screen.byTestId("calendar-next");
    expect(previous.textContent).toContain("Mese precedente");
    expect(next.textContent).toContain("Mese successivo");
    // The name is the visible words (axe: label-content-name-mismatch), not React Aria's own.
    expect(previous.getAttribute("aria-label")).toBe("Mese precedente");
    expect(next.getAttribute("aria-label")).toBe("Mese successivo");
    expect(previous.querySelector('[aria-hidden="true"]')?.textContent?.trim()).toBe("‹");
    click(next);
    expect(onMonthChange).toHaveBeenCalledWith(first.add({ months: 1 }).toString().slice(0, 7));
  });

  it("keeps arrow-key navigation between days", () => {
    const start = day(FREE);
    act(() => start.focus());
    act(() => {
      start.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    });
    expect(document.activeElement).toBe(day(ALSO_FREE));
  });
});
