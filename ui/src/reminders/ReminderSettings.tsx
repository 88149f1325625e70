import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAnnounce } from "../a11y/Announcer";
import { backend, type BackendError, type LeadTime, type ReminderSettings as Settings } from "../backend";
import { asError, ErrorNotice } from "../booking/parts";
import { useKiosk } from "../kiosk/context";
import "../documents/documents.css";
import { describeLeadTime } from "./describe";
import { uiLang } from "./language";

/** At most this many reminders (the backend's limit too). */
export const MAX_REMINDERS = 5;

const DEFAULTS: readonly LeadTime[] = [
  { kind: "days_before_at", days: 1, hour: 18, minute: 0 },
  { kind: "minutes_before", minutes: 120 },
];

/** One reminder as the form edits it. */
interface Row {
  key: number;
  kind: "days" | "before";
  days: string;
  time: string;
  amount: string;
  unit: "hours" | "minutes";
}

let nextKey = 1;
const two = (n: number) => String(n).padStart(2, "0");

function toRow(lead: LeadTime): Row {
  const key = nextKey++;
  if (lead.kind === "days_before_at") {
    return { key, kind: "days", days: String(lead.days), time: `${two(lead.hour)}:${two(lead.minute)}`, amount: "2", unit: "hours" };
  }
  const hours = lead.minutes % 60 === 0;
  return {
    key,
    kind: "before",
    days: "1",
    time: "18:00",
    amount: String(hours ? lead.minutes / 60 : lead.minutes),
    unit: hours ? "hours" : "minutes",
  };
}

/** The lead time of a row, or null when a value is out of range. */
export function toLeadTime(row: Row): LeadTime | null {
  if (row.kind === "days") {
    const days = Number(row.days);
    const match = /^(\d{1,2}):(\d{2})$/.exec(row.time);
    if (!Number.isInteger(days) || days < 0 || days > 14 || match === null) return null;
    const hour = Number(match[1]);
    const minute = Number(match[2]);
    if (hour > 23 || minute > 59) return null;
    return { kind: "days_before_at", days, hour, minute };
  }
  const amount = Number(row.amount);
  const minutes = row.unit === "hours" ? amount * 60 : amount;
  if (!Number.isInteger(amount) || minutes < 1 || minutes > 14 * 24 * 60) return null;
  return { kind: "minutes_before", minutes };
}

/**
 * "Promemoria degli appuntamenti": a disclosure on the home and success screens with the
 * reminders' settings. Nothing at all where the device keeps no reminders (a kiosk).
 */
export function ReminderPanel(props: { headingLevel?: 2 | 3 }) {
  return useKiosk() === null ? <Panel {...props} /> : null;
}

function Panel({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const panelId = useId();

  useEffect(() => {
    let live = true;
    backend.reminderSettings().then(
      (value) => {
        if (live) setSettings(value);
      },
      (thrown: unknown) => console.warn("reminder_settings failed", thrown),
    );
    return () => {
      live = false;
    };
  }, []);

  if (settings === null || !settings.available) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="cup-card cup-reminders" aria-labelledby={titleId} data-testid="reminders-panel">
      <Heading id={titleId} className="cup-card__title">
        {t("reminders.title")}
      </Heading>
      <p>{t("reminders.intro")}</p>
      <p data-testid="reminders-summary">{settings.leadTimes.map((lead) => describeLeadTime(lead, t)).join(" · ")}</p>
      <button
        type="button"
        className="btn btn-outline-primary"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="reminders-toggle"
        onClick={() => setOpen((o) => !o)}
      >
        {t("reminders.toggle")}
      </button>
      <div id={panelId} hidden={!open}>
        {open && <ReminderSettings settings={settings} onSaved={setSettings} />}
      </div>
    </section>
  );
}

/** The reminders' lead times, editable (1 to 5), and "Prova le notifiche". */
export function ReminderSettings({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const listId = useId();
  const [rows, setRows] = useState<Row[]>(() => settings.leadTimes.map(toRow));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const update = (key: number, change: Partial<Row>) => {
    setStatus(null);
    setRows((list) => list.map((row) => (row.key === key ? { ...row, ...change } : row)));
  };

  const save = (leads: LeadTime[]) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    backend.setReminderLeadTimes(leads).then(
      (saved) => {
        setBusy(false);
        setRows(saved.leadTimes.map(toRow));
        setStatus(t("reminders.saved"));
        announce(t("reminders.saved"));
        onSaved(saved);
      },
      (thrown: unknown) => {
        setBusy(false);
        setError(asError(thrown));
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const leads = rows.map(toLeadTime);
    if (leads.some((lead) => lead === null)) {
      setError({ code: "reminder_lead_time_invalid", message: "" });
      return;
    }
    save(leads.filter((lead): lead is LeadTime => lead !== null));
  };

  const tryNotification = () => {
    setError(null);
    setStatus(null);
    backend.testNotification(uiLang(i18n.language)).then(
      () => {
        setStatus(t("reminders.tested"));
        announce(t("reminders.tested"));
      },
      (thrown: unknown) => setError(asError(thrown)),
    );
  };

  return (
    <form className="cup-form" noValidate onSubmit={submit} data-testid="reminders-form">
      <h3 id={listId} className="cup-card__subtitle">
        {t("reminders.list")}
      </h3>
      <ol className="cup-reminders__list" aria-labelledby={listId}>
        {rows.map((row, index) => (
          <li key={row.key} className="cup-reminders__item" data-testid="reminder-row">
            <fieldset>
              <legend className="visually-hidden">{t("reminders.item", { number: index + 1 })}</legend>
              <label className="cup-reminders__field">
                {t("reminders.kindLabel")}
                <select
                  className="form-select"
                  data-testid={`reminder-kind-${index}`}
                  value={row.kind}
                  onChange={(e) => update(row.key, { kind: e.target.value === "days" ? "days" : "before" })}
                >
                  <option value="days">{t("reminders.kindDays")}</option>
                  <option value="before">{t("reminders.kindBefore")}</option>
                </select>
              </label>
              {row.kind === "days" ? (
                <>
                  <label className="cup-reminders__field">
                    {t("reminders.days")}
                    <input
                      className="form-control"
                      type="number"
                      min={0}
                      max={14}
                      inputMode="numeric"
                      data-testid={`reminder-days-${index}`}
                      value={row.days}
                      onChange={(e) => update(row.key, { days: e.target.value })}
                    />
                  </label>
                  <label className="cup-reminders__field">
                    {t("reminders.time")}
                    <input
                      className="form-control"
                      type="time"
                      data-testid={`reminder-time-${index}`}
                      value={row.time}
                      onChange={(e) => update(row.key, { time: e.target.value })}
                    />
                  </label>
                </>
              ) : (
                <>
                  <label className="cup-reminders__field">
                    {t("reminders.amount")}
                    <input
                      className="form-control"
                      type="number"
                      min={1}
                      inputMode="numeric"
                      data-testid={`reminder-amount-${index}`}
                      value={row.amount}
                      onChange={(e) => update(row.key, { amount: e.target.value })}
                    />
                  </label>
                  <label className="cup-reminders__field">
                    {t("reminders.unit")}
                    <select
                      className="form-select"
                      data-testid={`reminder-unit-${index}`}
                      value={row.unit}
                      onChange={(e) => update(row.key, { unit: e.target.value === "minutes" ? "minutes" : "hours" })}
                    >
                      <option value="hours">{t("reminders.unitHours")}</option>
                      <option value="minutes">{t("reminders.unitMinutes")}</option>
                    </select>
                  </label>
                </>
              )}
              <button
                type="button"
                className="btn btn-outline-danger btn-sm"
                data-testid={`reminder-remove-${index}`}
                aria-disabled={rows.length <= 1}
                onClick={() => {
                  if (rows.length <= 1) return;
                  setStatus(null);
                  setRows((list) => list.filter((r) => r.key !== row.key));
                }}
              >
                {t("reminders.remove", { number: index + 1 })}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="cup-documents__actions">
        <button
          type="button"
          className="btn btn-outline-primary"
          data-testid="reminders-add"
          aria-disabled={rows.length >= MAX_REMINDERS}
          aria-describedby={rows.length >= MAX_REMINDERS ? `${listId}-max` : undefined}
          onClick={() => {
            if (rows.length >= MAX_REMINDERS) return;
            setStatus(null);
            setRows((list) => [...list, toRow({ kind: "minutes_before", minutes: 60 })]);
          }}
        >
          {t("reminders.add")}
        </button>
        <button type="submit" className="btn btn-primary" data-testid="reminders-save" aria-disabled={busy}>
          {t("reminders.save")}
        </button>
        <button
          type="button"
          className="btn btn-outline-primary"
          data-testid="reminders-defaults"
          onClick={() => {
            if (!busy) save([...DEFAULTS]);
          }}
        >
          {t("reminders.defaults")}
        </button>
        <button type="button" className="btn btn-outline-primary" data-testid="reminders-test" onClick={tryNotification}>
          {t("reminders.test")}
        </button>
      </div>
      {rows.length >= MAX_REMINDERS && (
        <p className="cup-field__hint" id={`${listId}-max`}>
          {t("reminders.max")}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} testId="reminders-error" />}
      <div aria-live="polite">
        {status !== null && (
          <p className="cup-alert cup-alert--success" data-testid="reminders-status">
            {status}
          </p>
        )}
      </div>
    </form>
  );
}
