import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { BackendError, HoldView, PatientView, PrescriptionView, ServiceView } from "../backend";
import { PAGE_TITLE_ID } from "../screens/routes";
import { errorText } from "../i18n/errors";
import { formatCalendarDate, formatDay, formatEuro, formatShortDate, formatTime } from "./format";
import { HoldCountdown } from "./HoldCountdown";
import { ErrorNotice, FacilityLines } from "./parts";
import { phoneError as checkPhone } from "./phone";
import { preparationText } from "./preparation";
import { usePriorityLabel } from "./Prescription";

export function normalisePhone(value: string): string {
  return value.replace(/[\s./-]/g, "");
}

/** Step 5: everything to check before "Sì, prenoto!", while the slot is held. */
export function Summary({
  patient,
  prescription,
  service,
  hold,
  receivedAt,
  phone,
  onPhone,
  onConfirm,
  onChange,
  onExpired,
  onExtend,
  busy,
  extending,
  error,
  onRetry,
}: {
  patient: PatientView | null;
  prescription: PrescriptionView;
  service: ServiceView;
  hold: HoldView;
  receivedAt: number;
  phone: string;
  onPhone: (phone: string) => void;
  onConfirm: (phone: string | null) => void;
  onChange: () => void;
  onExpired: () => void;
  onExtend: () => void;
  busy: boolean;
  extending: boolean;
  error: BackendError | null;
  onRetry?: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const priority = usePriorityLabel();
  const phoneHint = useId();
  const [phoneError, setPhoneError] = useState<string | null>(null);
  // The backend's answer on the phone field (the same rules) is shown on the field too.
  const backendPhoneError = error !== null && error.field === "phone" ? error.code : null;
  const shownPhoneError = phoneError ?? backendPhoneError;
  const lang = i18n.language;
  const preparation = preparationText(service, lang);
  const offer = hold.offer;
  // From the server (cup-domain's rule): never computed here.
  const cancelBy = hold.cancel_by;
  const line = prescription.lines.find((l) => l.line === hold.line);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const value = normalisePhone(phone);
    const wrong = checkPhone(value);
    if (wrong !== null) {
      setPhoneError(wrong);
      document.getElementById("summary-phone")?.focus();
      return;
    }
    setPhoneError(null);
    onConfirm(value === "" ? null : value);
  };

  useEffect(() => {
    if (backendPhoneError !== null) document.getElementById("summary-phone")?.focus();
  }, [backendPhoneError]);

  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-summary">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t("booking.summary.title")}
      </h1>

      {preparation !== "" && (
        <p className="cup-alert cup-alert--warning" data-testid="summary-prep-warning">
          {t("booking.summary.prepWarning")}
        </p>
      )}

      <div className="cup-grid-2">
        <section className="cup-card" aria-labelledby="sum-appointment">
          <h2 id="sum-appointment" className="cup-card__title">
            {t("booking.summary.appointment")}
          </h2>
          <dl className="cup-dl cup-dl--stack" data-testid="summary-appointment">
            <dt>{t("booking.summary.what")}</dt>
            <dd>
              {service.description} - {service.code}{" "}
              <span className="cup-tag cup-tag--held" data-testid="hold-reserved">
                {t("booking.hold.reserved")}
              </span>
            </dd>
            <dt>{t("booking.summary.when")}</dt>
            <dd data-testid="summary-when">
              {t("booking.summary.whenValue", { date: formatDay(offer.starts_at, lang), time: formatTime(offer.starts_at, lang) })}
            </dd>
            <dt>{t("booking.summary.where")}</dt>
            <dd>
              <FacilityLines offer={offer} />
            </dd>
          </dl>
          <h3 className="cup-card__subtitle">{t("booking.summary.notes")}</h3>
          <p data-testid="summary-notes">{preparation === "" ? t("booking.summary.noNotes") : preparation}</p>
          <h3 className="cup-card__subtitle">{t("booking.summary.costTitle")}</h3>
          <p data-testid="summary-cost">
            {prescription.ticket_cents === 0
              ? t("booking.summary.costNone")
              : t("booking.summary.costValue", { amount: formatEuro(prescription.ticket_cents, lang) })}
          </p>
          <h3 className="cup-card__subtitle">{t("booking.summary.guaranteeTitle")}</h3>
          <p data-testid="summary-guarantee" data-kept={offer.inside_guarantee}>
            {offer.inside_guarantee ? t("booking.summary.guaranteeKept") : t("booking.summary.guaranteeWaived")}
          </p>
          <h3 className="cup-card__subtitle">{t("booking.summary.cancelTitle")}</h3>
          <p data-testid="summary-cancel-rule">
            {t("booking.summary.cancelRule", { date: formatDay(cancelBy, lang), time: formatTime(cancelBy, lang) })}
          </p>
        </section>

        <div>
          <section className="cup-card" aria-labelledby="sum-patient" data-testid="summary-patient">
            <h2 id="sum-patient" className="cup-card__title">
              {t("booking.summary.patient")}
            </h2>
            {patient !== null && (
              <dl className="cup-dl">
                <dt>{t("booking.summary.name")}</dt>
                <dd>
                  {patient.given_name} {patient.family_name}
                </dd>
                <dt>{t("booking.summary.cf")}</dt>
                <dd>{patient.codice_fiscale}</dd>
                <dt>{t("booking.summary.birthDate")}</dt>
                <dd>{formatShortDate(patient.birth_date, lang)}</dd>
                <dt>{t("booking.summary.sex")}</dt>
                <dd>{patient.sex === "F" || patient.sex === "M" ? t(`booking.summary.sexValue.${patient.sex}`) : patient.sex}</dd>
                <dt>{t("booking.summary.birthPlace")}</dt>
                <dd>{patient.birth_place}</dd>
                <dt>{t("booking.summary.address")}</dt>
                <dd>{patient.address}</dd>
                {patient.email !== null && (
                  <>
                    <dt>{t("booking.summary.email")}</dt>
                    <dd>{patient.email}</dd>
                  </>
                )}
              </dl>
            )}
            <p className="cup-field__hint">{t("booking.summary.contactsWrong")}</p>
          </section>

          <section className="cup-card" aria-labelledby="sum-rx">
            <h2 id="sum-rx" className="cup-card__title">
              {t("booking.prescription.data")}
            </h2>
            <dl className="cup-dl">
              <dt>{t("booking.prescription.nre")}</dt>
              <dd>{prescription.nre}</dd>
              <dt>{t("booking.prescription.priority")}</dt>
              <dd>{priority(prescription.effective_priority)}</dd>
              <dt>{t("booking.prescription.issuedOn")}</dt>
              <dd>{formatCalendarDate(prescription.issued_on, lang)}</dd>
              <dt>{t("booking.prescription.exemption")}</dt>
              <dd>{prescription.exemption ?? t("booking.prescription.noExemption")}</dd>
              {line !== undefined && (
                <>
                  <dt>{t("booking.summary.quantity")}</dt>
                  <dd>{line.quantity}</dd>
                </>
              )}
            </dl>
          </section>
        </div>
      </div>

      <form id="summary-form" className="cup-card cup-form" noValidate onSubmit={submit} aria-labelledby="sum-sms">
        <h2 id="sum-sms" className="cup-card__title">
          {t("booking.summary.sms")}
        </h2>
        <div className="cup-field">
          <label htmlFor="summary-phone">{t("booking.summary.phone")}</label>
          <p className="cup-field__hint" id={phoneHint}>
            {t("booking.summary.phoneHint")}
          </p>
          <input
            id="summary-phone"
            data-testid="summary-phone"
            className="form-control cup-input"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={phone}
            aria-invalid={shownPhoneError !== null ? true : undefined}
            aria-describedby={shownPhoneError !== null ? `${phoneHint} field-error-phone` : phoneHint}
            onChange={(e) => {
              setPhoneError(null);
              onPhone(e.target.value);
            }}
          />
          {shownPhoneError !== null && (
            <p className="cup-field-error" id="field-error-phone" data-testid="field-error-phone" data-code={shownPhoneError}>
              {errorText({ code: shownPhoneError, field: "phone" })}
            </p>
          )}
        </div>
        {error !== null && backendPhoneError === null && (
          <ErrorNotice error={error} testId="summary-error" onRetry={onRetry} />
        )}
        <p>{t("booking.summary.confirmNote")}</p>
        <div className="cup-page__actions">
          <button type="button" className="btn btn-outline-primary" data-testid="summary-change" onClick={onChange}>
            {t("booking.summary.change")}
          </button>
        </div>
      </form>

      {/* The countdown beside "Sì, prenoto!", both always in view (the bar is sticky). */}
      <div className="cup-sticky-actions" data-testid="summary-actions">
        <HoldCountdown hold={hold} receivedAt={receivedAt} onExpired={onExpired} onExtend={onExtend} extending={extending} />
        <div className="cup-sticky-actions__main">
          <button
            type="submit"
            form="summary-form"
            className="btn btn-primary btn-lg"
            data-testid="summary-confirm"
            aria-disabled={busy}
          >
            {busy ? t("booking.summary.booking") : t("booking.summary.confirm")}
          </button>
        </div>
      </div>
    </section>
  );
}
