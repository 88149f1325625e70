import { useCallback, useEffect, useRef, useState, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { AnnouncerProvider } from "./a11y/Announcer";
import { useA11ySettings } from "./a11y/useA11ySettings";
import { backend, toBackendError, type AppInfo, type BackendError } from "./backend";
import { BookingFlow } from "./booking/BookingFlow";
import { ErrorBoundary } from "./booking/ErrorBoundary";
import { Footer } from "./components/Footer";
import { Header } from "./components/Header";
import { ManageFlow } from "./manage/ManageFlow";
import { Home } from "./screens/Home";
import { Privacy } from "./screens/Privacy";
import { PAGE_TITLE_ID, type Screen } from "./screens/routes";

const MAIN_ID = "main-content";

export function App() {
  const { t } = useTranslation();
  const [a11y, updateA11y] = useA11ySettings();
  const [screen, setScreen] = useState<Screen>("home");
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<BackendError | null>(null);
  const navigated = useRef(false);

  useEffect(() => {
    let live = true;
    backend.appInfo().then(
      (value) => {
        if (live) setInfo(value);
      },
      (thrown: unknown) => {
        const error = toBackendError(thrown);
        console.error("app_info failed", error);
        if (live) setInfoError(error);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const navigate = useCallback((next: Screen) => {
    navigated.current = true;
    setScreen(next);
  }, []);

  // After an in-app navigation, move focus to the new page's title (screen readers then
  // read it) and show the page from its top. Not on first load: focus starts at the top.
  useEffect(() => {
    if (!navigated.current) return;
    window.scrollTo(0, 0);
    document.getElementById(PAGE_TITLE_ID)?.focus();
  }, [screen]);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const main = document.getElementById(MAIN_ID);
    main?.focus();
    main?.scrollIntoView();
  };

  return (
    <AnnouncerProvider>
      <a className="cup-skip-link" href={`#${MAIN_ID}`} onClick={skipToMain}>
        {t("app.skipToContent")}
      </a>
      <div className="cup-shell">
        <Header
          demo={info?.demo ?? false}
          screen={screen}
          onNavigate={navigate}
          a11y={a11y}
          onA11yChange={updateA11y}
        />
        <main id={MAIN_ID} className="cup-main" tabIndex={-1}>
          <div className="container">
            {screen === "home" && <Home onNavigate={navigate} />}
            {screen === "book" && (
              <ErrorBoundary onReset={() => navigate("home")}>
                <BookingFlow demo={info?.demo ?? false} onNavigate={navigate} />
              </ErrorBoundary>
            )}
            {screen === "manage" && (
              <ErrorBoundary onReset={() => navigate("home")}>
                <ManageFlow demo={info?.demo ?? false} onNavigate={navigate} />
              </ErrorBoundary>
            )}
            {screen === "privacy" && <Privacy onNavigate={navigate} />}
          </div>
        </main>
        <Footer info={info} error={infoError} />
      </div>
    </AnnouncerProvider>
  );
}
