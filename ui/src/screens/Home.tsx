import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ExternalLink, type ExternalService } from "../components/ExternalLink";
import { Icon, type IconName } from "../components/Icon";
import { MissedReminders } from "../reminders/MissedReminders";
import { ReminderPanel } from "../reminders/ReminderSettings";
import { PAGE_TITLE_ID, type Screen } from "./routes";

interface Action {
  screen: Exclude<Screen, "home">;
  testId: string;
  icon: IconName;
}

const ACTIONS: readonly Action[] = [
  { screen: "book", testId: "action-book", icon: "calendar" },
  { screen: "manage", testId: "action-manage", icon: "list" },
  { screen: "privacy", testId: "action-privacy", icon: "info" },
];

/**
 * "CUP ONLINE — scegli la funzione desiderata" with the portal's three functions; above them
 * the reminders missed while the app was closed, below them the Region's other services (the
 * portal's links, opened in the browser) and the reminders' settings.
 */
export function Home({ onNavigate }: { onNavigate: (screen: Screen) => void }) {
  const { t } = useTranslation();
  const subtitleId = useId();
  return (
    <section className="cup-home" aria-labelledby={PAGE_TITLE_ID}>
      <h1 id={PAGE_TITLE_ID} className="cup-home__title" tabIndex={-1} data-testid="home-title">
        {t("home.title")}
      </h1>
      <p id={subtitleId} className="cup-home__subtitle">
        {t("home.subtitle")}
      </p>
      <MissedReminders />
      <ul className="cup-actions" aria-labelledby={subtitleId}>
        {ACTIONS.map((action) => (
          <li key={action.screen}>
            <ActionButton action={action} onNavigate={onNavigate} />
          </li>
        ))}
      </ul>
      <RegionServices />
      <ReminderPanel />
    </section>
  );
}

function ActionButton({ action, onNavigate }: { action: Action; onNavigate: (screen: Screen) => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="cup-action"
      data-testid={action.testId}
      onClick={() => onNavigate(action.screen)}
    >
      <Icon name={action.icon} className="cup-action__icon" />
      <span className="cup-action__text">
        <span className="cup-action__title">
          {t(`home.${action.screen}.title`)}
        </span>
        <span className="cup-action__description">
          {t(`home.${action.screen}.description`)}
        </span>
      </span>
    </button>
  );
}

/** The portal's links to the Region's other services, in its order. */
const REGION_SERVICES: readonly ExternalService[] = ["fse", "celiachia", "zerocode", "toscanaSalute"];

/** "Altri servizi della Regione Toscana": external links, each marked as such. */
function RegionServices() {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="cup-region-services mt-4" aria-labelledby={titleId} data-testid="home-region-services">
      <h2 id={titleId} className="h5 cup-region-services__title">
        {t("external.title")}
      </h2>
      <p className="cup-region-services__intro">{t("external.intro")}</p>
      <ul className="cup-region-services__list">
        {REGION_SERVICES.map((service) => (
          <li key={service}>
            <ExternalLink service={service} testId={`home-link-${service}`}>
              {t(`external.${service}.name`)}
            </ExternalLink>
            <span className="cup-region-services__description"> — {t(`external.${service}.description`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
