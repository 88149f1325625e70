import { useState } from "react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { initI18n } from "../i18n";
import { act } from "react";
import { click as press, mount, type Screen as Mounted } from "../manage/testing";
import { LeaveDialog, LeaveGuardContext, useGuardedNavigation, useLeaveGuard } from "./leaveGuard";

type Page = "home" | "book";

/** A screen that holds something while `holding`, like the booking's summary. */
function Booking({ holding, onRelease }: { holding: boolean; onRelease: () => void }) {
  useLeaveGuard(holding, onRelease);
  return <p data-testid="booking">booking</p>;
}

function Shell({ holding, onRelease }: { holding: boolean; onRelease: () => void }) {
  const [page, setPage] = useState<Page>("book");
  const { registry, navigate, pending, stay, leave } = useGuardedNavigation(page, setPage);
  return (
    <LeaveGuardContext.Provider value={registry}>
      <button type="button" data-testid="go-home" onClick={() => navigate("home")}>
        home
      </button>
      <button type="button" data-testid="go-book" onClick={() => navigate("book")}>
        book
      </button>
      {page === "home" ? <p data-testid="home">home</p> : <Booking holding={holding} onRelease={onRelease} />}
      {pending !== null && <LeaveDialog onStay={stay} onLeave={leave} />}
    </LeaveGuardContext.Provider>
  );
}

describe("leaving a held slot", () => {
  let screen: Mounted;
  beforeAll(async () => {
    await initI18n();
  });
  afterEach(() => screen.unmount());

  const click = (id: string) => press(screen.byTestId(id));

  it("asks first, and 'No, resta' keeps the screen and the hold", () => {
    const release = vi.fn();
    screen = mount();
    screen.render(<Shell holding onRelease={release} />);
    click("go-home");
    const dialog = screen.byTestId("leave-dialog");
    expect(dialog.getAttribute("role")).toBe("alertdialog");
    expect(dialog.textContent).toContain("Vuoi lasciare l'appuntamento riservato?");
    expect(document.activeElement?.getAttribute("data-testid")).toBe("leave-stay");
    click("leave-stay");
    expect(screen.maybe("leave-dialog")).toBeNull();
    expect(screen.maybe("booking")).not.toBeNull();
    expect(release).not.toHaveBeenCalled();
  });

  it("on 'Sì, lascia' gives the hold back, then goes", () => {
    const release = vi.fn();
    screen = mount();
    screen.render(<Shell holding onRelease={release} />);
    click("go-home");
    click("leave-confirm");
    expect(release).toHaveBeenCalledTimes(1);
    expect(screen.maybe("home")).not.toBeNull();
    expect(screen.maybe("leave-dialog")).toBeNull();
  });

  it("does not ask when nothing is held, nor for the screen already shown", () => {
    const release = vi.fn();
    screen = mount();
    screen.render(<Shell holding onRelease={release} />);
    click("go-book");
    expect(screen.maybe("leave-dialog")).toBeNull();
    screen.render(<Shell holding={false} onRelease={release} />);
    click("go-home");
    expect(screen.maybe("leave-dialog")).toBeNull();
    expect(screen.maybe("home")).not.toBeNull();
    expect(release).not.toHaveBeenCalled();
  });

  it("Escape means stay", () => {
    const release = vi.fn();
    screen = mount();
    screen.render(<Shell holding onRelease={release} />);
    click("go-home");
    act(() => {
      screen.byTestId("leave-dialog").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    });
    expect(screen.maybe("leave-dialog")).toBeNull();
    expect(screen.maybe("booking")).not.toBeNull();
  });
});
