import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdleClock } from "./idle";

function clock(idleSecs = 90, countdownSecs = 30) {
  const events: string[] = [];
  const idle = new IdleClock(idleSecs * 1000, countdownSecs, {
    onWarn: (n) => events.push(`warn ${n}`),
    onTick: (n) => events.push(`tick ${n}`),
    onTimeout: () => events.push("timeout"),
  });
  return { idle, events };
}

describe("IdleClock", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("rests until the first input: nobody at the home screen is never asked", () => {
    const { idle, events } = clock();
    vi.advanceTimersByTime(10 * 60_000);
    expect(events).toEqual([]);
    expect(idle.phase).toBe("resting");
  });

  it("asks after the idle time, counts down and resets when nobody answers", () => {
    const { idle, events } = clock(90, 30);
    idle.activity();
    vi.advanceTimersByTime(89_000);
    expect(events).toEqual([]);
    idle.activity(); // input moves the question away
    vi.advanceTimersByTime(89_999);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(["warn 30"]);
    expect(idle.phase).toBe("warning");
    vi.advanceTimersByTime(1000);
    expect(events[events.length - 1]).toBe("tick 29");
    // Input elsewhere does not answer the question: only "Sì, continuo" does.
    idle.activity();
    vi.advanceTimersByTime(29_000);
    expect(events[events.length - 1]).toBe("timeout");
    expect(events.filter((e) => e === "timeout")).toHaveLength(1);
    expect(idle.phase).toBe("resting");
    vi.advanceTimersByTime(10 * 60_000);
    expect(events.filter((e) => e.startsWith("warn"))).toHaveLength(1);
  });

  it("'Sì, continuo' starts the idle time again", () => {
    const { idle, events } = clock(5, 3);
    idle.activity();
    vi.advanceTimersByTime(5000);
    expect(events).toEqual(["warn 3"]);
    vi.advanceTimersByTime(2000);
    idle.stay();
    expect(idle.phase).toBe("watching");
    vi.advanceTimersByTime(4999);
    expect(events).toEqual(["warn 3", "tick 2", "tick 1"]);
    vi.advanceTimersByTime(1);
    expect(events[events.length - 1]).toBe("warn 3");
    idle.stop();
    vi.advanceTimersByTime(60_000);
    expect(events[events.length - 1]).toBe("warn 3");
  });
});
