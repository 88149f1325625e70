import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { backend, type MissedReminder } from "../backend";
import { useKiosk } from "../kiosk/context";
import { uiLang } from "./language";

/** Dismissed for the life of the page (the app's window): the banner does not come back. */
const dismissed = new Set<string>();

/**
 * On the home screen: the reminders whose time passed while the app was closed, for
 * appointments still ahead — "Hai un appuntamento oggi alle 10:00: ...".
 */
export function MissedReminders() {
  return useKiosk() === null ? <Missed /> : null;
}

function Missed() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const [missed, setMissed] = useState<MissedReminder[]>([]);

  useEffect(() => {
    let live = true;
    backend.missedReminders(lang).then(
      (value) => {
        if (live) setMissed(value.filter((m) => !dismissed.has(m.cupNumber)));
      },
      (thrown: unknown) => console.warn("missed_reminders failed", thrown),
    );
    return () => {
      live = false;
    };
  }, [lang]);

  if (missed.length === 0) return null;
  const dismiss = (cupNumber: string) => {
    dismissed.add(cupNumber);
    setMissed((list) => list.filter((m) => m.cupNumber !== cupNumber));
  };
  return (
    <div className="cup-missed" data-testid="missed-reminders">
      {missed.map((m) => (
        <div key={m.cupNumber} className="cup-alert cup-alert--warning" role="status" data-testid="missed-reminder">
          <p>
            <strong>{t("reminders.missed.title")}</strong>
          </p>
          <p data-testid="missed-reminder-body">{m.body}</p>
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => dismiss(m.cupNumber)}>
            {t("reminders.missed.dismiss")}
          </button>
        </div>
      ))}
    </div>
  );
}

/** Tests only: forget what was dismissed. */
export function resetDismissedForTests(): void {
  dismissed.clear();
}
