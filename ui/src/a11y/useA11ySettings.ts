import { useCallback, useEffect, useRef, useState } from "react";
import { nativePageZoom } from "../backend/zoom";
import { applySettings, loadSettings, saveSettings, type A11ySettings } from "./settings";

export type A11yChange = (s: A11ySettings) => A11ySettings;

/**
 * Toolbar state: loaded once from storage, applied to <html> and saved on every change.
 * `update` applies a change to the latest settings (even for several presses before React
 * re-renders) and returns the result, e.g. for an announcement.
 */
export function useA11ySettings(): [A11ySettings, (change: A11yChange) => A11ySettings] {
  const [settings, setSettings] = useState<A11ySettings>(loadSettings);
  const latest = useRef(settings);

  useEffect(() => {
    applySettings(settings, document.documentElement, nativePageZoom);
    saveSettings(settings);
  }, [settings]);

  const update = useCallback((change: A11yChange) => {
    const next = change(latest.current);
    latest.current = next;
    setSettings(next);
    return next;
  }, []);

  return [settings, update];
}
