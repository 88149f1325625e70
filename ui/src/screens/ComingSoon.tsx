import { useTranslation } from "react-i18next";
import { Icon } from "../components/Icon";
import { PAGE_TITLE_ID, type Screen } from "./routes";

/** Placeholder for a function that is not built yet — and says so. */
export function ComingSoon({
  screen,
  onNavigate,
}: {
  screen: "book" | "manage";
  onNavigate: (screen: Screen) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid={`screen-${screen}`}>
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t(`home.${screen}.title`)}
      </h1>
      <div className="cup-callout" data-testid="coming-soon">
        <p className="cup-callout__title">
          <Icon name="info" />
          {t("comingSoon.badge")}
        </p>
        <p>{t("comingSoon.text")}</p>
        <p>{t("comingSoon.meanwhile")}</p>
      </div>
      <div className="cup-page__actions">
        <button type="button" className="btn btn-primary" data-testid="back-home" onClick={() => onNavigate("home")}>
          {t("common.backHome")}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={() => onNavigate("privacy")}>
          {t("home.privacy.title")}
        </button>
      </div>
    </section>
  );
}
