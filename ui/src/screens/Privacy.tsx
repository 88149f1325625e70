import { useTranslation } from "react-i18next";
import { PAGE_TITLE_ID, type Screen } from "./routes";

/** The privacy notice of this (demo) app: what it does with data today, in plain words. */
export function Privacy({ onNavigate, onBack }: { onNavigate: (screen: Screen) => void; onBack?: () => void }) {
  const { t } = useTranslation();
  return (
    <article className="cup-page cup-prose" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-privacy">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t("privacy.title")}
      </h1>
      <p className="lead">{t("privacy.intro")}</p>

      <h2>{t("privacy.demo.heading")}</h2>
      <p>{t("privacy.demo.text")}</p>
      <p>
        <strong>{t("privacy.demo.advice")}</strong>
      </p>

      <h2>{t("privacy.stored.heading")}</h2>
      <p>{t("privacy.stored.text")}</p>
      <p>{t("privacy.stored.erase")}</p>

      <h2>{t("privacy.shared.heading")}</h2>
      <p>{t("privacy.shared.text")}</p>

      <h2>{t("privacy.future.heading")}</h2>
      <p>{t("privacy.future.text")}</p>

      <h2>{t("privacy.source.heading")}</h2>
      <p>{t("privacy.source.text")}</p>

      <div className="cup-page__actions">
        {onBack === undefined ? (
          <button type="button" className="btn btn-primary" data-testid="back-home" onClick={() => onNavigate("home")}>
            {t("common.backHome")}
          </button>
        ) : (
          <button type="button" className="btn btn-primary" data-testid="privacy-back" onClick={onBack}>
            {t("booking.access.backToForm")}
          </button>
        )}
      </div>
    </article>
  );
}
