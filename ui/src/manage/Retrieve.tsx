import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { BackendError, BookingList } from "../backend";
import { asError } from "../booking/parts";
import { errorText } from "../i18n/errors";
import { PAGE_TITLE_ID } from "../screens/routes";
import { ManageErrorNotice, RETRYABLE } from "./parts";
import { checkRetrieval, MODE_TEST_IDS, normaliseValue, RETRIEVE_MODES, VALUE_FIELDS, type RetrieveMode, type RetrieveValues } from "./retrieval";

const VALUE_ID = "manage-value";

/** "Modalità recupero Prenotazione": PIN, CUP number, prescription number, or all. */
export function Retrieve({
  values,
  onChange,
  search,
  onResults,
  onFatal,
}: {
  values: RetrieveValues;
  onChange: (values: RetrieveValues) => void;
  /** Runs the search (the flow passes the backend call). */
  search: (values: RetrieveValues) => Promise<BookingList>;
  onResults: (list: BookingList, values: RetrieveValues) => void;
  onFatal: (error: BackendError) => boolean;
}) {
  const { t } = useTranslation();
  const [fieldError, setFieldError] = useState<BackendError | null>(null);
  const [formError, setFormError] = useState<BackendError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const hintId = useId();
  const legendId = useId();
  const { mode } = values;

  const showFieldError = (error: BackendError) => {
    setFieldError(error);
    setTimeout(() => document.getElementById(VALUE_ID)?.focus(), 0);
  };

  const chooseMode = (next: RetrieveMode) => {
    if (next === mode) return;
    // Another identifier: what was typed for the previous one means nothing now.
    onChange({ mode: next, value: "" });
    setFieldError(null);
    setFormError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const invalid = checkRetrieval(values);
    if (invalid !== null) {
      showFieldError(invalid);
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      const query = { mode, value: normaliseValue(mode, values.value) };
      const list = await search(query);
      setBusy(false);
      onResults(list, query);
    } catch (thrown) {
      setBusy(false);
      const error = asError(thrown);
      if (onFatal(error)) return;
      if (mode !== "all" && error.field !== undefined && VALUE_FIELDS.has(error.field)) showFieldError(error);
      else setFormError(error);
    }
  };

  const describedBy = fieldError === null ? hintId : `${hintId} field-error-value`;

  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-manage-search">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t("manage.retrieve.title")}
      </h1>
      <form ref={formRef} className="cup-form" noValidate onSubmit={(e) => void submit(e)} data-testid="manage-search-form">
        <p className="cup-form__note">{t("manage.retrieve.requiredNote")}</p>
        {fieldError !== null && (
          <p className="cup-alert cup-alert--danger" role="alert" data-testid="manage-search-error-summary">
            {t("manage.retrieve.errorSummary")}
          </p>
        )}
        <fieldset className="cup-field cup-modes" aria-describedby={legendId}>
          <legend className="cup-modes__legend">{t("manage.retrieve.legend")}</legend>
          <p className="cup-field__hint" id={legendId}>
            {t("manage.retrieve.intro")}
          </p>
          {RETRIEVE_MODES.map((m) => {
            const id = `manage-mode-${m}`;
            return (
              <div className="cup-field--check cup-modes__option" key={m}>
                <input
                  id={id}
                  type="radio"
                  name="manage-mode"
                  className="cup-radio"
                  data-testid={MODE_TEST_IDS[m]}
                  value={m}
                  checked={mode === m}
                  onChange={() => chooseMode(m)}
                />
                <label htmlFor={id}>{t(`manage.retrieve.mode.${m}`)}</label>
              </div>
            );
          })}
        </fieldset>

        {mode === "all" ? (
          <p className="cup-field__hint" id={hintId} data-testid="manage-all-hint">
            {t("manage.retrieve.hint.all")}
          </p>
        ) : (
          <div className="cup-field">
            <label htmlFor={VALUE_ID}>{t(`manage.retrieve.label.${mode}`)}</label>
            <p className="cup-field__hint" id={hintId}>
              {t(`manage.retrieve.hint.${mode}`)}
            </p>
            <input
              id={VALUE_ID}
              key={mode}
              data-testid="manage-value"
              className="form-control cup-input cup-input--code"
              type="text"
              inputMode={mode === "nre" ? "text" : "numeric"}
              autoComplete="off"
              autoCapitalize={mode === "nre" ? "characters" : "off"}
              spellCheck={false}
              maxLength={mode === "pin" ? 10 : mode === "cup_number" ? 14 : 15}
              required
              aria-required="true"
              aria-invalid={fieldError === null ? undefined : true}
              aria-describedby={describedBy}
              value={values.value}
              onChange={(e) => onChange({ mode, value: mode === "nre" ? e.target.value.toUpperCase() : e.target.value })}
            />
            {fieldError !== null && (
              <p className="cup-field-error" id="field-error-value" data-testid="field-error-value" data-code={fieldError.code}>
                {errorText(fieldError)}
              </p>
            )}
          </div>
        )}

        {formError !== null && (
          <ManageErrorNotice
            error={formError}
            testId="manage-search-error"
            onRetry={RETRYABLE.has(formError.code) ? () => formRef.current?.requestSubmit() : undefined}
          />
        )}

        <div className="cup-page__actions">
          <button type="submit" className="btn btn-primary btn-lg" data-testid="manage-search" aria-disabled={busy}>
            {busy ? t("manage.retrieve.searching") : t("manage.retrieve.search")}
          </button>
        </div>
      </form>
    </section>
  );
}
