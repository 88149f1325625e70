import { useState } from "react";
import { useTranslation } from "react-i18next";
import { backend, type BackendError, type CombinedResponse, type PrescriptionLineView, type PrescriptionView } from "../backend";
import { PAGE_TITLE_ID } from "../screens/routes";
import { ExternalLink } from "../components/ExternalLink";
import { formatCalendarDate, formatEuro } from "./format";
import { ErrorNotice, FacilityLines, Loading, asError, useWhen } from "./parts";

export type Combination = CombinedResponse["combinations"][number];

const PRIORITIES = ["P", "D", "B", "U"] as const;

export function usePriorityLabel(): (priority: string | null) => string {
  const { t } = useTranslation();
  return (priority) =>
    priority !== null && (PRIORITIES as readonly string[]).includes(priority)
      ? t(`booking.priority.${priority as (typeof PRIORITIES)[number]}`)
      : t("booking.priority.none");
}

const REASONS = ["laboratory", "urgent_priority", "other_region", "already_booked", "past_booking_deadline"] as const;
const NEXT_STEPS = ["zerocoda", "call_cup", "region_cup", "manage_booking", "new_prescription"] as const;
type Reason = (typeof REASONS)[number] | "unknown";
type NextStep = (typeof NEXT_STEPS)[number] | "unknown";

function reasonOf(line: PrescriptionLineView): Reason {
  const { reason } = line.bookability;
  return reason !== null && (REASONS as readonly string[]).includes(reason) ? (reason as Reason) : "unknown";
}

function nextStepOf(line: PrescriptionLineView): NextStep {
  const { next_step } = line.bookability;
  return next_step !== null && (NEXT_STEPS as readonly string[]).includes(next_step) ? (next_step as NextStep) : "unknown";
}

/** Step 2: what the prescription holds, what can be booked here, and what to do otherwise. */
export function Prescription({
  prescription,
  patientName,
  onChooseLine,
  onChooseCombination,
  onFatal,
  onHome,
  onManage,
}: {
  prescription: PrescriptionView;
  patientName: string;
  onHome: () => void;
  onChooseLine: (line: number) => void;
  onChooseCombination: (combination: Combination) => void;
  onFatal: (error: BackendError) => boolean;
  /** "Vai a Gestisci": to GESTISCI I TUOI APPUNTAMENTI, for a line already booked. */
  onManage?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const priority = usePriorityLabel();
  const bookable = prescription.lines.filter((l) => l.bookability.bookable);
  const first = bookable[0];

  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-prescription">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t("booking.prescription.title")}
      </h1>
      <p className="lead">{t("booking.prescription.hello", { name: patientName })}</p>

      <div className="cup-grid-2">
        <section className="cup-card" aria-labelledby="rx-data">
          <h2 id="rx-data" className="cup-card__title">
            {t("booking.prescription.data")}
          </h2>
          <dl className="cup-dl">
            <dt>{t("booking.prescription.nre")}</dt>
            <dd data-testid="prescription-nre">{prescription.nre}</dd>
            <dt>{t("booking.prescription.priority")}</dt>
            <dd data-testid="prescription-priority">{priority(prescription.effective_priority)}</dd>
            <dt>{t("booking.prescription.issuedOn")}</dt>
            <dd>{formatCalendarDate(prescription.issued_on, i18n.language)}</dd>
            <dt>{t("booking.prescription.exemption")}</dt>
            <dd>{prescription.exemption ?? t("booking.prescription.noExemption")}</dd>
            <dt>{t("booking.prescription.doctor")}</dt>
            <dd>{prescription.doctor}</dd>
            <dt>{t("booking.prescription.ticket")}</dt>
            <dd data-testid="prescription-ticket">{formatEuro(prescription.ticket_cents, i18n.language)}</dd>
          </dl>
        </section>

        <section className="cup-card" aria-labelledby="rx-lines">
          <h2 id="rx-lines" className="cup-card__title">
            {t("booking.prescription.services", { count: prescription.lines.length })}
          </h2>
          <ul className="cup-lines">
            {prescription.lines.map((line) => (
              <Line
                key={line.line}
                line={line}
                regionName={prescription.region_name}
                several={bookable.length > 1}
                onChoose={() => onChooseLine(line.line)}
              />
            ))}
          </ul>
        </section>
      </div>

      {bookable.length > 1 && (
        <CombinedOffer prescription={prescription} count={bookable.length} onChoose={onChooseCombination} onFatal={onFatal} />
      )}

      {first === undefined && (
        <p className="cup-alert cup-alert--info" data-testid="prescription-nothing-bookable">
          {t("booking.prescription.nothingBookable")}
        </p>
      )}
      {/* With nothing to book here, what to do is the way forward; otherwise it follows «Avanti». */}
      {first === undefined && <NextSteps prescription={prescription} onManage={onManage} />}
      {/* «Avanti» always in view (a sticky bar) when there is something to book. */}
      <div className={first !== undefined ? "cup-sticky-actions" : "cup-page__actions"}>
        {first !== undefined && (
          <button type="button" className="btn btn-primary btn-lg" data-testid="prescription-next" onClick={() => onChooseLine(first.line)}>
            {t("booking.prescription.next")}
          </button>
        )}
        <button type="button" className="btn btn-outline-primary" data-testid="prescription-home" onClick={onHome}>
          {t("common.backHome")}
        </button>
      </div>
      {first !== undefined && <NextSteps prescription={prescription} onManage={onManage} />}
    </section>
  );
}

function Line({
  line,
  regionName,
  several,
  onChoose,
}: {
  line: PrescriptionLineView;
  regionName: string;
  several: boolean;
  onChoose: () => void;
}) {
  const { t } = useTranslation();
  const { bookable } = line.bookability;
  const reason = reasonOf(line);
  const booked = !bookable && reason === "already_booked";
  const tag = bookable
    ? { className: "cup-tag--ok", text: t("booking.prescription.bookable") }
    : booked
      ? { className: "cup-tag--held", text: t("booking.prescription.booked") }
      : { className: "cup-tag--no", text: t("booking.prescription.notBookable") };
  return (
    <li className="cup-line" data-testid={`prescription-line-${line.line}`} data-bookable={bookable}>
      <p className="cup-line__title">
        {line.service.description}
        <span className="cup-line__code"> — {t("booking.prescription.code", { code: line.service.code })}</span>
      </p>
      <p className="cup-line__meta">
        <span className={`cup-tag ${tag.className}`} data-testid={`prescription-line-${line.line}-tag`}>
          {tag.text}
        </span>
        <span>{t("booking.prescription.quantity", { count: line.quantity })}</span>
      </p>
      {line.booked_as !== null && <p>{t("booking.prescription.alreadyBooked", { cup: line.booked_as })}</p>}
      {!bookable && !booked && (
        // The reason, in a few words; what to do is said once, below the lines.
        <p className="cup-line__why" data-testid={`prescription-line-${line.line}-reason`} data-reason={reason}>
          {t(`booking.prescription.reasonShort.${reason}`, { region: regionName })}
        </p>
      )}
      {bookable && several && (
        <button type="button" className="btn btn-outline-primary btn-sm" data-testid={`prescription-line-${line.line}-choose`} onClick={onChoose}>
          {t("booking.prescription.choose")}
        </button>
      )}
    </li>
  );
}

/**
 * What to do about the lines that cannot be booked here, each different case once (three
 * laboratory tests: one ZeroCode box), with its action: the link to ZeroCode, the CUP's
 * toll-free number, the button to GESTISCI for a line already booked.
 */
function NextSteps({ prescription, onManage }: { prescription: PrescriptionView; onManage: (() => void) | undefined }) {
  const { t } = useTranslation();
  const steps = new Map<NextStep, Reason>();
  for (const line of prescription.lines) {
    if (line.bookability.bookable) continue;
    const step = nextStepOf(line);
    if (!steps.has(step)) steps.set(step, reasonOf(line));
  }
  if (steps.size === 0) return null;
  const region = prescription.region_name;
  return (
    <section className="cup-card cup-next-steps" aria-labelledby="rx-next-steps" data-testid="prescription-next-steps">
      <h2 id="rx-next-steps" className="cup-card__title">
        {t("booking.prescription.whatToDo")}
      </h2>
      {[...steps].map(([step, reason]) => (
        <div key={step} className="cup-next-step" data-testid={`prescription-next-step-${step}`} data-next-step={step}>
          <p>{t(`booking.prescription.reason.${reason}`, { region })}</p>
          <p className="cup-line__next">
            <strong>{t(`booking.prescription.nextStep.${step}`, { region })}</strong>
          </p>
          {step === "zerocoda" && (
            <p>
              <ExternalLink service="zerocode" testId="prescription-zerocode-link">
                {t("external.zerocode.action")}
              </ExternalLink>
            </p>
          )}
          {step === "zerocoda" && <p>{t("booking.prescription.zerocodeHelp", { nre: prescription.nre })}</p>}
          {step === "manage_booking" && onManage !== undefined && (
            <button type="button" className="btn btn-primary" data-testid="prescription-manage" onClick={onManage}>
              {t("booking.prescription.goToManage")}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}

function CombinedOffer({
  prescription,
  count,
  onChoose,
  onFatal,
}: {
  prescription: PrescriptionView;
  count: number;
  onChoose: (combination: Combination) => void;
  onFatal: (error: BackendError) => boolean;
}) {
  const { t } = useTranslation();
  const when = useWhen();
  const [state, setState] = useState<{ loading: boolean; data: CombinedResponse | null; error: BackendError | null }>({
    loading: false,
    data: null,
    error: null,
  });
  const search = () => {
    setState({ loading: true, data: null, error: null });
    backend.combinedAvailability(prescription.nre, { scope: "zone", limit: 3 }).then(
      (data) => setState({ loading: false, data, error: null }),
      (thrown: unknown) => {
        const error = asError(thrown);
        if (!onFatal(error)) setState({ loading: false, data: null, error });
      },
    );
  };
  const service = (line: number) => prescription.lines.find((l) => l.line === line)?.service.description ?? "";
  return (
    <section className="cup-card cup-combined" aria-labelledby="rx-combined" data-testid="combined">
      <h2 id="rx-combined" className="cup-card__title">
        {t("booking.prescription.combinedTitle")}
      </h2>
      <p>{t("booking.prescription.combinedIntro", { count })}</p>
      {state.data === null && !state.loading && (
        <button type="button" className="btn btn-outline-primary" data-testid="combined-search" onClick={search}>
          {t("booking.prescription.combinedSearch")}
        </button>
      )}
      {state.loading && <Loading />}
      {state.error !== null && <ErrorNotice error={state.error} onRetry={search} />}
      {state.data !== null && state.data.combinations.length === 0 && <p>{t("booking.prescription.combinedNone")}</p>}
      {state.data !== null && state.data.combinations.length > 0 && (
        <>
          <p>{t("booking.prescription.combinedNote")}</p>
          <ol className="cup-combos">
            {state.data.combinations.map((combo, index) => (
              <li key={index} className="cup-combo" data-testid={`combined-${index + 1}`}>
                <h3>
                  {t("booking.prescription.combinedOption", { n: index + 1 })}
                  {combo.same_day && <span className="cup-tag cup-tag--ok">{t("booking.prescription.combinedSameDay")}</span>}
                  {combo.same_site && <span className="cup-tag cup-tag--ok">{t("booking.prescription.combinedSameSite")}</span>}
                </h3>
                <ul>
                  {combo.offers.map((o) => (
                    <li key={o.line}>
                      <strong>{service(o.line)}</strong>: {when(o.offer.starts_at)} — <FacilityLines offer={o.offer} withUnit={false} />
                    </li>
                  ))}
                </ul>
                <button type="button" className="btn btn-primary btn-sm" data-testid={`combined-choose-${index + 1}`} onClick={() => onChoose(combo)}>
                  {t("booking.prescription.combinedChoose", { n: index + 1 })}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
