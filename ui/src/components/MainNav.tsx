import { useTranslation } from "react-i18next";
import type { Screen } from "../screens/routes";

const ITEMS: readonly Screen[] = ["home", "book", "manage", "privacy"];

/** Main menu: plain buttons (in-app navigation), the current one marked with aria-current. */
export function MainNav({ screen, onNavigate }: { screen: Screen; onNavigate: (screen: Screen) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="cup-nav" aria-label={t("nav.label")}>
      <div className="container">
        <ul className="cup-nav__list">
          {ITEMS.map((item) => (
            <li key={item}>
              <button
                type="button"
                className="cup-nav__button"
                aria-current={item === screen ? "page" : undefined}
                data-testid={`nav-${item}`}
                onClick={() => onNavigate(item)}
              >
                {t(`nav.${item}`)}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
