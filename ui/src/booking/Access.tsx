import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAnnounce } from "../a11y/Announcer";
import { backend, type AccessInput, type BackendError, type DemoCitizen, type LoginView } from "../backend";
import { errorText } from "../i18n/errors";
import { PAGE_TITLE_ID } from "../screens/routes";
import { ErrorNotice, asError } from "./parts";
import { CodeField, CODICE_FISCALE_INPUT, NRE_INPUT, TESSERA_INPUT, cardDigits } from "../components/CodeField";
import { useDemoCitizens } from "./useDemoCitizens";
import { rememberTypedCitizen } from "./typedCitizen";

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

type Errors = Partial<Record<Field, BackendError>>;
type CodeFieldName = Exclude<Field, "privacy_consent">;
const CODE_FIELDS: readonly CodeFieldName[] = ["codice_fiscale", "tessera", "nre"];
const INPUT_OF: Record<CodeFieldName, keyof AccessInput> = { codice_fiscale: "codiceFiscale", tessera: "tessera", nre: "nre" };

/** The factors as sent: capitals, the card number without spaces. */
function normalise(values: AccessValues): AccessInput {
  return {
    codiceFiscale: values.codiceFiscale.trim().toUpperCase(),
    tessera: values.tessera.replace(/\s+/g, ""),
    nre: values.nre.trim().toUpperCase(),
  };
}

interface TypedCard {
  codiceFiscale: string;
  tessera: string;
}

const required = (field: Field): BackendError => ({ code: "required", message: "", field });

/**
 * The errors shown, after the backend checked the form again (`failed`: its first wrong
 * field, or null when the three factors are valid). The backend names one field, the first
 * wrong one in form order: the fields before it are valid now, and their errors go; the
 * named field's error says what is wrong now. A field after it cannot be judged yet: it
 * keeps its error, except a "required" one once it is filled in. No error is added to a
 * field that had none: the citizen is still typing.
 */
export function recheckedErrors(errors: Errors, access: AccessInput, failed: BackendError | null): Errors {
  const failedAt = failed === null ? CODE_FIELDS.length : isField(failed.field) ? FIELD_ORDER.indexOf(failed.field) : -1;
  if (failedAt < 0) return errors; // not about a field: nothing learnt
  const next: Errors = {};
  CODE_FIELDS.forEach((field, index) => {
    const shown = errors[field];
    if (shown === undefined || index < failedAt) return;
    const empty = access[INPUT_OF[field]] === "";
    if (index === failedAt && failed !== null) {
      next[field] = empty ? required(field) : failed;
    } else if (!(shown.code === "required" && !empty)) {
      next[field] = shown;
    }
  });
  if (errors.privacy_consent !== undefined) next.privacy_consent = errors.privacy_consent;
  return next;
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
  const [fieldErrors, setFieldErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<BackendError | null>(notice);
  const [busy, setBusy] = useState(false);
  const [remembered, setRemembered] = useState<TypedCard | null>(null);
  const citizens = useDemoCitizens(demo);
  const formRef = useRef<HTMLFormElement>(null);
  const hintIds = { cf: useId(), tessera: useId(), nre: useId() };
  /** The latest values and errors, for answers that arrive after a re-render. */
  const latest = useRef({ values, fieldErrors });
  latest.current = { values, fieldErrors };
  /** Which re-check is the newest: an older answer is ignored. */
  const recheckRun = useRef(0);

  useEffect(() => setFormError(notice), [notice]);

  // The card remembered on this device ("Ricordami" in GESTISCI; never on a kiosk) fills an
  // empty form, and says so.
  useEffect(() => {
    let live = true;
    backend.rememberedCard().then(
      (state) => {
        const card = state.card;
        const now = latest.current.values;
        if (!live || card === null || now.codiceFiscale !== "" || now.tessera !== "") return;
        setRemembered({ codiceFiscale: card.codiceFiscale, tessera: card.tessera });
        onChange({ ...now, codiceFiscale: card.codiceFiscale, tessera: card.tessera });
      },
      (thrown: unknown) => console.warn("remembered_card failed", thrown),
    );
    return () => {
      live = false;
    };
    // Once, when the form opens (onChange is the flow's state setter).
  }, []);

  const focusField = (field: Field) => {
    document.getElementById(INPUT_IDS[field])?.focus();
  };

  const showFieldErrors = (errors: Errors) => {
    recheckRun.current += 1; // an answer to an earlier re-check must not undo these
    setFieldErrors(errors);
    const first = FIELD_ORDER.find((f) => errors[f] !== undefined);
    if (first !== undefined) {
      // After React has rendered aria-invalid and the message.
      setTimeout(() => focusField(first), 0);
    }
  };

  /**
   * After an error, each change is checked again by the backend (the same validation as
   * "Avanti", no network): an error goes as soon as its field is right.
   */
  const recheck = (next: AccessValues) => {
    if (!CODE_FIELDS.some((f) => latest.current.fieldErrors[f] !== undefined)) return;
    const run = ++recheckRun.current;
    const access = normalise(next);
    const settle = (failed: BackendError | null) => {
      if (run !== recheckRun.current) return;
      const before = latest.current.fieldErrors;
      const after = recheckedErrors(before, access, failed);
      const fixed = CODE_FIELDS.filter((f) => before[f] !== undefined && after[f] === undefined);
      setFieldErrors(after);
      if (fixed.length > 0) {
        announce(t("booking.access.fieldFixed", { fields: fixed.map((f) => t(`booking.fieldNames.${f}`)).join(", ") }));
      }
    };
    backend.validateAccess(access).then(
      () => settle(null),
      (thrown: unknown) => settle(asError(thrown)),
    );
  };

  const change = (next: AccessValues) => {
    onChange(next);
    if (next.consent && latest.current.fieldErrors.privacy_consent !== undefined) {
      const { privacy_consent: _gone, ...rest } = latest.current.fieldErrors;
      setFieldErrors(rest);
    }
    recheck(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const access = normalise(values);
    const missing: Errors = {};
    if (access.codiceFiscale === "") missing.codice_fiscale = required("codice_fiscale");
    if (access.tessera === "") missing.tessera = required("tessera");
    if (access.nre === "") missing.nre = required("nre");
    if (!values.consent) missing.privacy_consent = { code: "privacy_consent_required", message: "", field: "privacy_consent" };
    if (Object.keys(missing).length > 0) {
      showFieldErrors(missing);
      return;
    }
    setBusy(true);
    try {
      // Pure validation first: a wrong check character never reaches the network.
      await backend.validateAccess(access);
      setFieldErrors({});
      const login = await backend.loginPrescription({ ...access, privacyConsent: values.consent });
      // For GESTISCI, in this session only (in memory, forgotten at a kiosk reset).
      rememberTypedCitizen({ codiceFiscale: access.codiceFiscale, tessera: access.tessera });
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
    recheckRun.current += 1;
    setFieldErrors({});
    setFormError(null);
    const name = `${citizen.givenName} ${citizen.familyName}`;
    announce(t("booking.access.demoFilled", { name }));
    focusField("privacy_consent");
  };

  /** "Usa altri dati": the remembered card taken out of the form (it stays remembered). */
  const useOtherData = () => {
    setRemembered(null);
    change({ ...values, codiceFiscale: "", tessera: "" });
    announce(t("booking.access.rememberedCleared"));
    focusField("codice_fiscale");
  };

  /** Shown while the form holds the remembered card as it was filled in. */
  const showsRemembered =
    remembered !== null &&
    normalise(values).codiceFiscale === remembered.codiceFiscale &&
    normalise(values).tessera === remembered.tessera;

  const describedBy = (hint: string, field: Field) =>
    fieldErrors[field] !== undefined ? `${hint} field-error-${field}` : hint;
  const fieldError = (field: Field) =>
    fieldErrors[field] === undefined ? null : (
      <p className="cup-field-error" id={`field-error-${field}`} data-testid={`field-error-${field}`} data-code={fieldErrors[field].code}>
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

      <form ref={formRef} className="cup-form" noValidate onSubmit={(e) => void submit(e)} data-testid="access-form">
        <h2>{t("booking.access.formTitle")}</h2>
        <p className="cup-form__note">{t("booking.access.requiredNote")}</p>
        {hasErrors && (
          <p className="cup-alert cup-alert--danger" role="alert" data-testid="access-error-summary">
            {t("booking.access.errorSummary")}
          </p>
        )}

        {showsRemembered && (
          <div className="cup-alert cup-alert--info" data-testid="access-remembered">
            <p>{t("booking.access.rememberedFilled")}</p>
            <p>
              <button type="button" className="btn btn-outline-primary btn-sm" data-testid="access-remembered-other" onClick={useOtherData}>
                {t("booking.access.rememberedOther")}
              </button>
            </p>
          </div>
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
          onValue={(v) => change({ ...values, codiceFiscale: v.toUpperCase() })}
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
          onValue={(v) => change({ ...values, tessera: cardDigits(v) })}
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
          onValue={(v) => change({ ...values, nre: v.toUpperCase() })}
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
            onChange={(e) => change({ ...values, consent: e.target.checked })}
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

        {/* "Avanti" always in view while the citizen fills the form (a sticky bar). */}
        <div className="cup-sticky-actions">
          <button type="submit" className="btn btn-primary btn-lg" data-testid="access-submit" aria-disabled={busy}>
            {busy ? t("booking.access.checking") : t("booking.access.submit")}
          </button>
        </div>
      </form>

      {/* What is not booked here, after the form: the prescription screen says it again, with
          what to do, for the line it concerns. */}
      <div className="cup-callout cup-callout--warning" data-testid="access-not-here">
        <p className="cup-callout__title">{t("booking.access.warningTitle")}</p>
        <p>{t("booking.access.warningLab")}</p>
        <p>{t("booking.access.warningUrgent")}</p>
      </div>

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
