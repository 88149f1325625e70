import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useAnnounce } from "../a11y/Announcer";
import { LANGUAGES, setLanguage, type Language } from "../i18n";

/** Italiano / English. Each name is written in its own language, with a matching `lang`. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const labelId = useId();

  const choose = (language: Language) => {
    void setLanguage(language).then(() => announce(i18n.t("lang.changed")));
  };

  return (
    <div className="cup-lang" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="visually-hidden">
        {t("lang.label")}
      </span>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="cup-lang__button"
          aria-pressed={i18n.resolvedLanguage === language}
          data-testid={`lang-${language}`}
          onClick={() => choose(language)}
        >
          {t(`lang.${language}`)}
        </button>
      ))}
    </div>
  );
}
