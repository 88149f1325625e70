import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { backend, type BackendError, type BookingDocumentsView, type BookingView } from "../backend";
import { formatCalendarDate, formatEuro, formatShortDate } from "../booking/format";
import { DocumentFiles } from "../documents/DocumentFiles";
import { Loading, useLoad } from "../booking/parts";
import { preparationText } from "../booking/preparation";
import { usePriorityLabel } from "../booking/Prescription";
import { PAGE_TITLE_ID } from "../screens/routes";
import { Appointment } from "./BookingCard";
import { dateAndTime, hasValidDocuments, ManageErrorNotice, OfflineNotice, RETRYABLE, StatusTag, useVoidDocumentsText } from "./parts";

/**
 * Promemoria and payment form of one booking: the files ("Scarica il promemoria", "Modulo di
 * pagamento", "Aggiungi al calendario", "Scarica tutti i documenti") and their data.
 */
export function Documents({
  booking,
  onBack,
  onFatal,
  onIssuedOn,
}: {
  booking: BookingView;
  onBack: () => void;
  onFatal: (error: BackendError) => boolean;
  /** Tells the flow the prescription's date, which the booking card shows once known. */
  onIssuedOn: (cupNumber: string, issuedOn: string) => void;
}) {
  const { t } = useTranslation();
  const cup = booking.cup_number;
  const loaded = useLoad(() => backend.bookingDocuments(cup), [cup], onFatal);
  const issuedOn = loaded.data?.documents.issued_on;

  useEffect(() => {
    if (issuedOn !== undefined) onIssuedOn(cup, issuedOn);
  }, [cup, issuedOn, onIssuedOn]);

  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-manage-documents">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t("manage.documents.title")}
      </h1>
      <p className="lead">{t("manage.documents.intro", { cup })}</p>
      {loaded.loading && <Loading />}
      {loaded.error !== null && (
        <ManageErrorNotice error={loaded.error} onRetry={RETRYABLE.has(loaded.error.code) ? loaded.reload : undefined} />
      )}
      {loaded.data !== null && (
        <>
          {loaded.data.source === "device" && <OfflineNotice updatedAt={loaded.data.updatedAt} what="documents" />}
          {hasValidDocuments(loaded.data.documents.booking) ? (
            <>
              <DocumentFiles cupNumber={cup} />
              <div className="cup-grid-2">
                <Promemoria documents={loaded.data.documents} />
                <Payment documents={loaded.data.documents} />
              </div>
            </>
          ) : (
            <NotValid booking={loaded.data.documents.booking} />
          )}
        </>
      )}
      <div className="cup-page__actions">
        <button type="button" className="btn btn-outline-primary" data-testid="documents-back" onClick={onBack}>
          {t("manage.documents.back")}
        </button>
      </div>
    </section>
  );
}

/** A cancelled or moved booking: no promemoria nor payment form to download, and what to do instead. */
function NotValid({ booking }: { booking: BookingView }) {
  const { t } = useTranslation();
  const voidText = useVoidDocumentsText();
  return (
    <div className="cup-alert cup-alert--warning" role="status" data-testid="documents-void" data-status={booking.status}>
      <p>
        <strong>{t("manage.documents.void")}</strong> <StatusTag status={booking.status} testId="documents-status" />
      </p>
      <p>{voidText(booking)}</p>
    </div>
  );
}

function Promemoria({ documents }: { documents: BookingDocumentsView }) {
  const { t, i18n } = useTranslation();
  const priority = usePriorityLabel();
  const lang = i18n.language;
  const { booking, patient } = documents;
  return (
    <section className="cup-card" aria-labelledby="doc-promemoria" data-testid="documents-promemoria">
      <h2 id="doc-promemoria" className="cup-card__title">
        {t("manage.documents.promemoria")}
      </h2>
      <dl className="cup-dl">
        <dt>{t("manage.documents.patient")}</dt>
        <dd>
          {patient.given_name} {patient.family_name}
        </dd>
        <dt>{t("manage.documents.cf")}</dt>
        <dd>{patient.codice_fiscale}</dd>
        <dt>{t("booking.summary.birthDate")}</dt>
        <dd>{formatShortDate(patient.birth_date, lang)}</dd>
        <dt>{t("manage.card.cupNumber")}</dt>
        <dd data-testid="documents-cup-number">{booking.cup_number}</dd>
        <dt>{t("manage.documents.pin")}</dt>
        <dd>{booking.pin}</dd>
        <dt>{t("manage.documents.status")}</dt>
        <dd>
          <StatusTag status={booking.status} testId="documents-status" />
        </dd>
        <dt>{t("manage.card.nre")}</dt>
        <dd>{booking.nre}</dd>
        <dt>{t("manage.card.issuedOn")}</dt>
        <dd data-testid="documents-issued-on">{formatCalendarDate(documents.issued_on, lang)}</dd>
        <dt>{t("manage.documents.priority")}</dt>
        <dd>{priority(documents.priority)}</dd>
      </dl>
      <Appointment booking={booking} />
      {preparationText(booking.service, lang) !== "" && (
        <>
          <h3 className="cup-card__subtitle">{t("manage.documents.preparation")}</h3>
          <p>{preparationText(booking.service, lang)}</p>
        </>
      )}
      <dl className="cup-dl">
        <dt>{t("booking.success.cost")}</dt>
        <dd>
          {formatEuro(booking.ticket_cents, lang)}
          {booking.exemption !== null && <span> ({t("manage.card.exempt", { code: booking.exemption })})</span>}
        </dd>
        <dt>{t("manage.documents.cancelBy")}</dt>
        <dd>{t("manage.documents.dateTime", dateAndTime(booking.cancel_by, lang))}</dd>
      </dl>
    </section>
  );
}

function Payment({ documents }: { documents: BookingDocumentsView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const payment = documents.payment;
  return (
    <section className="cup-card" aria-labelledby="doc-payment" data-testid="documents-payment">
      <h2 id="doc-payment" className="cup-card__title">
        {t("manage.documents.payment")}
      </h2>
      {payment === null ? (
        <p data-testid="documents-no-payment">{t("manage.documents.noPayment")}</p>
      ) : (
        <>
          <dl className="cup-dl">
            <dt>{t("manage.documents.creditor")}</dt>
            <dd>{payment.creditor_name}</dd>
            <dt>{t("manage.documents.creditorCode")}</dt>
            <dd>{payment.creditor_fiscal_code}</dd>
            <dt>{t("manage.documents.noticeNumber")}</dt>
            <dd className="cup-code" data-testid="documents-notice-number">
              {payment.notice_number_grouped}
            </dd>
            <dt>{t("manage.documents.iuv")}</dt>
            <dd>
              <span className="cup-code" data-testid="documents-iuv">
                {payment.iuv}
              </span>
              <span className="cup-field__hint cup-documents__explain" data-testid="documents-iuv-hint">
                {t("manage.documents.iuvHint")}
              </span>
            </dd>
            <dt>{t("manage.documents.amount")}</dt>
            <dd className="cup-success__cost" data-testid="documents-amount">
              {formatEuro(payment.amount_cents, lang)}
            </dd>
            <dt>{t("manage.documents.dueDate")}</dt>
            <dd data-testid="documents-due-date">{formatCalendarDate(payment.due_date, lang)}</dd>
          </dl>
          <p className="cup-field__hint">{t("manage.documents.payHow")}</p>
        </>
      )}
    </section>
  );
}
