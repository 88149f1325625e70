import { useId, useState } from "react";
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

type Panel = "a11y" | "menu" | null;

/**
 * Designers Italia header: slim bar (region), tools, centre bar (service name), navigation.
 * On small screens (below 768 px) the header is compact: one bar with the service's name and
 * two buttons, "Accessibilità" and "Menu", each opening its panel (the toolbar, the
 * navigation), so that each step's content starts near the top of a phone's screen. On wider
 * screens both panels are always shown and the two buttons are not.
 */
export function Header({ demo, screen, onNavigate, a11y, onA11yChange }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Panel>(null);
  const a11yPanel = useId();
  const menuPanel = useId();
  const toggle = (panel: Exclude<Panel, null>) => setOpen((current) => (current === panel ? null : panel));
  const navigate = (next: Screen) => {
    setOpen(null);
    onNavigate(next);
  };
  return (
    <header
      className={`it-header-wrapper cup-header${open === "a11y" ? " cup-header--a11y-open" : ""}${open === "menu" ? " cup-header--menu-open" : ""}`}
    >
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="it-header-slim-wrapper-content cup-slim">
            <span className="cup-slim__region">{t("app.region")}</span>
            <LanguageSwitch />
          </div>
        </div>
      </div>

      <div id={a11yPanel} className="cup-header__a11y">
        <AccessibilityToolbar settings={a11y} onChange={onA11yChange} />
      </div>

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
            <div className="cup-header__toggles">
              <PanelToggle icon="Aa" label={t("header.a11y")} open={open === "a11y"} controls={a11yPanel} testId="header-a11y-toggle" onToggle={() => toggle("a11y")} />
              <PanelToggle icon="☰" label={t("header.menu")} open={open === "menu"} controls={menuPanel} testId="header-menu-toggle" onToggle={() => toggle("menu")} />
            </div>
          </div>
        </div>
      </div>

      <div id={menuPanel} className="cup-header__menu">
        <MainNav screen={screen} onNavigate={navigate} />
      </div>
    </header>
  );
}

/** One of the compact header's two buttons: what it opens, and whether it is open. */
function PanelToggle({
  icon,
  label,
  open,
  controls,
  testId,
  onToggle,
}: {
  icon: string;
  label: string;
  open: boolean;
  controls: string;
  testId: string;
  onToggle: () => void;
}) {
  return (
    <button type="button" className="cup-header__toggle" aria-expanded={open} aria-controls={controls} data-testid={testId} onClick={onToggle}>
      <span className="cup-header__toggle-icon" aria-hidden="true">
        {icon}
      </span>
      {label}
    </button>
  );
}
