// What the UI forgets at a kiosk reset, besides its React state (the app tree is mounted
// anew): the language goes back to Italian, the accessibility settings to their defaults,
// the card typed in PRENOTA (kept in memory for GESTISCI) is forgotten, and both web
// storages are emptied.

import { applySettings, DEFAULT_SETTINGS } from "../a11y/settings";
import { nativePageZoom } from "../backend/zoom";
import { forgetTypedCitizen } from "../booking/typedCitizen";
import { DEFAULT_LANGUAGE, setLanguage } from "../i18n";

function clear(storage: () => Storage | undefined): void {
  try {
    storage()?.clear();
  } catch {
    // storage disabled: nothing kept there
  }
}

export async function forgetUiState(): Promise<void> {
  forgetTypedCitizen();
  await setLanguage(DEFAULT_LANGUAGE);
  // After the language, which remembers itself in localStorage.
  clear(() => globalThis.localStorage);
  clear(() => globalThis.sessionStorage);
  applySettings(DEFAULT_SETTINGS, document.documentElement, nativePageZoom);
  window.scrollTo(0, 0);
}
