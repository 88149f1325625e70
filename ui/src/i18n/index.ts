import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import it from "./it.json";

export const LANGUAGES = ["it", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "it";
export const LANGUAGE_STORAGE_KEY = "cup.lang";

export const resources = {
  it: { translation: it },
  en: { translation: en },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The remembered language, or Italian. */
export function savedLanguage(): Language {
  try {
    const value = storage()?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function rememberLanguage(language: Language): void {
  try {
    storage()?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // ignore: the choice still applies for this session
  }
}

/** Keeps <html lang> and the document title in step with the language. */
function reflectLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.title = i18next.t("app.documentTitle");
}

/** Initialises i18next with the bundled resources (synchronous: nothing is fetched). */
export async function initI18n(): Promise<typeof i18next> {
  const language = savedLanguage();
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  reflectLanguage(language);
  i18next.on("languageChanged", (lng) => {
    if (isLanguage(lng)) {
      rememberLanguage(lng);
      reflectLanguage(lng);
    }
  });
  return i18next;
}

export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
}
