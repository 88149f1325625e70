import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { KioskContext, type KioskInfo } from "./context";
import { IdleClock } from "./idle";
import { IdleDialog } from "./IdleDialog";
import { Keypad } from "./Keypad";
import { useScanner } from "./scanner";
import "./kiosk.css";

/** Inputs that mean someone is there. */
const ACTIVITY = ["pointerdown", "keydown", "touchstart", "wheel", "input"] as const;

/** The idle clock over the document's input events; `remaining` while the question is up. */
function useIdle(idleSecs: number, countdownSecs: number, onTimeout: () => void) {
  const [remaining, setRemaining] = useState<number | null>(null);
  const clock = useRef<IdleClock | null>(null);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;

  useEffect(() => {
    const idle = new IdleClock(idleSecs * 1000, countdownSecs, {
      onWarn: setRemaining,
      onTick: setRemaining,
      onTimeout: () => {
        setRemaining(null);
        timeout.current();
      },
    });
    clock.current = idle;
    const onActivity = () => idle.activity();
    for (const type of ACTIVITY) document.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY) document.removeEventListener(type, onActivity, { capture: true });
      idle.stop();
      clock.current = null;
    };
  }, [idleSecs, countdownSecs]);

  const stay = () => {
    clock.current?.stay();
    setRemaining(null);
  };
  return { remaining, stay };
}

/**
 * The kiosk around the app: an always-visible "Ho finito", the idle question and its reset,
 * the on-screen keypad, the barcode scanner, and no context menu. Mounted anew at each reset.
 */
export function KioskFrame({
  idleTimeoutSecs,
  countdownSecs,
  printer,
  onReset,
  children,
}: {
  idleTimeoutSecs: number;
  countdownSecs: number;
  printer: boolean;
  onReset: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const idle = useIdle(idleTimeoutSecs, countdownSecs, onReset);
  const [info] = useState<KioskInfo>(() => ({ printer }));
  useScanner();

  useEffect(() => {
    document.documentElement.dataset["kiosk"] = "";
    const noMenu = (event: Event) => event.preventDefault();
    document.addEventListener("contextmenu", noMenu);
    return () => {
      document.removeEventListener("contextmenu", noMenu);
      delete document.documentElement.dataset["kiosk"];
    };
  }, []);

  const asking = idle.remaining !== null;
  return (
    <KioskContext.Provider value={info}>
      <div className="cup-kiosk" inert={asking} data-testid="kiosk-frame">
        <div className="cup-kiosk-bar" role="region" aria-label={t("kiosk.bar.label")}>
          <div className="container cup-kiosk-bar__content">
            <p className="cup-kiosk-bar__text">{t("kiosk.bar.text")}</p>
            <button type="button" className="btn btn-primary btn-lg cup-kiosk-bar__finish" data-testid="kiosk-finish" onClick={onReset}>
              {t("kiosk.bar.finish")}
            </button>
          </div>
        </div>
        {children}
      </div>
      {!asking && <Keypad />}
      {idle.remaining !== null && <IdleDialog remaining={idle.remaining} onStay={idle.stay} onLeave={onReset} />}
    </KioskContext.Provider>
  );
}

/** Between the citizen's last screen and the next citizen's home: nothing on screen. */
export function KioskResetting() {
  const { t } = useTranslation();
  return (
    <main className="cup-kiosk-resetting" data-testid="kiosk-resetting">
      <p role="status">{t("kiosk.resetting")}</p>
    </main>
  );
}
