import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  applySettings,
  clampTextSize,
  clampZoom,
  DEFAULT_SETTINGS,
  loadSettings,
  saveSettings,
  STORAGE_KEY,
  TEXT_SIZE,
  textLarger,
  textReset,
  textSizeLevel,
  textSmaller,
  toggleContrast,
  ZOOM,
  zoomIn,
  zoomOut,
  type A11ySettings,
} from "./settings";

function repeat(times: number, step: (s: A11ySettings) => A11ySettings, from: A11ySettings = DEFAULT_SETTINGS) {
  let s = { ...from };
  for (let i = 0; i < times; i += 1) s = step(s);
  return s;
}

describe("clamping", () => {
  it("keeps zoom within its range and on its steps", () => {
    expect(clampZoom(ZOOM.min - 50)).toBe(ZOOM.min);
    expect(clampZoom(ZOOM.max + 500)).toBe(ZOOM.max);
    expect(clampZoom(130)).toBe(125);
    expect(clampZoom(140)).toBe(150);
  });

  it("keeps text size within its range", () => {
    expect(clampTextSize(10)).toBe(TEXT_SIZE.min);
    expect(clampTextSize(1000)).toBe(TEXT_SIZE.max);
    expect(clampTextSize(TEXT_SIZE.initial)).toBe(TEXT_SIZE.initial);
  });

  it("turns junk into the initial value", () => {
    for (const junk of [Number.NaN, Number.POSITIVE_INFINITY, "150", null, undefined, {}]) {
      expect(clampZoom(junk)).toBe(ZOOM.initial);
      expect(clampTextSize(junk)).toBe(TEXT_SIZE.initial);
    }
  });

  it("stops zoom and text size at their limits however often the buttons are pressed", () => {
    expect(repeat(50, zoomIn).zoom).toBe(ZOOM.max);
    expect(repeat(50, zoomOut).zoom).toBe(ZOOM.min);
    expect(repeat(50, textLarger).textSize).toBe(TEXT_SIZE.max);
    expect(repeat(50, textSmaller).textSize).toBe(TEXT_SIZE.min);
    expect(textReset(repeat(3, textLarger)).textSize).toBe(TEXT_SIZE.initial);
  });

  it("moves one step at a time", () => {
    expect(zoomIn(DEFAULT_SETTINGS).zoom).toBe(ZOOM.initial + ZOOM.step);
    expect(textSmaller(DEFAULT_SETTINGS).textSize).toBe(TEXT_SIZE.initial - TEXT_SIZE.step);
    expect(toggleContrast(DEFAULT_SETTINGS).highContrast).toBe(true);
    expect(toggleContrast(toggleContrast(DEFAULT_SETTINGS)).highContrast).toBe(false);
  });
});

describe("persistence", () => {
  beforeEach(() => localStorage.clear());

  it("gives the defaults when nothing is stored", () => {
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it("restores what was saved", () => {
    const settings: A11ySettings = { highContrast: true, zoom: 150, textSize: 140 };
    saveSettings(settings);
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null")).toEqual(settings);
    expect(loadSettings()).toEqual(settings);
  });

  it("clamps stored values that are out of range", () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ highContrast: "yes", zoom: 900, textSize: -3 }));
    expect(loadSettings()).toEqual({ highContrast: false, zoom: ZOOM.max, textSize: TEXT_SIZE.min });
  });

  it("survives corrupt storage", () => {
    localStorage.setItem(STORAGE_KEY, "{not json");
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it("survives a storage that throws", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
    };
    expect(loadSettings(broken)).toEqual(DEFAULT_SETTINGS);
    expect(() => saveSettings(DEFAULT_SETTINGS, broken)).not.toThrow();
  });

  it("works without any storage", () => {
    expect(loadSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(() => saveSettings(DEFAULT_SETTINGS, null)).not.toThrow();
  });
});

describe("applying to <html>", () => {
  it("sets the custom properties and the contrast attribute, and removes it again", () => {
    const root = document.createElement("html");
    applySettings({ highContrast: true, zoom: 150, textSize: 120 }, root);
    expect(root.style.getPropertyValue("--cup-zoom")).toBe("1.5");
    expect(root.style.getPropertyValue("--cup-font-scale")).toBe("1.2");
    expect(root.getAttribute("data-contrast")).toBe("high");

    applySettings(DEFAULT_SETTINGS, root);
    expect(root.style.getPropertyValue("--cup-zoom")).toBe("1");
    expect(root.style.getPropertyValue("--cup-font-scale")).toBe("1");
    expect(root.hasAttribute("data-contrast")).toBe(false);
  });

  it("uses the webview's native zoom when there is one, keeping the CSS zoom at 1", async () => {
    const root = document.createElement("html");
    const asked: number[] = [];
    applySettings({ ...DEFAULT_SETTINGS, zoom: 200 }, root, (factor) => {
      asked.push(factor);
      return Promise.resolve();
    });
    await Promise.resolve();
    expect(asked).toEqual([2]);
    expect(root.style.getPropertyValue("--cup-zoom")).toBe("1");
  });

  it("falls back to the CSS zoom when the native zoom fails", async () => {
    const root = document.createElement("html");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    applySettings({ ...DEFAULT_SETTINGS, zoom: 175 }, root, () => Promise.reject(new Error("not allowed")));
    await vi.waitFor(() => expect(root.style.getPropertyValue("--cup-zoom")).toBe("1.75"));
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe("text size level", () => {
  it("follows A- below the normal size, A at it and A+ above it", () => {
    expect(textSizeLevel(DEFAULT_SETTINGS)).toBe("normal");
    expect(textSizeLevel(repeat(2, textLarger))).toBe("larger");
    expect(textSizeLevel(textSmaller(DEFAULT_SETTINGS))).toBe("smaller");
    expect(textSizeLevel(textReset(repeat(3, textLarger)))).toBe("normal");
  });
});
