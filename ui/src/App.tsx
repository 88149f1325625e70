import { useCallback, useEffect, useRef, useState, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { AnnouncerProvider } from "./a11y/Announcer";
import { isLargeText } from "./a11y/settings";
import { useA11ySettings } from "./a11y/useA11ySettings";
import { backend, toBackendError, type AppInfo, type BackendError } from "./backend";
import { BookingFlow } from "./booking/BookingFlow";
import { ErrorBoundary } from "./booking/ErrorBoundary";
import { Footer } from "./components/Footer";
import { Header } from "./components/Header";
import { KioskFrame, KioskResetting } from "./kiosk/KioskFrame";
import { forgetUiState } from "./kiosk/reset";
import { ManageFlow } from "./manage/ManageFlow";
import { LeaveDialog, LeaveGuardContext, useGuardedNavigation } from "./navigation/leaveGuard";
import { Home } from "./screens/Home";
import { Privacy } from "./screens/Privacy";
import { PAGE_TITLE_ID, type Screen } from "./screens/routes";

const MAIN_ID = "main-content";

/**
 * The app: what `app_info` says about this run, and the screens. On a kiosk the screens sit in
 * the kiosk's frame, and each reset (idle, "Ho finito") mounts them anew on an empty state.
 */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<BackendError | null>(null);
  const [generation, setGeneration] = useState(0);
  const [resetting, setResetting] = useState(false);
  const busy = useRef(false);
  const kiosk = info?.kiosk === true;

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

  /** Forgets the citizen: the session and the kiosk's files in Rust first, then the UI. */
  const resetKiosk = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    setResetting(true);
    void backend
      .kioskReset()
      .catch((thrown: unknown) => console.error("kiosk_reset failed", toBackendError(thrown).code))
      .then(forgetUiState)
      .finally(() => {
        busy.current = false;
        setGeneration((g) => g + 1);
        setResetting(false);
      });
  }, []);

  // A kiosk starts clean: a session left by a reloaded page is revoked too.
  useEffect(() => {
    if (!kiosk) return;
    backend.kioskReset().catch((thrown: unknown) => console.error("kiosk_reset failed", toBackendError(thrown).code));
  }, [kiosk]);

  if (resetting) return <KioskResetting />;
  // app_info answers at once: wait for it, so that a kiosk never shows its screens unframed.
  if (info === null && infoError === null) return null;
  const shell = <AppShell key={generation} info={info} infoError={infoError} />;
  if (info === null || !info.kiosk) return shell;
  return (
    <KioskFrame
      key={generation}
      idleTimeoutSecs={info.idleTimeoutSecs}
      countdownSecs={info.countdownSecs}
      printer={info.kioskPrinter}
      onReset={resetKiosk}
    >
      {shell}
    </KioskFrame>
  );
}

function AppShell({ info, infoError }: { info: AppInfo | null; infoError: BackendError | null }) {
  const { t } = useTranslation();
  const [a11y, updateA11y] = useA11ySettings();
  const [screen, setScreen] = useState<Screen>("home");
  const navigated = useRef(false);

  const go = useCallback((next: Screen) => {
    navigated.current = true;
    setScreen(next);
  }, []);
  // A screen with something to lose (a held slot) guards every navigation away from it.
  const { registry, navigate, pending, stay, leave } = useGuardedNavigation(screen, go);

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
      <LeaveGuardContext.Provider value={registry}>
        <a className="cup-skip-link" href={`#${MAIN_ID}`} onClick={skipToMain}>
          {t("app.skipToContent")}
        </a>
        <div className={`cup-shell${isLargeText(a11y) ? " cup-shell--large-text" : ""}`}>
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
        {pending !== null && <LeaveDialog onStay={stay} onLeave={leave} />}
      </LeaveGuardContext.Provider>
    </AnnouncerProvider>
  );
}
