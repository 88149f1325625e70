import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAnnounce } from "../a11y/Announcer";
import {
  backend,
  type BackendError,
  type BookingList,
  type BookingView,
  type LoginView,
  type Offer as OfferT,
  type RememberState,
} from "../backend";
import { Offer, type OfferChoice } from "../booking/Offer";
import { asError, useWhen } from "../booking/parts";
import { forgetTypedCitizen, isTypedCitizen } from "../booking/typedCitizen";
import { useHeldSlot } from "../booking/useHeldSlot";
import { useLeaveGuard } from "../navigation/leaveGuard";
import { PAGE_TITLE_ID, type Screen } from "../screens/routes";
import { Cancel, CancelDone } from "./Cancel";
import { CardLogin, EMPTY_CARD, type CardValues } from "./CardLogin";
import { Documents } from "./Documents";
import { focusTestId, ManageErrorNotice, RETRYABLE, sortBookings } from "./parts";
import { RescheduleConfirm, RescheduleDone } from "./Reschedule";
import { Results } from "./Results";
import { Retrieve } from "./Retrieve";
import { EMPTY_RETRIEVE, type RetrieveValues } from "./retrieval";
import "./manage.css";

export type ManageStep = "login" | "search" | "results" | "documents" | "cancel" | "cancelled" | "offer" | "confirm" | "moved";

/** The whole GESTISCI flow: card login -> retrieval -> bookings -> documents / cancel / move. */
export function ManageFlow({ demo, onNavigate }: { demo: boolean; onNavigate: (screen: Screen) => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const when = useWhen();
  const [step, setStep] = useState<ManageStep>("login");
  const [card, setCard] = useState<CardValues>(EMPTY_CARD);
  const [remember, setRemember] = useState<RememberState | null>(null);
  const [login, setLogin] = useState<LoginView | null>(null);
  const [loginNotice, setLoginNotice] = useState<BackendError | null>(null);
  const [retrieve, setRetrieve] = useState<RetrieveValues>(EMPTY_RETRIEVE);
  const [list, setList] = useState<BookingList | null>(null);
  const [issuedOn, setIssuedOn] = useState<ReadonlyMap<string, string>>(new Map());
  const [selected, setSelected] = useState<BookingView | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<{ error: BackendError; retry: (() => void) | undefined } | null>(null);
  const [cancelled, setCancelled] = useState<BookingView | null>(null);
  const [choice, setChoice] = useState<OfferChoice | null>(null);
  const [offerNotice, setOfferNotice] = useState<BackendError | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [holding, setHolding] = useState(false);
  const [moved, setMoved] = useState<BookingView | null>(null);
  const [sessionError, setSessionError] = useState<BackendError | null>(null);
  const firstRender = useRef(true);
  const slot = useHeldSlot({
    onFatal: (error) => onFatal(error),
    onExpired: () => {
      setActionError(null);
      setOfferNotice({ code: "hold_expired", message: "" });
      setStep("offer");
    },
    onExtendError: (error) => setActionError({ error, retry: undefined }),
    onExtended: () => announce(t("booking.hold.extended")),
  });
  const { held } = slot;
  // Leaving while the new slot of a move is held asks first; on yes it is given back.
  useLeaveGuard(held !== null, slot.release);

  // Each new step: show it from the top and move focus to its heading.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById(PAGE_TITLE_ID)?.focus();
  }, [step]);

  const loadRemembered = useCallback((prefill: boolean) => {
    backend.rememberedCard().then(
      (state) => {
        setRemember(state);
        const saved = state.card;
        if (prefill && saved !== null) {
          // Into an empty form, or over the card just typed in PRENOTA (filled by us, not by
          // the citizen): the remembered card comes with its "Ricordami" ticked.
          const untouched = (c: CardValues) => (c.codiceFiscale === "" && c.tessera === "") || isTypedCitizen(c);
          setCard((c) => (untouched(c) ? { codiceFiscale: saved.codiceFiscale, tessera: saved.tessera, remember: true } : c));
        }
      },
      (thrown: unknown) => {
        console.warn("remembered_card failed", thrown);
        setRemember({ available: false, card: null, bookingsNotKept: null });
      },
    );
  }, []);

  useEffect(() => loadRemembered(true), [loadRemembered]);

  const resetBookings = () => {
    setList(null);
    setSelected(null);
    slot.drop();
    setMoved(null);
    setCancelled(null);
    setIssuedOn(new Map());
    setActionError(null);
  };

  const toLogin = useCallback((notice: BackendError | null) => {
    setLoginNotice(notice);
    setLogin(null);
    setList(null);
    setSelected(null);
    slot.drop();
    setStep("login");
  }, [slot.drop]);

  /** Errors the whole flow handles, wherever they happen. True when handled. */
  const onFatal = useCallback(
    (error: BackendError): boolean => {
      if (error.code === "session_expired") {
        toLogin(error);
        return true;
      }
      return false;
    },
    [toLogin],
  );

  const onLoggedIn = (value: LoginView) => {
    setLogin(value);
    setLoginNotice(null);
    resetBookings();
    setRetrieve(EMPTY_RETRIEVE);
    loadRemembered(false);
    setStep("search");
  };

  const showList = (value: BookingList) => {
    setList(value);
    setStep("results");
    const count = t("manage.results.count", { count: value.bookings.length });
    announce(value.bookings.length === 0 ? t("manage.results.none") : count);
  };

  const onSaved = (value: BookingList) => {
    setLogin(null);
    resetBookings();
    showList(value);
  };

  /** Ends the session ("Esci"); the backend forgets the remembered card too. */
  const logout = () => {
    slot.release();
    forgetTypedCitizen();
    // Remembered now, or asked for at login (the keyring's answer may still be on its way).
    const wasRemembered = remember?.card != null || (card.remember && remember?.available === true);
    backend
      .logout({ forgetCard: true })
      .catch((thrown: unknown) => console.warn("logout failed", thrown))
      .finally(() => loadRemembered(false));
    setCard(EMPTY_CARD);
    setRemember((r) => (r === null ? r : { ...r, card: null }));
    resetBookings();
    toLogin(null);
    announce(wasRemembered ? t("manage.session.loggedOutForgotten") : t("manage.session.loggedOut"));
  };

  /** Forgets the remembered card and stays logged in. */
  const forget = () => {
    setSessionError(null);
    backend.forgetCard().then(
      () => {
        setRemember((r) => (r === null ? r : { ...r, card: null }));
        setCard((c) => ({ ...c, remember: false }));
        announce(t("manage.session.forgotten"));
        focusTestId("manage-logout");
      },
      (thrown: unknown) => setSessionError(asError(thrown)),
    );
  };

  const search = (values: RetrieveValues) =>
    values.mode === "all" ? backend.myBookings() : backend.lookupBookings(values.mode, values.value);

  /** Replaces bookings in the list shown (after a cancel or a move), adding new ones. */
  const replaceInList = (...views: BookingView[]) => {
    setList((current) => {
      if (current === null) return current;
      const byCup = new Map(current.bookings.map((b) => [b.cup_number, b]));
      for (const view of views) byCup.set(view.cup_number, view);
      return { ...current, bookings: sortBookings([...byCup.values()]) };
    });
  };

  /** "Vai alla nuova prenotazione" when it is not in the list: searched by its CUP number. */
  const lookupCup = (cupNumber: string) => {
    const values: RetrieveValues = { mode: "cup_number", value: cupNumber };
    setRetrieve(values);
    search(values).then(showList, (thrown: unknown) => {
      // The form, filled in: "Cerca" tries again and says what went wrong.
      if (!onFatal(asError(thrown))) setStep("search");
    });
  };

  const backToResults = () => {
    slot.release();
    setSelected(null);
    setActionError(null);
    setStep(list === null ? "search" : "results");
  };

  const onIssuedOn = useCallback((cup: string, date: string) => {
    setIssuedOn((current) => (current.get(cup) === date ? current : new Map(current).set(cup, date)));
  }, []);

  // ---- disdetta ----

  const startCancel = (booking: BookingView) => {
    setSelected(booking);
    setActionError(null);
    setStep("cancel");
  };

  const confirmCancel = () => {
    if (selected === null || busy) return;
    setBusy(true);
    setActionError(null);
    backend.cancelBooking(selected.cup_number).then(
      (view) => {
        setBusy(false);
        setCancelled(view);
        replaceInList(view);
        setStep("cancelled");
      },
      (thrown: unknown) => {
        setBusy(false);
        const error = asError(thrown);
        if (onFatal(error)) return;
        setActionError({ error, retry: undefined });
        focusTestId("cancel-error");
      },
    );
  };

  // ---- spostamento ----

  const startReschedule = (booking: BookingView) => {
    setSelected(booking);
    setChoice({ line: booking.line, scope: "zone", month: null, day: null, facilityId: null });
    setOfferNotice(null);
    setActionError(null);
    slot.drop();
    setStep("offer");
  };

  const holdOffer = (offer: OfferT) => {
    if (selected === null || holding) return;
    setHolding(true);
    setOfferNotice(null);
    setActionError(null);
    backend
      .hold({ nre: selected.nre, line: selected.line, slot_id: offer.slot_id, reschedule: selected.cup_number })
      .then(
        (view) => {
          setHolding(false);
          slot.keep(view);
          setStep("confirm");
        },
        (thrown: unknown) => {
          setHolding(false);
          const error = asError(thrown);
          if (onFatal(error)) return;
          setOfferNotice(error);
          if (error.code === "slot_unavailable") setRefreshKey((k) => k + 1);
        },
      );
  };

  const changeAppointment = () => {
    slot.release();
    setActionError(null);
    setStep("offer");
  };

  const confirmMove = () => {
    if (selected === null || held === null || busy) return;
    const old = selected;
    setBusy(true);
    setActionError(null);
    backend.rescheduleBooking(old.cup_number, held.view.id).then(
      (view) => {
        setBusy(false);
        slot.drop();
        setMoved(view);
        replaceInList({ ...old, status: "moved", moved_to: view.cup_number }, view);
        setStep("moved");
      },
      (thrown: unknown) => {
        setBusy(false);
        const error = asError(thrown);
        if (onFatal(error)) return;
        if (error.code === "hold_expired" || error.code === "slot_unavailable") {
          // Back to the offers (fresh ones when the slot was taken), the choice kept.
          slot.drop();
          setOfferNotice(error);
          setRefreshKey((k) => k + 1);
          setStep("offer");
          return;
        }
        setActionError({ error, retry: RETRYABLE.has(error.code) ? confirmMove : undefined });
        focusTestId("reschedule-error");
      },
    );
  };

  const name = login === null ? "" : `${login.patient.given_name} ${login.patient.family_name}`;
  const offline = step !== "login" && login === null;

  return (
    <div className="cup-flow cup-manage" data-testid="screen-manage" data-step={step}>
      {step !== "login" && (
        <div className="cup-session" role="region" aria-label={t("manage.session.label")} data-testid="manage-session">
          <p className="cup-session__who">{offline ? t("manage.session.savedOnly") : t("manage.session.loggedIn", { name })}</p>
          <div className="cup-session__actions">
            {offline ? (
              <button type="button" className="btn btn-outline-primary btn-sm" data-testid="manage-back-login" onClick={logout}>
                {t("manage.session.backToLogin")}
              </button>
            ) : (
              <>
                <button type="button" className="btn btn-outline-primary btn-sm" data-testid="manage-logout" onClick={logout}>
                  {t("manage.session.logout")}
                </button>
                {remember?.card != null && (
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-sm"
                    data-testid="manage-forget"
                    aria-describedby={step === "search" ? "manage-forget-hint" : undefined}
                    onClick={forget}
                  >
                    {t("manage.session.forget")}
                  </button>
                )}
              </>
            )}
          </div>
          {/* Said once, where the citizen starts: not repeated on every step. */}
          {!offline && remember?.card != null && step === "search" && (
            <p className="cup-field__hint cup-session__hint" id="manage-forget-hint" data-testid="manage-remembered-hint">
              {t("manage.session.rememberedHint")}
            </p>
          )}
          {sessionError !== null && <ManageErrorNotice error={sessionError} testId="manage-session-error" />}
        </div>
      )}

      {step === "login" && (
        <CardLogin
          values={card}
          onChange={setCard}
          remember={remember}
          demo={demo}
          notice={loginNotice}
          onLoggedIn={onLoggedIn}
          onSaved={onSaved}
        />
      )}
      {step === "search" && (
        <Retrieve values={retrieve} onChange={setRetrieve} search={search} onResults={(value) => showList(value)} onFatal={onFatal} />
      )}
      {step === "results" && list !== null && (
        <Results
          list={list}
          issuedOn={issuedOn}
          now={Date.now()}
          canSearch={login !== null}
          onDocuments={(booking) => {
            setSelected(booking);
            setStep("documents");
          }}
          onCancel={startCancel}
          onReschedule={startReschedule}
          onNewSearch={() => setStep("search")}
          onLookup={lookupCup}
          onBookAgain={() => onNavigate("book")}
        />
      )}
      {step === "documents" && selected !== null && (
        <Documents booking={selected} onBack={backToResults} onFatal={onFatal} onIssuedOn={onIssuedOn} />
      )}
      {step === "cancel" && selected !== null && (
        <Cancel
          booking={selected}
          now={Date.now()}
          busy={busy}
          error={actionError?.error ?? null}
          onConfirm={confirmCancel}
          onBack={backToResults}
        />
      )}
      {step === "cancelled" && cancelled !== null && <CancelDone booking={cancelled} onBack={backToResults} onBookAgain={() => onNavigate("book")} />}
      {step === "offer" && selected !== null && choice !== null && (
        <Offer
          nre={selected.nre}
          service={selected.service}
          choice={choice}
          onChoice={(next) => {
            setOfferNotice(null);
            setChoice(next);
          }}
          onChooseOffer={holdOffer}
          holding={holding}
          notice={offerNotice}
          refreshKey={refreshKey}
          onBack={backToResults}
          onFatal={onFatal}
          reschedule={selected.cup_number}
          backLabel={t("manage.reschedule.back")}
          intro={
            <>
              <p className="cup-alert cup-alert--info" data-testid="reschedule-intro">
                {t("manage.reschedule.intro", { cup: selected.cup_number, when: when(selected.offer.starts_at) })}
              </p>
              {offerNotice !== null && (
                <p className="cup-alert cup-alert--warning" data-testid="reschedule-old-valid">
                  {t("manage.reschedule.oldValid", { cup: selected.cup_number })}
                </p>
              )}
            </>
          }
        />
      )}
      {step === "confirm" && selected !== null && held !== null && (
        <RescheduleConfirm
          booking={selected}
          hold={held.view}
          receivedAt={held.receivedAt}
          busy={busy}
          extending={slot.extending}
          error={actionError?.error ?? null}
          onRetry={actionError?.retry}
          onConfirm={confirmMove}
          onChange={changeAppointment}
          onAbort={backToResults}
          onExpired={slot.expire}
          onExtend={slot.extend}
        />
      )}
      {step === "moved" && moved !== null && selected !== null && (
        <RescheduleDone booking={moved} previous={selected.cup_number} onBack={backToResults} />
      )}
      {step === "login" && (
        <div className="cup-page__actions">
          <button type="button" className="btn btn-outline-primary" data-testid="back-home" onClick={() => onNavigate("home")}>
            {t("common.backHome")}
          </button>
        </div>
      )}
    </div>
  );
}
