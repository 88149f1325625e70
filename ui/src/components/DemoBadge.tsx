import { useTranslation } from "react-i18next";

/** Discreet marker that the app runs on the synthetic demo region. */
export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <span className="cup-demo-badge" data-testid="demo-badge">
      {t("app.demoBadge")}
      <span className="visually-hidden"> {t("app.demoBadgeDescription")}</span>
    </span>
  );
}
