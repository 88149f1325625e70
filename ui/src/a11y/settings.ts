// Accessibility settings of the toolbar (high contrast, zoom, text size): pure state
// transitions, persistence in localStorage, and how they are applied to <html>.
//
// They are applied only through CSSOM writes and a data attribute on <html> —
// `--cup-zoom`, `--cup-font-scale`, `data-contrast="high"` — which the app's CSP
// (`style-src 'self'`, no 'unsafe-inline') allows. The stylesheet does the rest.

export interface A11ySettings {
  highContrast: boolean;
  /** Page zoom in percent. */
  zoom: number;
  /** Text size in percent of the default. */
  textSize: number;
}

export interface Range {
  min: number;
  max: number;
  step: number;
  initial: number;
}

export const ZOOM: Readonly<Range> = { min: 100, max: 200, step: 25, initial: 100 };
// Text up to 200% (WCAG 1.4.4), page zoom up to 200% on top of it.
export const TEXT_SIZE: Readonly<Range> = { min: 80, max: 200, step: 20, initial: 100 };

export const DEFAULT_SETTINGS: Readonly<A11ySettings> = {
  highContrast: false,
  zoom: ZOOM.initial,
  textSize: TEXT_SIZE.initial,
};

export const STORAGE_KEY = "cup.a11y";

/** Clamps `value` into `range` and snaps it to the nearest step; junk becomes the initial value. */
export function clampToRange(value: unknown, range: Readonly<Range>): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return range.initial;
  const snapped = range.min + Math.round((value - range.min) / range.step) * range.step;
  return Math.min(range.max, Math.max(range.min, snapped));
}

export const clampZoom = (value: unknown): number => clampToRange(value, ZOOM);
export const clampTextSize = (value: unknown): number => clampToRange(value, TEXT_SIZE);

/** Builds valid settings from anything (e.g. parsed JSON of an older or tampered version). */
export function normalize(value: unknown): A11ySettings {
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  return {
    highContrast: record["highContrast"] === true,
    zoom: clampZoom(record["zoom"] ?? ZOOM.initial),
    textSize: clampTextSize(record["textSize"] ?? TEXT_SIZE.initial),
  };
}

/**
 * Text or zoom large enough that a bar stuck to the window's edge would cover too much of what
 * is read: the layout then keeps every block in its place (`cup-shell--large-text`).
 */
export function isLargeText(settings: A11ySettings): boolean {
  return settings.textSize >= 160 || settings.zoom >= 150;
}

export const toggleContrast = (s: A11ySettings): A11ySettings => ({ ...s, highContrast: !s.highContrast });
export const zoomIn = (s: A11ySettings): A11ySettings => ({ ...s, zoom: clampZoom(s.zoom + ZOOM.step) });
export const zoomOut = (s: A11ySettings): A11ySettings => ({ ...s, zoom: clampZoom(s.zoom - ZOOM.step) });
export const textLarger = (s: A11ySettings): A11ySettings => ({
  ...s,
  textSize: clampTextSize(s.textSize + TEXT_SIZE.step),
});
export const textSmaller = (s: A11ySettings): A11ySettings => ({
  ...s,
  textSize: clampTextSize(s.textSize - TEXT_SIZE.step),
});
export const textReset = (s: A11ySettings): A11ySettings => ({ ...s, textSize: TEXT_SIZE.initial });

/** Which of A-, A and A+ the current text size follows (the toolbar marks that one). */
export type TextSizeLevel = "smaller" | "normal" | "larger";

export function textSizeLevel(s: Pick<A11ySettings, "textSize">): TextSizeLevel {
  const size = clampTextSize(s.textSize);
  if (size < TEXT_SIZE.initial) return "smaller";
  return size > TEXT_SIZE.initial ? "larger" : "normal";
}

type KeyValueStorage = Pick<Storage, "getItem" | "setItem">;

function defaultStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // access itself can throw (storage disabled)
  }
}

/** Reads the saved settings; missing, unreadable or invalid data gives the defaults. */
export function loadSettings(storage: KeyValueStorage | null = defaultStorage()): A11ySettings {
  if (storage === null) return { ...DEFAULT_SETTINGS };
  try {
    const raw = storage.getItem(STORAGE_KEY);
    return raw === null ? { ...DEFAULT_SETTINGS } : normalize(JSON.parse(raw));
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** Saves the settings; a full or disabled storage is not an error worth bothering the user. */
export function saveSettings(settings: A11ySettings, storage: KeyValueStorage | null = defaultStorage()): void {
  if (storage === null) return;
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(normalize(settings)));
  } catch {
    // ignore: the settings still apply for this session
  }
}

/**
 * Applies the settings to the document root as custom properties and a data attribute. With
 * `pageZoom` (the webview's native zoom, inside the app) the zoom is the engine's and the CSS
 * zoom stays 1; if the native zoom fails, the CSS zoom takes over.
 */
export function applySettings(
  settings: A11ySettings,
  root: HTMLElement = document.documentElement,
  pageZoom: ((factor: number) => Promise<void>) | null = null,
): void {
  const s = normalize(settings);
  const cssZoom = (factor: number) => root.style.setProperty("--cup-zoom", String(factor));
  if (pageZoom === null) {
    cssZoom(s.zoom / 100);
  } else {
    cssZoom(1);
    pageZoom(s.zoom / 100).catch((error: unknown) => {
      console.warn("native zoom unavailable, using CSS zoom", error);
      cssZoom(s.zoom / 100);
    });
  }
  root.style.setProperty("--cup-font-scale", String(s.textSize / 100));
  if (s.highContrast) {
    root.dataset["contrast"] = "high";
  } else {
    delete root.dataset["contrast"];
  }
}
