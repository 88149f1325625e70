import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAnnounce } from "../a11y/Announcer";
import {
  backend,
  type BackendError,
  type BookingList,
  type DemoCitizen,
  type LoginView,
  type NotKept,
  type RememberState,
} from "../backend";
import { asError, Loading } from "../booking/parts";
import { errorText } from "../i18n/errors";
import { PAGE_TITLE_ID } from "../screens/routes";
import { ManageErrorNotice, RETRYABLE, UNREACHABLE } from "./parts";
import { CodeField, CODICE_FISCALE_INPUT, TESSERA_INPUT, cardDigits } from "../components/CodeField";
import { useDemoCitizens } from "../booking/useDemoCitizens";
import { isTypedCitizen, prefillTyped } from "../booking/typedCitizen";

export interface CardValues {
  codiceFiscale: string;
  tessera: string;
  remember: boolean;
}

export const EMPTY_CARD: CardValues = { codiceFiscale: "", tessera: "", remember: false };

/** Why this device keeps no bookings, said to the citizen. */
const NOT_KEPT_TEXT = {
  no_keyring: "manage.login.notKept.no_keyring",
  switched_off: "manage.login.notKept.switched_off",
  no_data_dir: "manage.login.notKept.no_data_dir",
} as const satisfies Record<NotKept, string>;

type Field = "codice_fiscale" | "tessera";
const FIELD_ORDER: readonly Field[] = ["codice_fiscale", "tessera"];
const INPUT_IDS: Record<Field, string> = { codice_fiscale: "manage-cf", tessera: "manage-tessera" };

function isField(value: string | undefined): value is Field {
  return value !== undefined && (FIELD_ORDER as readonly string[]).includes(value);
}

/** The card as sent: codice fiscale in capitals, the card number without spaces. */
export function normaliseCard(values: CardValues): { codiceFiscale: string; tessera: string } {
  return { codiceFiscale: values.codiceFiscale.trim().toUpperCase(), tessera: values.tessera.replace(/\s+/g, "") };
}

/** AUTENTICAZIONE: codice fiscale + tessera sanitaria, "remember me", and the saved bookings when offline. */
export function CardLogin({
  values,
  onChange,
  remember,
  demo,
  notice,
  onLoggedIn,
  onSaved,
}: {
  values: CardValues;
  onChange: (values: CardValues) => void;
  /** What the device can remember (null while unknown). */
  remember: RememberState | null;
  demo: boolean;
  /** Shown at the top of the form (e.g. the session expired, or the user logged out). */
  notice: BackendError | null;
  onLoggedIn: (login: LoginView) => void;
  onSaved: (list: BookingList) => void;
}) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, BackendError>>>({});
  const [formError, setFormError] = useState<BackendError | null>(notice);
  const [busy, setBusy] = useState(false);
  const [savedBusy, setSavedBusy] = useState(false);
  const [savedError, setSavedError] = useState<BackendError | null>(null);
  const citizens = useDemoCitizens(demo);
  // The card just typed in PRENOTA (this app session only) fills an empty form, once.
  const [fromBooking, setFromBooking] = useState(false);
  useEffect(() => {
    const filled = prefillTyped(values);
    if (filled !== null) {
      onChange(filled);
      setFromBooking(true);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const formRef = useRef<HTMLFormElement>(null);
  const hintIds = { cf: useId(), tessera: useId(), remember: useId() };
  const rememberAvailable = remember?.available ?? true;
  /** Why no bookings are kept here (null: they are, or not known yet). */
  const notKept = remember?.bookingsNotKept ?? null;

  useEffect(() => setFormError(notice), [notice]);

  const showFieldErrors = (errors: Partial<Record<Field, BackendError>>) => {
    setFieldErrors(errors);
    const first = FIELD_ORDER.find((f) => errors[f] !== undefined);
    if (first !== undefined) setTimeout(() => document.getElementById(INPUT_IDS[first])?.focus(), 0);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    setSavedError(null);
    const card = normaliseCard(values);
    const required: Partial<Record<Field, BackendError>> = {};
    if (card.codiceFiscale === "") required.codice_fiscale = { code: "required", message: "", field: "codice_fiscale" };
    if (card.tessera === "") required.tessera = { code: "required", message: "", field: "tessera" };
    if (Object.keys(required).length > 0) {
      showFieldErrors(required);
      return;
    }
    setBusy(true);
    try {
      const login = await backend.loginCard({ ...card, remember: rememberAvailable && values.remember });
      setFieldErrors({});
      setBusy(false);
      onLoggedIn(login);
    } catch (thrown) {
      setBusy(false);
      const error = asError(thrown);
      if (isField(error.field)) {
        showFieldErrors({ [error.field]: error });
      } else {
        setFieldErrors({});
        setFormError(error);
      }
    }
  };

  const showSaved = () => {
    if (savedBusy) return;
    setSavedBusy(true);
    setSavedError(null);
    backend.savedBookings(normaliseCard(values)).then(
      (list) => {
        setSavedBusy(false);
        onSaved(list);
      },
      (thrown: unknown) => {
        setSavedBusy(false);
        setSavedError(asError(thrown));
      },
    );
  };

  const fillFrom = (citizen: DemoCitizen) => {
    onChange({ ...values, codiceFiscale: citizen.codiceFiscale, tessera: citizen.tessera });
    setFieldErrors({});
    setFormError(null);
    announce(t("manage.login.demoFilled", { name: `${citizen.givenName} ${citizen.familyName}` }));
    document.getElementById("manage-login")?.focus();
  };

  const describedBy = (hint: string, field: Field) => (fieldErrors[field] !== undefined ? `${hint} field-error-${field}` : hint);
  const fieldError = (field: Field) =>
    fieldErrors[field] === undefined ? null : (
      <p className="cup-field-error" id={`field-error-${field}`} data-testid={`field-error-${field}`} data-code={fieldErrors[field].code}>
        {errorText(fieldErrors[field])}
      </p>
    );
  const invalid = (field: Field) => (fieldErrors[field] !== undefined ? true : undefined);
  const unreachable = formError !== null && UNREACHABLE.has(formError.code);
  const prefilled = remember?.card != null && remember.card.codiceFiscale === normaliseCard(values).codiceFiscale;
  const showsTyped = fromBooking && !prefilled && isTypedCitizen(normaliseCard(values));

  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-manage-login">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t("manage.login.title")}
      </h1>
      <p className="lead">{t("manage.login.intro")}</p>

      <form ref={formRef} className="cup-form" noValidate onSubmit={(e) => void submit(e)} data-testid="manage-login-form">
        <h2>{t("manage.login.formTitle")}</h2>
        <p>{t("manage.login.formIntro")}</p>
        <p className="cup-form__note">{t("booking.access.requiredNote")}</p>
        {Object.keys(fieldErrors).length > 0 && (
          <p className="cup-alert cup-alert--danger" role="alert" data-testid="manage-error-summary">
            {t("manage.login.errorSummary")}
          </p>
        )}
        {prefilled && (
          <p className="cup-alert cup-alert--info" data-testid="manage-remembered">
            {t("manage.login.rememberedFilled")}
          </p>
        )}
        {showsTyped && (
          <p className="cup-alert cup-alert--info" data-testid="manage-typed">
            {t("manage.login.typedFilled")}
          </p>
        )}

        <CodeField
          id={INPUT_IDS.codice_fiscale}
          testId="manage-cf"
          label={t("booking.access.cf")}
          hint={t("booking.access.cfHint")}
          hintId={hintIds.cf}
          invalid={invalid("codice_fiscale")}
          describedBy={describedBy(hintIds.cf, "codice_fiscale")}
          error={fieldError("codice_fiscale")}
          {...CODICE_FISCALE_INPUT}
          value={values.codiceFiscale}
          onValue={(v) => onChange({ ...values, codiceFiscale: v.toUpperCase() })}
        />

        <CodeField
          id={INPUT_IDS.tessera}
          testId="manage-tessera"
          label={t("booking.access.tessera")}
          hint={t("booking.access.tesseraHint")}
          hintId={hintIds.tessera}
          invalid={invalid("tessera")}
          describedBy={describedBy(hintIds.tessera, "tessera")}
          error={fieldError("tessera")}
          {...TESSERA_INPUT}
          value={values.tessera}
          onValue={(v) => onChange({ ...values, tessera: cardDigits(v) })}
        />

        <div className="cup-field cup-field--check">
          <input
            id="manage-remember"
            data-testid="manage-remember"
            type="checkbox"
            className="cup-checkbox"
            disabled={!rememberAvailable}
            aria-describedby={hintIds.remember}
            checked={rememberAvailable && values.remember}
            onChange={(e) => onChange({ ...values, remember: e.target.checked })}
          />
          <label htmlFor="manage-remember">{t("manage.login.remember")}</label>
          <p className="cup-field__hint cup-field--check__hint" id={hintIds.remember} data-testid="manage-remember-hint">
            {rememberAvailable ? t("manage.login.rememberHint") : t("manage.login.rememberUnavailable")}
          </p>
        </div>
        {notKept === "no_keyring" && (
          <p className="cup-alert cup-alert--info" data-testid="manage-not-kept" data-reason={notKept}>
            {t(NOT_KEPT_TEXT[notKept])}
          </p>
        )}

        {formError !== null && (
          <ManageErrorNotice
            error={formError}
            testId="manage-login-error"
            onRetry={RETRYABLE.has(formError.code) ? () => formRef.current?.requestSubmit() : undefined}
          >
            {unreachable && notKept !== null && <p data-testid="manage-unreachable-not-kept">{t(NOT_KEPT_TEXT[notKept])}</p>}
            {unreachable && notKept === null && <p>{t("manage.login.unreachableSaved")}</p>}
            {unreachable && notKept === null && (
              <p>
                <button
                  type="button"
                  className="btn btn-outline-primary btn-sm"
                  data-testid="manage-saved-bookings"
                  aria-disabled={savedBusy}
                  onClick={showSaved}
                >
                  {t("manage.login.viewSaved")}
                </button>
              </p>
            )}
          </ManageErrorNotice>
        )}
        {savedBusy && <Loading />}
        {savedError !== null && <ManageErrorNotice error={savedError} testId="manage-saved-error" />}

        <div className="cup-page__actions">
          <button id="manage-login" type="submit" className="btn btn-primary btn-lg" data-testid="manage-login" aria-disabled={busy}>
            {busy ? t("manage.login.checking") : t("manage.login.submit")}
          </button>
        </div>
      </form>

      {demo && citizens.length > 0 && (
        <details className="cup-demo-citizens" data-testid="manage-demo-citizens">
          <summary>{t("booking.access.demoTitle")}</summary>
          <p>{t("manage.login.demoIntro")}</p>
          <ul>
            {citizens.map((c) => {
              const name = `${c.givenName} ${c.familyName}`;
              return (
                <li key={c.case}>
                  <button type="button" className="btn btn-outline-primary btn-sm" data-testid={`manage-demo-${c.case}`} onClick={() => fillFrom(c)}>
                    {t("booking.access.demoUse", { name })}
                  </button>
                  <span className="cup-demo-citizens__case">{i18n.language === "en" ? c.descriptionEn : c.descriptionIt}</span>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </section>
  );
}
