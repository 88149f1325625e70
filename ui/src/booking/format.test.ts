import { describe, expect, it } from "vitest";
import {
  formatCalendarDate,
  formatDay,
  formatEuro,
  formatMmSs,
  formatMonth,
  formatShortDate,
  formatTime,
  holdRemainingMs,
  romeDayKey,
} from "./format";

// Intl separates "38,00" and "€" with a no-break space: compare on plain spaces.
const plain = (text: string) => text.replace(/\s/g, " ");

describe("dates in Europe/Rome, the Italian way", () => {
  it("formats the seed's example", () => {
    // 24 April 2024 is summer time (UTC+2): 08:00 UTC is 10:00 in Rome.
    expect(formatDay("2024-04-24T08:00:00Z", "it")).toBe("mer 24 apr 2024");
    expect(formatTime("2024-04-24T08:00:00Z", "it")).toBe("10:00");
  });

  it("uses winter time (UTC+1) in January", () => {
    expect(formatTime("2024-01-15T09:30:00Z", "it")).toBe("10:30");
    expect(formatDay("2024-01-15T09:30:00Z", "it")).toBe("lun 15 gen 2024");
  });

  it("crosses the spring DST change (31 March 2024, 02:00 -> 03:00)", () => {
    expect(formatTime("2024-03-31T00:30:00Z", "it")).toBe("01:30");
    expect(formatTime("2024-03-31T01:30:00Z", "it")).toBe("03:30");
  });

  it("crosses the autumn DST change (27 October 2024, 03:00 -> 02:00)", () => {
    expect(formatTime("2024-10-27T00:30:00Z", "it")).toBe("02:30");
    expect(formatTime("2024-10-27T01:30:00Z", "it")).toBe("02:30");
  });

  it("puts late-evening UTC instants on the next Rome day", () => {
    expect(romeDayKey("2024-04-23T22:30:00Z")).toBe("2024-04-24");
    expect(romeDayKey("2024-01-15T22:30:00Z")).toBe("2024-01-15");
    expect(formatDay("2024-04-23T22:30:00Z", "it")).toBe("mer 24 apr 2024");
  });

  it("formats calendar dates without shifting them", () => {
    expect(formatCalendarDate("2023-06-14", "it")).toBe("14 giugno 2023");
    expect(formatShortDate("1968-07-13", "it")).toBe("13/07/1968");
    expect(formatMonth("2024-04", "it")).toBe("aprile 2024");
  });

  it("speaks English when asked, still on Rome's clock", () => {
    expect(formatDay("2024-04-24T08:00:00Z", "en")).toBe("Wed 24 Apr 2024");
    expect(formatTime("2024-04-24T08:00:00Z", "en")).toBe("10:00");
  });
});

describe("euro amounts", () => {
  it("uses the Italian format", () => {
    expect(plain(formatEuro(3800, "it"))).toBe("38,00 €");
    expect(plain(formatEuro(0, "it"))).toBe("0,00 €");
    expect(plain(formatEuro(12345678, "it"))).toBe("123.456,78 €");
    expect(plain(formatEuro(5, "it"))).toBe("0,05 €");
  });

  it("uses the English format in English", () => {
    expect(formatEuro(3800, "en")).toBe("€38.00");
  });
});

describe("hold countdown", () => {
  const expires = "2024-04-24T08:10:00Z";
  const server = "2024-04-24T08:00:00Z";

  it("counts from the server's clock, not the local one", () => {
    // Local clock 3 hours ahead of the server: the hold still has its full 10 minutes.
    const receivedAt = Date.parse("2024-04-24T11:00:00Z");
    expect(holdRemainingMs(expires, server, receivedAt, receivedAt)).toBe(600_000);
    expect(holdRemainingMs(expires, server, receivedAt, receivedAt + 61_000)).toBe(539_000);
  });

  it("works with a local clock behind the server too", () => {
    const receivedAt = Date.parse("2024-04-24T07:50:00Z");
    expect(holdRemainingMs(expires, server, receivedAt, receivedAt + 1_000)).toBe(599_000);
  });

  it("never goes below zero, nor up if the local clock jumps back", () => {
    const receivedAt = 1_000_000;
    expect(holdRemainingMs(expires, server, receivedAt, receivedAt + 3_600_000)).toBe(0);
    expect(holdRemainingMs(expires, server, receivedAt, receivedAt - 50_000)).toBe(600_000);
    expect(holdRemainingMs("garbage", server, receivedAt, receivedAt)).toBe(0);
  });

  it("shows mm:ss, rounding up to the second", () => {
    expect(formatMmSs(429_000)).toBe("07:09");
    expect(formatMmSs(428_001)).toBe("07:09");
    expect(formatMmSs(0)).toBe("00:00");
    expect(formatMmSs(-5)).toBe("00:00");
    expect(formatMmSs(60_000)).toBe("01:00");
  });
});
