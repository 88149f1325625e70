import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAnnounce } from "../a11y/Announcer";
import {
  backend,
  type BackendError,
  type BookingView,
  type LoginView,
  type Offer as OfferT,
  type PatientView,
  type PrescriptionView,
} from "../backend";
import { useLeaveGuard } from "../navigation/leaveGuard";
import { Privacy } from "../screens/Privacy";
import { PAGE_TITLE_ID, type Screen } from "../screens/routes";
import { Access, EMPTY_ACCESS, type AccessValues } from "./Access";
import { Offer, type OfferChoice } from "./Offer";
import { ErrorNotice, Loading, StepIndicator, asError, type FlowStep } from "./parts";
import { Prescription, type Combination } from "./Prescription";
import { Success } from "./Success";
import { Summary } from "./Summary";
import { useHeldSlot } from "./useHeldSlot";

type Queued = Combination["offers"][number];

/** Codes after which trying the same thing again can work. */
const RETRYABLE = new Set(["unavailable", "unreachable", "timeout", "invalid_response", "internal", "unexpected"]);

/** The whole PRENOTA flow: access -> prescription -> offer -> (hold) summary -> success. */
export function BookingFlow({ demo, onNavigate }: { demo: boolean; onNavigate: (screen: Screen) => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [step, setStep] = useState<FlowStep>("access");
  const [showPrivacy, setShowPrivacy] = useState(false);
  const [access, setAccess] = useState<AccessValues>(EMPTY_ACCESS);
  const [accessNotice, setAccessNotice] = useState<BackendError | null>(null);
  const [patient, setPatient] = useState<PatientView | null>(null);
  const [prescription, setPrescription] = useState<PrescriptionView | null>(null);
  const [loadError, setLoadError] = useState<{ error: BackendError; retry: () => void } | null>(null);
  const [loading, setLoading] = useState(false);
  const [choice, setChoice] = useState<OfferChoice | null>(null);
  const [offerNotice, setOfferNotice] = useState<BackendError | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [holding, setHolding] = useState(false);
  const [phone, setPhone] = useState("");
  const [booking, setBooking] = useState<BookingView | null>(null);
  const [bookBusy, setBookBusy] = useState(false);
  const [bookError, setBookError] = useState<{ error: BackendError; retry: (() => void) | undefined } | null>(null);
  const [queue, setQueue] = useState<Queued[]>([]);
  const firstRender = useRef(true);
  const slot = useHeldSlot({
    onFatal: (error) => onFatal(error),
    onExpired: () => {
      setBookError(null);
      setOfferNotice({ code: "hold_expired", message: "" });
      setStep("offer");
    },
    onExtendError: (error) => setBookError({ error, retry: undefined }),
    onExtended: () => announce(t("booking.hold.extended")),
  });
  const { held } = slot;
  // Leaving while a slot is held asks first; on yes the slot is given back at once.
  useLeaveGuard(held !== null, slot.release);

  // Each new step: show it from the top and move focus to its heading.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById(PAGE_TITLE_ID)?.focus();
  }, [step, showPrivacy]);

  const goAccessExpired = useCallback((error: BackendError) => {
    // Keep what was typed, except the consent, which is asked again.
    setAccess((a) => ({ ...a, consent: false }));
    setAccessNotice(error);
    setPrescription(null);
    slot.drop();
    setBooking(null);
    setQueue([]);
    setStep("access");
  }, [slot.drop]);

  /** Errors the whole flow handles, wherever they happen. True when handled. */
  const onFatal = useCallback(
    (error: BackendError): boolean => {
      if (error.code === "session_expired") {
        goAccessExpired(error);
        return true;
      }
      return false;
    },
    [goAccessExpired],
  );

  const loadPrescription = useCallback(
    (nre: string) => {
      setLoading(true);
      setLoadError(null);
      backend.prescription(nre).then(
        (value) => {
          setLoading(false);
          setPrescription(value);
          setStep("prescription");
        },
        (thrown: unknown) => {
          setLoading(false);
          const error = asError(thrown);
          if (!onFatal(error)) setLoadError({ error, retry: () => loadPrescription(nre) });
        },
      );
    },
    [onFatal],
  );

  const onLoggedIn = (login: LoginView) => {
    setAccessNotice(null);
    setPatient(login.patient);
    setPhone(login.patient.phone ?? "");
    backend.patient().then(
      (value) => setPatient(value),
      (thrown: unknown) => console.warn("patient failed", thrown),
    );
    loadPrescription(access.nre.trim().toUpperCase());
  };

  const nre = prescription?.nre ?? "";

  const holdOffer = (line: number, offer: OfferT) => {
    setHolding(true);
    setOfferNotice(null);
    setBookError(null);
    backend.hold({ nre, line, slot_id: offer.slot_id }).then(
      (view) => {
        setHolding(false);
        slot.keep(view);
        setStep("summary");
      },
      (thrown: unknown) => {
        setHolding(false);
        const error = asError(thrown);
        if (onFatal(error)) return;
        setOfferNotice(error);
        if (error.code === "slot_unavailable") setRefreshKey((k) => k + 1);
        setStep("offer");
      },
    );
  };

  const chooseLine = (line: number) => {
    setChoice({ line, scope: "zone", month: null, day: null, facilityId: null });
    setOfferNotice(null);
    setStep("offer");
  };

  const chooseCombination = (combination: Combination) => {
    const [first, ...rest] = combination.offers;
    if (first === undefined) return;
    setQueue(rest);
    setChoice({ line: first.line, scope: "zone", month: null, day: null, facilityId: null });
    holdOffer(first.line, first.offer);
  };

  const changeAppointment = () => {
    slot.release();
    setBookError(null);
    setQueue([]);
    setStep("offer");
  };

  const confirm = (smsPhone: string | null) => {
    if (held === null) return;
    setBookBusy(true);
    setBookError(null);
    backend.book(held.view.id, smsPhone).then(
      (value) => {
        setBookBusy(false);
        setBooking(value);
        slot.drop();
        setStep("success");
      },
      (thrown: unknown) => {
        setBookBusy(false);
        const error = asError(thrown);
        if (onFatal(error)) return;
        if (error.code === "hold_expired" || error.code === "slot_unavailable") {
          slot.drop();
          setOfferNotice(error);
          setRefreshKey((k) => k + 1);
          setStep("offer");
          return;
        }
        setBookError({ error, retry: RETRYABLE.has(error.code) ? () => confirm(smsPhone) : undefined });
      },
    );
  };

  const bookNext = () => {
    const [next, ...rest] = queue;
    if (next === undefined) return;
    setQueue(rest);
    setBooking(null);
    setChoice({ line: next.line, scope: "zone", month: null, day: null, facilityId: null });
    holdOffer(next.line, next.offer);
  };

  const home = () => {
    slot.release();
    backend.logout().catch(() => undefined);
    onNavigate("home");
  };

  if (showPrivacy) {
    return <Privacy onNavigate={onNavigate} onBack={() => setShowPrivacy(false)} />;
  }

  const service =
    held === null ? null : (prescription?.lines.find((l) => l.line === held.view.line)?.service ?? null);
  const nextService =
    queue[0] === undefined ? null : (prescription?.lines.find((l) => l.line === queue[0]?.line)?.service.description ?? null);

  return (
    <div className="cup-flow" data-testid="screen-book" data-step={step}>
      <StepIndicator step={step} />
      {step === "access" && (
        <>
          <Access
            values={access}
            onChange={setAccess}
            demo={demo}
            notice={accessNotice}
            onLoggedIn={onLoggedIn}
            onShowPrivacy={() => setShowPrivacy(true)}
          />
          {loading && <Loading />}
          {loadError !== null && (
            <ErrorNotice error={loadError.error} onRetry={RETRYABLE.has(loadError.error.code) ? loadError.retry : undefined} />
          )}
        </>
      )}
      {step === "prescription" && prescription !== null && (
        <Prescription
          prescription={prescription}
          patientName={patient === null ? "" : `${patient.given_name} ${patient.family_name}`}
          onChooseLine={chooseLine}
          onChooseCombination={chooseCombination}
          onFatal={onFatal}
          onHome={home}
          onManage={() => onNavigate("manage")}
        />
      )}
      {step === "offer" && prescription !== null && choice !== null && (
        <Offer
          nre={prescription.nre}
          service={prescription.lines.find((l) => l.line === choice.line)?.service ?? null}
          choice={choice}
          onChoice={(next) => {
            setOfferNotice(null);
            setChoice(next);
          }}
          onChooseOffer={(offer) => holdOffer(choice.line, offer)}
          holding={holding}
          notice={offerNotice}
          refreshKey={refreshKey}
          onBack={() => setStep("prescription")}
          onFatal={onFatal}
        />
      )}
      {step === "summary" && prescription !== null && held !== null && service !== null && (
        <Summary
          patient={patient}
          prescription={prescription}
          service={service}
          hold={held.view}
          receivedAt={held.receivedAt}
          phone={phone}
          onPhone={setPhone}
          onConfirm={confirm}
          onChange={changeAppointment}
          onExpired={slot.expire}
          onExtend={slot.extend}
          busy={bookBusy}
          extending={slot.extending}
          error={bookError?.error ?? null}
          onRetry={bookError?.retry}
        />
      )}
      {step === "success" && booking !== null && (
        <Success booking={booking} next={nextService} onNext={bookNext} onHome={home} />
      )}
    </div>
  );
}
