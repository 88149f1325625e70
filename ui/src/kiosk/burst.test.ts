import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BurstDetector, isNre } from "./burst";

/** Types `text` one key every `gapMs`, then Enter after `gapMs` more; returns enter(). */
function type(detector: BurstDetector, text: string, gapMs: number): string | null {
  for (const char of text) {
    detector.key(char);
    vi.advanceTimersByTime(gapMs);
  }
  return detector.enter();
}

describe("BurstDetector", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-26T10:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("recognises a scanner: fifteen keys a few ms apart, then Enter", () => {
    const detector = new BurstDetector();
    expect(type(detector, "0900A1123456701", 4)).toBe("0900A1123456701");
  });

  it("ignores a person typing the same text, even a fast typist", () => {
    const detector = new BurstDetector();
    expect(type(detector, "0900A1123456701", 120)).toBeNull();
    expect(type(detector, "0900A1123456701", 60)).toBeNull();
  });

  it("tolerates a scanner's uneven pace (a slow key now and then)", () => {
    const detector = new BurstDetector();
    for (const [index, char] of [..."0900A1123456703"].entries()) {
      detector.key(char);
      vi.advanceTimersByTime(index === 7 ? 80 : 3);
    }
    expect(detector.enter()).toBe("0900A1123456703");
  });

  it("needs the Enter right after the burst", () => {
    const detector = new BurstDetector();
    for (const char of "0900A1123456701") {
      detector.key(char);
      vi.advanceTimersByTime(3);
    }
    vi.advanceTimersByTime(500);
    expect(detector.enter()).toBeNull();
  });

  it("needs enough characters", () => {
    const detector = new BurstDetector();
    expect(type(detector, "1234", 2)).toBeNull();
  });

  it("starts over after a pause, so typed text before a scan is not part of it", () => {
    const detector = new BurstDetector();
    expect(detector.key("B")).toBe(true);
    vi.advanceTimersByTime(150);
    expect(detector.key("N")).toBe(true);
    vi.advanceTimersByTime(300);
    // The scan.
    let started = 0;
    for (const char of "0900A1123456702") {
      if (detector.key(char)) started += 1;
      vi.advanceTimersByTime(5);
    }
    expect(started).toBe(1);
    expect(detector.enter()).toBe("0900A1123456702");
  });

  it("one pause in the middle breaks the burst", () => {
    const detector = new BurstDetector();
    for (const char of "0900A11") {
      detector.key(char);
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(200);
    for (const char of "23456") {
      detector.key(char);
      vi.advanceTimersByTime(5);
    }
    expect(detector.enter()).toBeNull();
  });

  it("reset forgets the keys; each Enter starts over", () => {
    const detector = new BurstDetector({ maxGapMs: 100, averageGapMs: 30, minLength: 3 });
    detector.key("1");
    detector.key("2");
    detector.reset();
    detector.key("3");
    expect(detector.enter()).toBeNull();
    expect(type(detector, "456", 1)).toBe("456");
    expect(detector.enter()).toBeNull();
  });
});

describe("isNre", () => {
  it("accepts the promemoria's NRE and refuses anything else", () => {
    expect(isNre("0900A1123456701")).toBe(true);
    expect(isNre("1200A1123456707")).toBe(true);
    expect(isNre("0900a1123456701")).toBe(false);
    expect(isNre("0900A112345670")).toBe(false);
    expect(isNre("BNCGLI85D52D612X")).toBe(false);
    expect(isNre("80380000001234560016")).toBe(false);
  });
});
