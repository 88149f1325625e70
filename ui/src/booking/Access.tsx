import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAnnounce } from "../a11y/Announcer";
import { backend, type BackendError, type DemoCitizen, type LoginView } from "../backend";
import { errorText } from "../i18n/errors";
import { PAGE_TITLE_ID } from "../screens/routes";
import { ErrorNotice, asError } from "./parts";
import { CodeField, CODICE_FISCALE_INPUT, NRE_INPUT, TESSERA_INPUT, cardDigits } from "../components/CodeField";
import { useDemoCitizens } from "./useDemoCitizens";

export interface AccessValues {
  codiceFiscale: string;
  tessera: string;
  nre: string;
  consent: boolean;
}

export const EMPTY_ACCESS: AccessValues = { codiceFiscale: "", tessera: "", nre: "", consent: false };

const RETRYABLE = new Set(["unavailable", "unreachable", "timeout", "invalid_response", "internal", "unexpected"]);

type Field = "codice_fiscale" | "tessera" | "nre" | "privacy_consent";
const FIELD_ORDER: readonly Field[] = ["codice_fiscale", "tessera", "nre", "privacy_consent"];
const INPUT_IDS: Record<Field, string> = {
  codice_fiscale: "access-cf",
  tessera: "access-tessera",
  nre: "access-nre",
  privacy_consent: "access-consent",
};

function isField(value: string | undefined): value is Field {
  return value !== undefined && (FIELD_ORDER as readonly string[]).includes(value);
}

/** Step 1: the three factors and the privacy consent. */
export function Access({
  values,
  onChange,
  demo,
  notice,
  onLoggedIn,
  onShowPrivacy,
}: {
  values: AccessValues;
  onChange: (values: AccessValues) => void;
  demo: boolean;
  notice: BackendError | null;
  onLoggedIn: (login: LoginView) => void;
  onShowPrivacy: () => void;
}) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, BackendError>>>({});
  const [formError, setFormError] = useState<BackendError | null>(notice);
  const [busy, setBusy] = useState(false);
  const citizens = useDemoCitizens(demo);
  const formRef = useRef<HTMLFormElement>(null);
  const hintIds = { cf: useId(), tessera: useId(), nre: useId() };

  useEffect(() => setFormError(notice), [notice]);

  const focusField = (field: Field) => {
    document.getElementById(INPUT_IDS[field])?.focus();
  };

  const showFieldErrors = (errors: Partial<Record<Field, BackendError>>) => {
    setFieldErrors(errors);
    const first = FIELD_ORDER.find((f) => errors[f] !== undefined);
    if (first !== undefined) {
      // After React has rendered aria-invalid and the message.
      setTimeout(() => focusField(first), 0);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const access = {
      codiceFiscale: values.codiceFiscale.trim().toUpperCase(),
      tessera: values.tessera.replace(/\s+/g, ""),
      nre: values.nre.trim().toUpperCase(),
    };
    const required: Partial<Record<Field, BackendError>> = {};
    if (access.codiceFiscale === "") required.codice_fiscale = { code: "required", message: "", field: "codice_fiscale" };
    if (access.tessera === "") required.tessera = { code: "required", message: "", field: "tessera" };
    if (access.nre === "") required.nre = { code: "required", message: "", field: "nre" };
    if (!values.consent) required.privacy_consent = { code: "privacy_consent_required", message: "", field: "privacy_consent" };
    if (Object.keys(required).length > 0) {
      showFieldErrors(required);
      return;
    }
    setBusy(true);
    try {
      // Pure validation first: a wrong check character never reaches the network.
      await backend.validateAccess(access);
      setFieldErrors({});
      const login = await backend.loginPrescription({ ...access, privacyConsent: values.consent });
      onLoggedIn(login);
    } catch (thrown) {
      const error = asError(thrown);
      if (isField(error.field)) {
        showFieldErrors({ [error.field]: error });
      } else if (error.code === "privacy_consent_required") {
        showFieldErrors({ privacy_consent: error });
      } else {
        setFieldErrors({});
        setFormError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const fillFrom = (citizen: DemoCitizen) => {
    onChange({ ...values, codiceFiscale: citizen.codiceFiscale, tessera: citizen.tessera, nre: citizen.nre });
    setFieldErrors({});
    setFormError(null);
    const name = `${citizen.givenName} ${citizen.familyName}`;
    announce(t("booking.access.demoFilled", { name }));
    focusField("privacy_consent");
  };

  const describedBy = (hint: string, field: Field) =>
    fieldErrors[field] !== undefined ? `${hint} field-error-${field}` : hint;
  const fieldError = (field: Field) =>
    fieldErrors[field] === undefined ? null : (
      <p className="cup-field-error" id={`field-error-${field}`} data-testid={`field-error-${field}`}>
        {errorText(fieldErrors[field])}
      </p>
    );
  const invalid = (field: Field) => (fieldErrors[field] !== undefined ? true : undefined);
  const hasErrors = Object.keys(fieldErrors).length > 0;

  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-access">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t("booking.access.title")}
      </h1>
      <p className="lead">{t("booking.access.intro")}</p>
      <div className="cup-callout cup-callout--warning">
        <p className="cup-callout__title">{t("booking.access.warningTitle")}</p>
        <p>{t("booking.access.warningLab")}</p>
        <p>{t("booking.access.warningUrgent")}</p>
      </div>

      <form ref={formRef} className="cup-form" noValidate onSubmit={(e) => void submit(e)} data-testid="access-form">
        <h2>{t("booking.access.formTitle")}</h2>
        <p className="cup-form__note">{t("booking.access.requiredNote")}</p>
        {hasErrors && (
          <p className="cup-alert cup-alert--danger" role="alert" data-testid="access-error-summary">
            {t("booking.access.errorSummary")}
          </p>
        )}

        <CodeField
          id={INPUT_IDS.codice_fiscale}
          testId="access-cf"
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
          testId="access-tessera"
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

        <CodeField
          id={INPUT_IDS.nre}
          testId="access-nre"
          label={t("booking.access.nre")}
          hint={t("booking.access.nreHint")}
          hintId={hintIds.nre}
          invalid={invalid("nre")}
          describedBy={describedBy(hintIds.nre, "nre")}
          error={fieldError("nre")}
          {...NRE_INPUT}
          value={values.nre}
          onValue={(v) => onChange({ ...values, nre: v.toUpperCase() })}
        />

        <div className="cup-field cup-field--check">
          <input
            id={INPUT_IDS.privacy_consent}
            data-testid="access-consent"
            type="checkbox"
            className="cup-checkbox"
            required
            aria-required="true"
            aria-invalid={invalid("privacy_consent")}
            aria-describedby={fieldErrors.privacy_consent !== undefined ? "field-error-privacy_consent" : undefined}
            checked={values.consent}
            onChange={(e) => onChange({ ...values, consent: e.target.checked })}
          />
          <label htmlFor={INPUT_IDS.privacy_consent}>
            {t("booking.access.consentBefore")}
            <button type="button" className="cup-link-button" data-testid="access-privacy-link" onClick={onShowPrivacy}>
              {t("booking.access.consentLink")}
            </button>
            {t("booking.access.consentAfter")}
          </label>
          {fieldError("privacy_consent")}
        </div>

        {formError !== null && (
          <ErrorNotice
            error={formError}
            testId="access-error"
            onRetry={RETRYABLE.has(formError.code) ? () => formRef.current?.requestSubmit() : undefined}
          />
        )}

        <div className="cup-page__actions">
          <button type="submit" className="btn btn-primary btn-lg" data-testid="access-submit" aria-disabled={busy}>
            {busy ? t("booking.access.checking") : t("booking.access.submit")}
          </button>
        </div>
      </form>

      {demo && citizens.length > 0 && (
        <details className="cup-demo-citizens" data-testid="demo-citizens">
          <summary>{t("booking.access.demoTitle")}</summary>
          <p>{t("booking.access.demoIntro")}</p>
          <ul>
            {citizens.map((c) => {
              const name = `${c.givenName} ${c.familyName}`;
              return (
                <li key={c.case}>
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-sm"
                    data-testid={`demo-citizen-${c.case}`}
                    onClick={() => fillFrom(c)}
                  >
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
