import i18next from "i18next";
import { backend, type UiLang } from "../backend";

/** The UI's language as the commands take it. */
export function uiLang(language: string): UiLang {
  return language === "en" ? "en" : "it";
}

/**
 * Tells the backend the UI's language now and at each change: the documents written after a
 * booking and the reminders' notifications speak it.
 */
export function syncBackendLanguage(): void {
  const send = (language: string) => {
    backend.setLanguage(uiLang(language)).catch((thrown: unknown) => console.warn("set_language failed", thrown));
  };
  send(i18next.language);
  i18next.on("languageChanged", send);
}
