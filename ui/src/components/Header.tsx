import { useTranslation } from "react-i18next";
import { AccessibilityToolbar } from "../a11y/AccessibilityToolbar";
import type { A11ySettings } from "../a11y/settings";
import type { A11yChange } from "../a11y/useA11ySettings";
import type { Screen } from "../screens/routes";
import { DemoBadge } from "./DemoBadge";
import { Icon } from "./Icon";
import { LanguageSwitch } from "./LanguageSwitch";
import { MainNav } from "./MainNav";

interface Props {
  demo: boolean;
  screen: Screen;
  onNavigate: (screen: Screen) => void;
  a11y: A11ySettings;
  onA11yChange: (change: A11yChange) => A11ySettings;
}

/** Designers Italia header: slim bar (region), tools, centre bar (service name), navigation. */
export function Header({ demo, screen, onNavigate, a11y, onA11yChange }: Props) {
  const { t } = useTranslation();
  return (
    <header className="it-header-wrapper cup-header">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="it-header-slim-wrapper-content cup-slim">
            <span className="cup-slim__region">{t("app.region")}</span>
            <LanguageSwitch />
          </div>
        </div>
      </div>

      <AccessibilityToolbar settings={a11y} onChange={onA11yChange} />

      <div className="it-header-center-wrapper cup-center">
        <div className="container">
          <div className="it-header-center-content-wrapper cup-center__content">
            <div className="cup-brand">
              <Icon name="calendar" className="cup-brand__icon" />
              <div className="cup-brand__text">
                <p className="cup-brand__title">{t("app.name")}</p>
                <p className="cup-brand__tagline">{t("app.tagline")}</p>
              </div>
            </div>
            {demo && <DemoBadge />}
          </div>
        </div>
      </div>

      <MainNav screen={screen} onNavigate={onNavigate} />
    </header>
  );
}
