import i18next from "i18next";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { BackendCallError, type Backend } from "../backend";
import { createWebBackend } from "../backend/web";
import { initI18n } from "../i18n";
import { forgetTypedCitizen, rememberTypedCitizen, typedCitizen } from "../booking/typedCitizen";
import { ManageFlow } from "./ManageFlow";
import { click, mount, settle, type, waitFor, type Screen } from "./testing";

// The whole flow against the browser demo backend (no latency), one fresh backend per test.
const holder = vi.hoisted(() => ({ current: null as unknown as Backend, online: true, keyring: true }));

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    backend: new Proxy({} as Backend, { get: (_target, prop) => Reflect.get(holder.current, prop) as unknown }),
  };
});

const BARONI = { codiceFiscale: "BRNFNC68T53D403C", tessera: "80380000001234560099" };
/** The demo's live cardiology booking of the already_booked citizen (see web.ts). */
const CARDIO_CUP = "202600000102";

describe("ManageFlow", () => {
  let screen: Screen;
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(async () => {
    await i18next.changeLanguage("it");
    holder.online = true;
    holder.keyring = true;
    holder.current = createWebBackend({ delayMs: 0, online: () => holder.online, keyring: holder.keyring });
    screen = mount();
    screen.render(<ManageFlow demo={false} onNavigate={vi.fn()} />);
  });
  afterEach(async () => {
    await settle();
    screen.unmount();
  });

  const step = () => screen.byTestId("screen-manage").dataset["step"];
  const atStep = (name: string) => waitFor(() => step() === name);

  async function login(remember = false) {
    type(screen.byTestId("manage-cf"), BARONI.codiceFiscale);
    type(screen.byTestId("manage-tessera"), BARONI.tessera);
    if (remember) click(screen.byTestId("manage-remember"));
    click(screen.byTestId("manage-login"));
    await atStep("search");
  }

  async function searchAll() {
    click(screen.byTestId("manage-mode-all"));
    click(screen.byTestId("manage-search"));
    await atStep("results");
  }

  const card = (cup: string) => screen.allByTestId("booking-card").find((c) => c.dataset["cupNumber"] === cup);
  const within = (element: HTMLElement | undefined, testId: string) => {
    const found = element?.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    if (found == null) throw new Error(`no ${testId}`);
    return found;
  };

  it("offers the card just typed in PRENOTA, and forgets it at «Esci»", async () => {
    screen.unmount();
    rememberTypedCitizen(BARONI);
    screen = mount();
    screen.render(<ManageFlow demo={false} onNavigate={vi.fn()} />);
    await waitFor(() => screen.byTestId<HTMLInputElement>("manage-cf").value === BARONI.codiceFiscale);
    expect(screen.byTestId<HTMLInputElement>("manage-tessera").value).toBe(BARONI.tessera);
    expect(screen.byTestId("manage-typed").textContent).toContain("che hai inserito poco fa in Prenota");
    click(screen.byTestId("manage-login"));
    await atStep("search");
    click(screen.byTestId("manage-logout"));
    await atStep("login");
    expect(typedCitizen()).toBeNull();
    forgetTypedCitizen();
  });

  it("names the field the backend rejects at login", async () => {
    type(screen.byTestId("manage-cf"), "BRNFNC68T53D403X");
    type(screen.byTestId("manage-tessera"), BARONI.tessera);
    click(screen.byTestId("manage-login"));
    const error = await waitFor(() => screen.maybe("field-error-codice_fiscale"));
    expect(error.textContent).toMatch(/Codice Fiscale non è corretto/);
    expect(screen.byTestId("manage-error-summary").getAttribute("role")).toBe("alert");
  });

  it("logs in, lists every booking with its status, and moves focus to each page's title", async () => {
    await login();
    expect(document.activeElement?.id).toBe("page-title");
    expect(screen.byTestId("manage-session").textContent).toContain("Accesso effettuato: FRANCESCA BARONI");
    await searchAll();
    expect(document.activeElement?.textContent).toBe("Prenotazioni effettuate");
    const statuses = screen.allByTestId("booking-status").map((s) => s.textContent);
    expect(statuses.sort()).toEqual(["DISDETTO", "EROGATO", "NON PRESENTATO", "PRENOTATO", "PRENOTATO", "SPOSTATO"]);
    expect(screen.byTestId("booking-moved-to").textContent).toBe(`Spostata nella prenotazione ${CARDIO_CUP}`);
    await waitFor(() => screen.byTestId("announcer").textContent === "Abbiamo trovato 6 prenotazioni.");
  });

  it("shows the documents: promemoria and payment notice", async () => {
    await login();
    click(screen.byTestId("manage-mode-cup"));
    type(screen.byTestId("manage-value"), CARDIO_CUP);
    click(screen.byTestId("manage-search"));
    await atStep("results");
    click(screen.byTestId("booking-documents"));
    await waitFor(() => screen.maybe("documents-payment"));
    expect(screen.byTestId("documents-notice-number").textContent).toMatch(/^3010 0000 0000 0102 \d{2}$/);
    expect(screen.byTestId("documents-amount").textContent).toMatch(/^38,00\s€$/);
    expect(screen.byTestId("documents-cup-number").textContent).toBe(CARDIO_CUP);
    click(screen.byTestId("documents-back"));
    await atStep("results");
    // The prescription's date, learnt from the documents, is now on the card.
    expect(screen.byTestId("booking-issued-on").textContent).toMatch(/^Data Impegnativa /);
  });

  it("cancels a booking only after the confirmation, and says the slot is free again", async () => {
    await login();
    await searchAll();
    click(within(card(CARDIO_CUP), "booking-cancel"));
    await atStep("cancel");
    expect(screen.byTestId("cancel-deadline").textContent).toMatch(/^Puoi disdire senza costi entro il /);
    click(screen.byTestId("cancel-confirm"));
    await atStep("cancelled");
    expect(screen.byTestId("booking-status").textContent).toBe("DISDETTO");
    expect(screen.text()).toContain("Il posto è tornato disponibile per altri cittadini.");
    click(screen.byTestId("cancel-done-back"));
    await atStep("results");
    expect(within(card(CARDIO_CUP), "booking-status").textContent).toBe("DISDETTO");
  });

  it("warns that the malum is owed when cancelling within 48 hours", async () => {
    await login();
    await searchAll();
    // Live bookings come first, soonest first: the one tomorrow.
    click(screen.allByTestId("booking-cancel")[0]!);
    await atStep("cancel");
    expect(screen.byTestId("cancel-deadline").textContent).toMatch(/«malum»/);
  });

  it("moves a booking: the same offer screens, the new slot held, then «Sì, sposto»", async () => {
    await login();
    click(screen.byTestId("manage-mode-cup"));
    type(screen.byTestId("manage-value"), CARDIO_CUP);
    click(screen.byTestId("manage-search"));
    await atStep("results");
    click(screen.byTestId("booking-reschedule"));
    await atStep("offer");
    expect(screen.byTestId("reschedule-intro").textContent).toContain(`Stai spostando la prenotazione ${CARDIO_CUP}`);
    click(await waitFor(() => screen.maybe("offer-first-1")));
    await atStep("confirm");
    expect(screen.byTestId("hold-reserved").textContent).toBe("RISERVATO");
    expect(screen.maybe("hold-countdown")).not.toBeNull();
    expect(screen.byTestId("reschedule-old").textContent).toContain(CARDIO_CUP);
    click(screen.byTestId("reschedule-confirm"));
    await atStep("moved");
    const fresh = screen.byTestId("reschedule-new-cup-number").textContent ?? "";
    expect(fresh).toMatch(/^\d{12}$/);
    expect(fresh).not.toBe(CARDIO_CUP);
    expect(screen.byTestId("reschedule-previous").textContent).toBe(
      `La prenotazione precedente (${CARDIO_CUP}) è stata spostata: non è più valida, e non valgono più neanche il suo promemoria e il suo modulo di pagamento. Scarica qui sotto quelli della nuova prenotazione.`,
    );
    // The new booking's promemoria at once, as after "Sì, prenoto!".
    const openBookingFile = vi.spyOn(holder.current, "openBookingFile");
    click(await waitFor(() => screen.maybe("doc-promemoria")));
    await waitFor(() => screen.maybe("doc-opened"));
    expect(openBookingFile).toHaveBeenCalledWith(fresh, "promemoria", "it");
    expect(screen.byTestId("doc-opened").textContent).toBe("Promemoria (PDF): documento aperto. Salvato nei documenti dell'app.");
    click(screen.byTestId("moved-back"));
    await atStep("results");
    expect(within(card(CARDIO_CUP), "booking-moved-to").textContent).toBe(`Spostata nella prenotazione ${fresh}`);
    expect(within(card(fresh), "booking-status").textContent).toBe("PRENOTATO");
    // The old booking offers none of its documents any more, but the way to the new one.
    expect(card(CARDIO_CUP)?.querySelector('[data-testid="booking-documents"]')).toBeNull();
    click(within(card(CARDIO_CUP), "booking-go-to-new"));
    expect(document.activeElement).toBe(card(fresh)?.querySelector("h2"));
  });

  it("a booking cancelled meanwhile (on another device): its documents said to be no longer valid", async () => {
    await login();
    await searchAll();
    await holder.current.cancelBooking(CARDIO_CUP);
    click(within(card(CARDIO_CUP), "booking-documents"));
    await atStep("documents");
    const notice = await waitFor(() => screen.maybe("documents-void"));
    expect(notice.textContent).toContain("Documenti non più validi.");
    expect(notice.textContent).toContain("DISDETTO");
    expect(notice.textContent).toContain("Se ti serve ancora la prestazione, prenota un nuovo appuntamento.");
    expect(screen.maybe("doc-promemoria")).toBeNull();
    expect(screen.maybe("documents-payment")).toBeNull();
    expect(screen.maybe("documents-iuv")).toBeNull();
  });

  it("when the new slot was taken meanwhile: fresh offers, and the old booking still valid", async () => {
    await login();
    click(screen.byTestId("manage-mode-cup"));
    type(screen.byTestId("manage-value"), CARDIO_CUP);
    click(screen.byTestId("manage-search"));
    await atStep("results");
    click(screen.byTestId("booking-reschedule"));
    click(await waitFor(() => screen.maybe("offer-first-1")));
    await atStep("confirm");
    holder.current = {
      ...holder.current,
      rescheduleBooking: () => Promise.reject(new BackendCallError({ code: "slot_unavailable", message: "taken" })),
    };
    click(screen.byTestId("reschedule-confirm"));
    await atStep("offer");
    expect(screen.byTestId("offer-notice").textContent).toMatch(/preso da un'altra persona/);
    expect(screen.byTestId("reschedule-old-valid").textContent).toBe(`La tua prenotazione attuale (${CARDIO_CUP}) resta valida: non è cambiato nulla.`);
  });

  it("offers the bookings saved on this device when the CUP cannot be reached at login", async () => {
    await login();
    await searchAll();
    click(screen.byTestId("manage-logout"));
    await atStep("login");
    holder.online = false;
    type(screen.byTestId("manage-cf"), BARONI.codiceFiscale);
    type(screen.byTestId("manage-tessera"), BARONI.tessera);
    click(screen.byTestId("manage-login"));
    const error = await waitFor(() => screen.maybe("manage-login-error"));
    expect(error.textContent).toMatch(/non è raggiungibile/);
    click(screen.byTestId("manage-saved-bookings"));
    await atStep("results");
    expect(screen.byTestId("manage-offline-notice").textContent).toMatch(
      /^.*Non è possibile raggiungere il CUP: stai vedendo le prenotazioni salvate su questo dispositivo, aggiornate al \d+ \w+ \d{4}, ore \d\d:\d\d\./,
    );
    expect(screen.allByTestId("booking-card")).toHaveLength(6);
    expect(screen.maybe("booking-cancel")).toBeNull();
    expect(screen.maybe("booking-reschedule")).toBeNull();
  });

  it("remembers the card when asked: the next visit finds the form filled in", async () => {
    await waitFor(() => !screen.byTestId<HTMLInputElement>("manage-remember").disabled);
    await login(true);
    expect(await holder.current.rememberedCard()).toEqual({ available: true, card: BARONI, bookingsNotKept: null });
    // The app is opened again (or the citizen comes back to GESTISCI).
    screen.unmount();
    screen = mount();
    screen.render(<ManageFlow demo={false} onNavigate={vi.fn()} />);
    await waitFor(() => screen.byTestId<HTMLInputElement>("manage-cf").value === BARONI.codiceFiscale);
    expect(screen.byTestId<HTMLInputElement>("manage-tessera").value).toBe(BARONI.tessera);
    expect(screen.byTestId<HTMLInputElement>("manage-remember").checked).toBe(true);
    expect(screen.byTestId("manage-remembered").textContent).toMatch(/dati ricordati su questo dispositivo/);
  });

  it("«Dimentica i miei dati» forgets the card and keeps the session", async () => {
    await waitFor(() => !screen.byTestId<HTMLInputElement>("manage-remember").disabled);
    await login(true);
    click(await waitFor(() => screen.maybe("manage-forget")));
    await waitFor(() => screen.maybe("manage-forget") === null);
    expect(step()).toBe("search");
    expect(await holder.current.rememberedCard()).toEqual({ available: true, card: null, bookingsNotKept: null });
  });

  it("logging out forgets the card too and empties the form", async () => {
    await waitFor(() => !screen.byTestId<HTMLInputElement>("manage-remember").disabled);
    await login(true);
    click(screen.byTestId("manage-logout"));
    await atStep("login");
    expect(screen.byTestId<HTMLInputElement>("manage-cf").value).toBe("");
    await waitFor(() => screen.byTestId("announcer").textContent?.includes("non sono più ricordati") === true);
    expect(await holder.current.rememberedCard()).toEqual({ available: true, card: null, bookingsNotKept: null });
  });
});

describe("ManageFlow without a keyring", () => {
  let screen: Screen;
  beforeAll(async () => {
    await initI18n();
    await i18next.changeLanguage("it");
  });
  beforeEach(() => {
    holder.online = true;
    holder.current = createWebBackend({ delayMs: 0, online: () => holder.online, keyring: false });
    screen = mount();
    screen.render(<ManageFlow demo={false} onNavigate={vi.fn()} />);
  });
  afterEach(async () => {
    await settle();
    screen.unmount();
  });

  it("disables «Ricordami» and says why", async () => {
    await waitFor(() => screen.byTestId<HTMLInputElement>("manage-remember").disabled);
    expect(screen.byTestId("manage-remember-hint").textContent).toMatch(/non è possibile ricordare i dati in modo sicuro/);
  });

  it("says that no bookings are saved here, and offers none when the CUP cannot be reached", async () => {
    const notice = await waitFor(() => screen.maybe("manage-not-kept"));
    expect(notice.dataset["reason"]).toBe("no_keyring");
    expect(notice.textContent).toMatch(/le prenotazioni non vengono salvate: manca il portachiavi del sistema/);
    holder.online = false;
    type(screen.byTestId("manage-cf"), BARONI.codiceFiscale);
    type(screen.byTestId("manage-tessera"), BARONI.tessera);
    click(screen.byTestId("manage-login"));
    const error = await waitFor(() => screen.maybe("manage-login-error"));
    expect(error.textContent).toMatch(/non è raggiungibile/);
    expect(screen.byTestId("manage-unreachable-not-kept").textContent).toMatch(/manca il portachiavi del sistema.*consultarle solo quando il CUP è raggiungibile/);
    expect(screen.maybe("manage-saved-bookings")).toBeNull();
  });

  it("says it in English too", async () => {
    await i18next.changeLanguage("en");
    const notice = await waitFor(() => screen.maybe("manage-not-kept"));
    expect(notice.textContent).toMatch(/Bookings are not saved on this device: the system keyring/);
    await i18next.changeLanguage("it");
  });
});
