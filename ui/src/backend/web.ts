import { phoneError } from "../booking/phone";
import { BackendCallError } from "./errors";
import type {
  AppInfo,
  Backend,
  BookingDocumentsView,
  BookingFilesView,
  BookingList,
  BookingStatus,
  BookingView,
  CardCredentials,
  DemoCitizen,
  DocumentsResult,
  FacilityView,
  HoldView,
  LeadTime,
  LookupMode,
  MissedReminder,
  Offer,
  PatientView,
  PrescriptionLineView,
  PrescriptionView,
  SearchScope,
  ServiceView,
  SessionKind,
} from "./types";

/** Knobs of the browser demo backend (tests turn the latency off and the network off and on). */
export interface WebBackendOptions {
  /** Simulated latency of every call, in ms (default 150). */
  delayMs?: number;
  /** Whether the simulated regional backend is reachable (default: the browser's `navigator.onLine`). */
  online?: () => boolean;
  /**
   * Whether the device has a keyring (default true): a card can be remembered (in memory for
   * the page's life) and the bookings are kept for when the CUP cannot be reached.
   */
  keyring?: boolean;
  /** The clock, in ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** What `missedReminders` answers (default none). */
  missedReminders?: MissedReminder[];
}

interface Session {
  citizen: Citizen;
  kind: SessionKind;
}

interface HeldSlot {
  view: HoldView;
  /** The CUP number of the booking being moved, when the hold is for a move. */
  reschedule: string | null;
  extended: boolean;
}

/** What makes a new booking in the demo store (numbers are drawn by the store). */
interface NewBooking {
  nre: string;
  line: number;
  service: ServiceView;
  offer: Offer;
  status?: BookingStatus;
  phone?: string | null;
  createdAt?: number;
  cancelledAt?: number | null;
  malum?: boolean;
  movedFrom?: string | null;
}

interface StoredBooking {
  owner: Citizen;
  view: BookingView;
}

/** What "this device" keeps for one card: the bookings last seen and their documents. */
interface DeviceCopy {
  bookings: Map<string, BookingView>;
  documents: Map<string, BookingDocumentsView>;
  updatedAt: string;
}

function browserOnline(): boolean {
  return typeof navigator === "undefined" || navigator.onLine !== false;
}

/**
 * The backend in a plain browser (`npm run dev`, `vite preview`): there is no Rust side, so it
 * answers with a tiny in-memory demo (a few citizens of the README, synthetic agendas, a few
 * bookings in every state) that is enough to see and try every screen of the booking and the
 * management flows. Turning the browser offline (developer tools) makes the regional backend
 * "unreachable": the management screens then show what was saved on this device. The real app
 * always uses Rust.
 */
export function createWebBackend(options: WebBackendOptions = {}): Backend {
  const delayMs = options.delayMs ?? 150;
  const online = options.online ?? browserOnline;
  const keyring = options.keyring ?? true;
  const now = options.now ?? (() => Date.now());
  const info: AppInfo = {
    version: __APP_VERSION__,
    demo: true,
    backendUrl: null,
    // A browser is never a kiosk (a kiosk is the app's own window).
    kiosk: false,
    idleTimeoutSecs: 0,
    countdownSecs: 0,
    kioskPrinter: false,
  };
  let session: Session | null = null;
  let hold: HeldSlot | null = null;
  let remembered: CardCredentials | null = null;
  let sequence = 100;
  const booked = new Set<number>();
  const bookings = new Map<string, StoredBooking>();
  const device = new Map<string, DeviceCopy>();

  const fail = (code: string, field?: string): never => {
    const error = field === undefined ? { code, message: code } : { code, message: code, field };
    throw new BackendCallError(error);
  };
  const requireSession = (): Citizen => session?.citizen ?? fail("session_expired");
  const requireOnline = (): void => {
    if (!online()) fail("unreachable");
  };
  // ---- documents and reminders ----
  let leadTimes: LeadTime[] = [...DEFAULT_LEAD_TIMES];
  const filesFor = (cupNumber: string): BookingFilesView => {
    if (!online()) {
      const copy = [...device.values()].find((c) => c.documents.has(cupNumber));
      const documents = copy?.documents.get(cupNumber);
      return documents === undefined ? fail("unreachable") : demoFiles(documents.booking);
    }
    return demoFiles(ownBooking(requireSession(), cupNumber));
  };
  const later = <T,>(value: () => T): Promise<T> =>
    new Promise((resolve, reject) => {
      setTimeout(() => {
        try {
          resolve(value());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, delayMs);
    });

  // ---- bookings store ----

  const nextNumbers = () => {
    sequence += 1;
    return { cup: `2026${String(sequence).padStart(8, "0")}`, pin: pinFrom(4_829_100 + sequence * 7), notice: noticeFrom(sequence) };
  };

  const addBooking = (owner: Citizen, fields: NewBooking): BookingView => {
    const numbers = nextNumbers();
    const view: BookingView = {
      cup_number: numbers.cup,
      pin: numbers.pin,
      status: fields.status ?? "booked",
      nre: fields.nre,
      line: fields.line,
      service: fields.service,
      quantity: 1,
      offer: fields.offer,
      ticket_cents: owner.ticket,
      exemption: owner.exemption,
      notice_number: numbers.notice,
      iuv: numbers.notice.slice(1),
      guarantee: fields.offer.inside_guarantee ? "kept" : "waived",
      sms_phone: fields.phone === undefined || fields.phone === null ? null : maskPhone(fields.phone),
      cancel_by: iso(Date.parse(fields.offer.starts_at) - 48 * 3600_000),
      malum_owed: fields.malum ?? false,
      channel: "app",
      created_at: iso(fields.createdAt ?? now()),
      cancelled_at: fields.cancelledAt === undefined || fields.cancelledAt === null ? null : iso(fields.cancelledAt),
      moved_to: null,
      moved_from: fields.movedFrom ?? null,
    };
    bookings.set(view.cup_number, { owner, view });
    if (view.status === "booked") booked.add(view.offer.slot_id);
    return view;
  };

  const update = (cup: string, change: Partial<BookingView>): BookingView => {
    const stored = bookings.get(cup) ?? fail("not_found");
    stored.view = { ...stored.view, ...change };
    return stored.view;
  };

  const ownBooking = (citizen: Citizen, cup: string): BookingView => {
    const stored = bookings.get(cup);
    if (stored === undefined || stored.owner !== citizen) return fail("not_found");
    return stored.view;
  };

  /** A booking that may still be cancelled or moved. */
  const changeable = (citizen: Citizen, cup: string): BookingView => {
    const view = ownBooking(citizen, cup);
    if (view.status !== "booked") return fail("booking_state_conflict");
    if (Date.parse(view.offer.starts_at) <= now()) return fail("appointment_passed");
    return view;
  };

  const bookingsOf = (citizen: Citizen): BookingView[] =>
    [...bookings.values()].filter((b) => b.owner === citizen).map((b) => b.view);

  const liveBookingOf = (nre: string, line: number): BookingView | undefined =>
    [...bookings.values()].find((b) => b.view.nre === nre && b.view.line === line && b.view.status === "booked")?.view;

  // ---- this device's copy ----

  const deviceKey = (codiceFiscale: string, tessera: string) =>
    `${codiceFiscale.trim().toUpperCase()}|${tessera.replace(/\s+/g, "")}`;

  /** Keeps what was just seen, with its documents, for when the backend is unreachable. */
  const save = (citizen: Citizen, views: readonly BookingView[]): void => {
    const key = deviceKey(citizen.demo.codiceFiscale, citizen.demo.tessera);
    const copy = device.get(key) ?? { bookings: new Map(), documents: new Map(), updatedAt: iso(now()) };
    for (const view of views) {
      copy.bookings.set(view.cup_number, view);
      copy.documents.set(view.cup_number, documentsOf(view, citizen));
    }
    copy.updatedAt = iso(now());
    device.set(key, copy);
  };

  const fromDevice = (citizen: Citizen, keep: (view: BookingView) => boolean): BookingList => {
    const copy = device.get(deviceKey(citizen.demo.codiceFiscale, citizen.demo.tessera));
    if (copy === undefined) return fail("unreachable");
    return { bookings: [...copy.bookings.values()].filter(keep), source: "device", updatedAt: copy.updatedAt };
  };

  const list = (keep: (view: BookingView) => boolean): BookingList => {
    const citizen = requireSession();
    if (!online()) return fromDevice(citizen, keep);
    const views = bookingsOf(citizen).filter(keep);
    save(citizen, views);
    return { bookings: views, source: "backend", updatedAt: null };
  };

  /** The service of a prescription line, or of the booking being moved. */
  const serviceFor = (citizen: Citizen, line: number, reschedule: string | null | undefined): ServiceView => {
    if (reschedule !== null && reschedule !== undefined) {
      const view = changeable(citizen, reschedule);
      if (view.line !== line) return fail("booking_state_conflict");
      return view.service;
    }
    return lineOf(citizen, line).service;
  };

  // ---- the demo's existing bookings: one in every state, for the already_booked citizen ----
  seedBookings(now(), addBooking, update);

  return {
    kind: "web",
    appInfo: () => Promise.resolve({ ...info }),
    demoCitizens: () => Promise.resolve(CITIZENS.map((c) => c.demo)),
    validateAccess: (access) => later(() => validate(access.codiceFiscale, access.tessera, access.nre)),
    loginPrescription: (access) =>
      later(() => {
        validate(access.codiceFiscale, access.tessera, access.nre);
        if (!access.privacyConsent) fail("privacy_consent_required");
        requireOnline();
        const found = CITIZENS.find(
          (c) =>
            c.demo.codiceFiscale === access.codiceFiscale.toUpperCase() &&
            c.demo.tessera === access.tessera &&
            c.demo.nre === access.nre.toUpperCase(),
        );
        if (found === undefined) return fail("authentication_failed");
        session = { citizen: found, kind: "prescription" };
        return { kind: "prescription" as const, expiresAt: iso(now() + 3600_000), patient: patientOf(found) };
      }),
    // As in the app: "Esci" in GESTISCI also forgets the remembered card; the end of a
    // booking keeps it.
    logout: (options) =>
      later(() => {
        session = null;
        if (options?.forgetCard === true) remembered = null;
      }),
    patient: () => later(() => patientOf(requireSession())),
    prescription: () => later(() => prescriptionOf(requireSession(), liveBookingOf)),
    availability: (_nre, query) =>
      later(() => {
        const citizen = requireSession();
        requireOnline();
        const service = serviceFor(citizen, query.line, query.reschedule);
        let offers = offersFor(service, query.scope, now()).filter((o) => !booked.has(o.slot_id));
        if (query.day != null) offers = offers.filter((o) => dayOf(o.starts_at) === query.day);
        if (query.facility_id != null) offers = offers.filter((o) => o.facility.id === query.facility_id);
        return {
          line: query.line,
          scope: query.scope,
          service,
          offers: offers.slice(0, query.limit ?? 200),
          guarantee: { priority: "P", ends_at: iso(now() + 120 * DAY) },
          tutela: false,
          wider_scope: wider(query.scope),
        };
      }),
    calendar: (_nre, query) =>
      later(() => {
        const citizen = requireSession();
        requireOnline();
        const offers = offersFor(serviceFor(citizen, query.line, query.reschedule), query.scope, now()).filter(
          (o) => dayOf(o.starts_at).startsWith(query.month) && !booked.has(o.slot_id),
        );
        const counts = new Map<string, number>();
        for (const o of offers) counts.set(dayOf(o.starts_at), (counts.get(dayOf(o.starts_at)) ?? 0) + 1);
        return { month: query.month, days: [...counts].map(([day, available]) => ({ day, available })) };
      }),
    combinedAvailability: (_nre, query) =>
      later(() => {
        const citizen = requireSession();
        requireOnline();
        const lines = citizen.lines.filter((l) => l.bookability.bookable);
        const first = lines.map((l) => offersFor(l.service, query.scope, now()));
        return {
          scope: query.scope,
          combinations: [0, 1].map((k) => ({
            offers: lines.map((l, i) => ({ line: l.line, offer: first[i]![k * 2 + i]! })),
            same_day: false,
            same_site: true,
          })),
        };
      }),
    hold: (request) =>
      later(() => {
        const citizen = requireSession();
        requireOnline();
        const service = serviceFor(citizen, request.line, request.reschedule);
        const offer = offersFor(service, "region", now()).find((o) => o.slot_id === request.slot_id);
        if (offer === undefined || booked.has(offer.slot_id)) return fail("slot_unavailable");
        hold = {
          view: {
            id: now() + sequence,
            nre: request.nre,
            line: request.line,
            offer,
            expires_at: iso(now() + 8 * 60_000),
            server_time: iso(now()),
            can_extend: true,
            // The browser demo's stand-in for the server's answer (cup_domain::cancel_deadline).
            cancel_by: iso(Date.parse(offer.starts_at) - 48 * 3600_000),
          },
          reschedule: request.reschedule ?? null,
          extended: false,
        };
        return hold.view;
      }),
    extendHold: () =>
      later(() => {
        requireOnline();
        if (hold === null || Date.parse(hold.view.expires_at) < now()) return fail("hold_expired");
        if (hold.extended) return fail("hold_extension_used");
        hold = {
          ...hold,
          extended: true,
          view: { ...hold.view, expires_at: iso(Date.parse(hold.view.expires_at) + 5 * 60_000), server_time: iso(now()), can_extend: false },
        };
        return hold.view;
      }),
    releaseHold: () => later(() => void (hold = null)),
    book: (holdId, phone) =>
      later((): BookingView => {
        const citizen = requireSession();
        requireOnline();
        if (hold === null || hold.view.id !== holdId || hold.reschedule !== null || Date.parse(hold.view.expires_at) < now()) {
          return fail("hold_expired");
        }
        const wrongPhone = phone === null ? null : phoneError(phone);
        if (wrongPhone !== null) return fail(wrongPhone, "phone");
        const line = lineOf(citizen, hold.view.line);
        const view = addBooking(citizen, { nre: citizen.demo.nre, line: line.line, service: line.service, offer: hold.view.offer, phone });
        hold = null;
        save(citizen, [view]);
        return view;
      }),

    // ---- GESTISCI ----
    loginCard: (input) =>
      later(() => {
        const cf = input.codiceFiscale.trim().toUpperCase();
        const tessera = input.tessera.replace(/\s+/g, "");
        validateCard(cf, tessera);
        requireOnline();
        const found = CITIZENS.find((c) => c.demo.codiceFiscale === cf && c.demo.tessera === tessera);
        if (found === undefined) return fail("authentication_failed");
        session = { citizen: found, kind: "card" };
        if (keyring) remembered = input.remember ? { codiceFiscale: cf, tessera } : null;
        return { kind: "card" as const, expiresAt: iso(now() + 3600_000), patient: patientOf(found) };
      }),
    rememberedCard: () =>
      later(() => ({ available: keyring, card: keyring ? remembered : null, bookingsNotKept: keyring ? null : ("no_keyring" as const) })),
    forgetCard: () => later(() => void (remembered = null)),
    myBookings: () => later(() => list(() => true)),
    lookupBookings: (mode, value) =>
      later(() => {
        const wanted = validateLookup(mode, value);
        return list((view) => lookupField(view, mode) === wanted);
      }),
    savedBookings: (card) =>
      later((): BookingList => {
        // As the app: without a keyring the device keeps no bookings (their key would have
        // nowhere safe to live).
        const copy = keyring ? device.get(deviceKey(card.codiceFiscale, card.tessera)) : undefined;
        if (copy === undefined) return { bookings: [], source: "device", updatedAt: null };
        return { bookings: [...copy.bookings.values()], source: "device", updatedAt: copy.updatedAt };
      }),
    bookingDocuments: (cupNumber) =>
      later((): DocumentsResult => {
        if (!online()) {
          // Whoever looked at it on this device (with or without a session) sees its copy.
          const copy = [...device.values()].find((c) => c.documents.has(cupNumber));
          const documents = copy?.documents.get(cupNumber);
          if (copy === undefined || documents === undefined) return fail("unreachable");
          return { documents, source: "device", updatedAt: copy.updatedAt };
        }
        const citizen = requireSession();
        const view = ownBooking(citizen, cupNumber);
        save(citizen, [view]);
        return { documents: documentsOf(view, citizen), source: "backend", updatedAt: null };
      }),
    cancelBooking: (cupNumber) =>
      later((): BookingView => {
        const citizen = requireSession();
        requireOnline();
        const view = changeable(citizen, cupNumber);
        const at = now();
        booked.delete(view.offer.slot_id);
        const cancelled = update(cupNumber, {
          status: "cancelled",
          cancelled_at: iso(at),
          malum_owed: at > Date.parse(view.cancel_by),
        });
        save(citizen, [cancelled]);
        return cancelled;
      }),
    rescheduleBooking: (cupNumber, holdId) =>
      later((): BookingView => {
        const citizen = requireSession();
        requireOnline();
        const old = changeable(citizen, cupNumber);
        if (hold === null || hold.view.id !== holdId || Date.parse(hold.view.expires_at) < now()) return fail("hold_expired");
        if (hold.reschedule !== cupNumber || hold.view.line !== old.line) return fail("booking_state_conflict");
        const offer = hold.view.offer;
        if (booked.has(offer.slot_id)) return fail("slot_unavailable");
        hold = null;
        booked.delete(old.offer.slot_id);
        const moved = addBooking(citizen, { nre: old.nre, line: old.line, service: old.service, offer, movedFrom: cupNumber });
        // The SMS reminder follows the move.
        const withPhone = update(moved.cup_number, { sms_phone: old.sms_phone });
        const previous = update(cupNumber, { status: "moved", moved_to: moved.cup_number });
        save(citizen, [previous, withPhone]);
        return withPhone;
      }),

    // ---- Documents and reminders: a browser has no files; the paths are made up, nothing opens ----
    bookingFiles: (cupNumber) => later(() => filesFor(cupNumber)),
    openBookingFile: (cupNumber, kind) =>
      later((): string => {
        const files = filesFor(cupNumber);
        if (kind === "payment") return files.payment ?? fail("nothing_to_pay");
        return files[kind];
      }),
    reminderSettings: () => later(() => ({ available: true, leadTimes: [...leadTimes] })),
    setReminderLeadTimes: (next) =>
      later(() => {
        if (next.length < 1 || next.length > 5) fail("reminder_lead_times_count", "lead_times");
        if (!next.every(leadTimeInRange)) fail("reminder_lead_time_invalid");
        leadTimes = [...next];
        return { available: true, leadTimes: [...leadTimes] };
      }),
    missedReminders: () => later(() => [...(options.missedReminders ?? [])]),
    testNotification: () => later(() => undefined),
    setLanguage: () => Promise.resolve(),
    kioskReset: () =>
      later(() => {
        session = null;
        hold = null;
      }),
    kioskPrintPromemoria: () => later(() => fail("not_kiosk")),
    kioskQr: () => later(() => fail("not_kiosk")),
  };
}

/** The reminders' lead times by default: the day before at 18:00, two hours before. */
const DEFAULT_LEAD_TIMES: readonly LeadTime[] = [
  { kind: "days_before_at", days: 1, hour: 18, minute: 0 },
  { kind: "minutes_before", minutes: 120 },
];

function leadTimeInRange(lead: LeadTime): boolean {
  return lead.kind === "days_before_at"
    ? lead.days >= 0 && lead.days <= 14 && lead.hour >= 0 && lead.hour <= 23 && lead.minute >= 0 && lead.minute <= 59
    : lead.minutes >= 1 && lead.minutes <= 14 * 24 * 60;
}

/** Where the app would save a booking's documents (made up: a browser writes no files). */
function demoFiles(view: BookingView): BookingFilesView {
  const folder = `~/.local/share/org.cuptoscana.app/documents/demo/prenotazione-${view.cup_number}`;
  return {
    folder,
    promemoria: `${folder}/promemoria.pdf`,
    payment: view.ticket_cents > 0 ? `${folder}/pagamento.pdf` : null,
    calendar: `${folder}/appuntamento.ics`,
    archive: `${folder}/tutti-i-documenti.zip`,
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dayOf = (isoTime: string) => isoTime.slice(0, 10);
const wider = (scope: SearchScope): SearchScope | null => (scope === "zone" ? "asl" : scope === "asl" ? "region" : null);

const romeDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit" });

function maskPhone(phone: string): string {
  return phone.length <= 4 ? phone : `${"*".repeat(phone.length - 3)}${phone.slice(-3)}`;
}

/** Luhn check digit (most significant digit first), as the domain's PIN uses. */
function luhnDigit(payload: string): number {
  let sum = 0;
  [...payload].reverse().forEach((ch, i) => {
    const d = Number(ch);
    if (i % 2 === 0) {
      const x = d * 2;
      sum += x > 9 ? x - 9 : x;
    } else {
      sum += d;
    }
  });
  return (10 - (sum % 10)) % 10;
}

/** An 8-digit PIN: 7 digits and their Luhn check digit. */
function pinFrom(n: number): string {
  const first7 = String(n % 10_000_000).padStart(7, "0");
  return `${first7}${luhnDigit(first7)}`;
}

/** A pagoPA notice number: `3` + segregation `01` + base (13) + (first 16 mod 93). */
function noticeFrom(n: number): string {
  const first16 = `301${String(n).padStart(13, "0")}`;
  return `${first16}${String(Number(first16) % 93).padStart(2, "0")}`;
}

function lookupField(view: BookingView, mode: LookupMode): string {
  return mode === "pin" ? view.pin : mode === "cup_number" ? view.cup_number : view.nre;
}

/** The domain's checks of a look-up value (the real app does this in Rust); the value normalised. */
function validateLookup(mode: LookupMode, raw: string): string {
  const fail = (code: string, field: string): never => {
    throw new BackendCallError({ code, message: code, field });
  };
  const value = raw.replace(/\s+/g, "").toUpperCase();
  switch (mode) {
    case "pin":
      if (!/^[0-9]*$/.test(value)) fail("pin_format", "pin");
      if (value.length !== 8) fail("pin_length", "pin");
      if (luhnDigit(value.slice(0, 7)) !== Number(value[7])) fail("pin_check", "pin");
      return value;
    case "cup_number":
      if (!/^[0-9]*$/.test(value)) fail("cup_number_format", "cup_number");
      if (value.length !== 12) fail("cup_number_length", "cup_number");
      return value;
    case "nre":
      validateNre(value);
      return value;
  }
}

interface Citizen {
  demo: DemoCitizen;
  sex: string;
  birth: string;
  lines: PrescriptionLineView[];
  priority: string;
  ticket: number;
  exemption: string | null;
}

function service(
  id: number,
  code: string,
  description: string,
  kind: ServiceView["kind"],
  preparation = "",
  preparation_en = "",
): ServiceView {
  return { id, code, description, branch: "", kind, tariff_cents: 2_400, preparation, preparation_en };
}

function line(n: number, s: ServiceView, bookable: boolean, reason: string | null = null, next: string | null = null) {
  return { line: n, service: s, quantity: 1, bookability: { bookable, reason, next_step: next }, booked_as: null };
}

const CARDIO = service(1, "P009", "CONSULENZA CARDIOLOGICA 1 VISITA", "visit");
const ECO = service(2, "2A24", "ECOCOLORDOPPLER ARTERIOSO ARTI INFERIORI", "diagnostic", "Presentarsi a digiuno da almeno 6 ore.", "Come fasting: nothing to eat for at least 6 hours before.");
const RX1 = service(3, "R101", "RX TORACE", "diagnostic");
const RX2 = service(4, "R102", "RX COLONNA LOMBOSACRALE", "diagnostic");
const LAB = service(5, "L001", "EMOCROMO", "laboratory");

function citizen(c: string, it: string, en: string, given: string, family: string, cf: string, tessera: string, nre: string, lines: PrescriptionLineView[], priority = "P"): Citizen {
  return {
    demo: { case: c, descriptionIt: it, descriptionEn: en, givenName: given, familyName: family, codiceFiscale: cf, tessera, nre },
    sex: cf.slice(9, 11) > "40" ? "F" : "M",
    birth: `19${cf.slice(6, 8)}-04-12`,
    lines,
    priority,
    ticket: 3_800,
    exemption: null,
  };
}

const BARONI = citizen(
  "already_booked",
  "Ricetta già prenotata: si gestisce la prenotazione (disdetta, spostamento)",
  "Prescription already booked: manage the booking (cancel, move)",
  "FRANCESCA",
  "BARONI",
  "BRNFNC68T53D403C",
  "80380000001234560099",
  "0900A1123456709",
  [line(0, CARDIO, true)],
);

const CITIZENS: Citizen[] = [
  citizen("visit_p", "Visita cardiologica prenotabile (priorità P, programmata)", "Bookable cardiology visit (priority P, planned)", "GIULIA", "BIANCHI", "BNCGLI85D52D612X", "80380000001234560016", "0900A1123456701", [line(0, CARDIO, true)]),
  citizen("diagnostic_d", "Ecocolordoppler con note di preparazione (priorità D)", "Doppler ultrasound exam with preparation notes (priority D)", "MARCO", "GORI", "GROMRC58S03G999G", "80380000001234560024", "0900A1123456702", [line(0, ECO, true)], "D"),
  citizen("multi_radiology", "Più esami di radiologia sulla stessa ricetta", "Several radiology exams on one prescription", "ELENA", "MARTINI", "MRTLNE72H61G713B", "80380000001234560032", "0900A1123456703", [line(0, RX1, true), line(1, RX2, true), line(2, LAB, false, "laboratory", "zerocoda")]),
  citizen("urgent_u", "Priorità U (urgente): non prenotabile online, rivolgersi al CUP", "Priority U (urgent): not bookable online, call the CUP", "SARA", "LOMBARDI", "LMBSRA90P70I726M", "80380000001234560057", "0900A1123456705", [line(0, CARDIO, false, "urgent_priority", "call_cup")], "U"),
  BARONI,
];

/**
 * The already_booked citizen's bookings, one in every state: a live one (that replaced a moved
 * one), one within 48 hours (cancelling it owes the malum), one cancelled, one done, one no-show.
 */
function seedBookings(
  now: number,
  add: (owner: Citizen, fields: NewBooking) => BookingView,
  update: (cup: string, change: Partial<BookingView>) => BookingView,
): void {
  const offers = offersFor(CARDIO, "zone", now);
  const earlier = offers[6]!;
  const live = offers[2]!;
  const created = now - 20 * DAY;
  const old = add(BARONI, { nre: BARONI.demo.nre, line: 0, service: CARDIO, offer: earlier, createdAt: created, phone: "3331234567" });
  const current = add(BARONI, { nre: BARONI.demo.nre, line: 0, service: CARDIO, offer: live, createdAt: now - 2 * DAY, movedFrom: old.cup_number, phone: "3331234567" });
  update(old.cup_number, { status: "moved", moved_to: current.cup_number });
  const soon = fixedOffer(990_001, now + 30 * 3600_000, FACILITIES[1]!);
  add(BARONI, { nre: "0900A1123456793", line: 0, service: RX1, offer: soon, createdAt: now - 9 * DAY });
  add(BARONI, {
    nre: "0900A1123456792",
    line: 0,
    service: RX2,
    offer: fixedOffer(990_002, now + 10 * DAY, FACILITIES[0]!),
    status: "cancelled",
    createdAt: now - 12 * DAY,
    cancelledAt: now - 3 * DAY,
  });
  add(BARONI, { nre: "0900A1123456791", line: 0, service: ECO, offer: fixedOffer(990_003, now - 40 * DAY, FACILITIES[2]!), status: "done", createdAt: now - 80 * DAY });
  add(BARONI, {
    nre: "0900A1123456794",
    line: 0,
    service: CARDIO,
    offer: fixedOffer(990_004, now - 70 * DAY, FACILITIES[0]!),
    status: "no_show",
    createdAt: now - 100 * DAY,
    malum: true,
  });
}

/** An appointment at 09:40 Rome time (08:40 UTC, near enough across DST) on a given day. */
function fixedOffer(slotId: number, around: number, facility: FacilityView): Offer {
  const day = new Date(around);
  day.setUTCHours(8, 40, 0, 0);
  return {
    slot_id: slotId,
    starts_at: iso(day.getTime()),
    ends_at: iso(day.getTime() + 20 * 60_000),
    unit: "[104]-AMBULATORIO 1",
    facility,
    distance_km: 3.1,
    inside_guarantee: true,
  };
}

function patientOf(c: Citizen): PatientView {
  return {
    given_name: c.demo.givenName,
    family_name: c.demo.familyName,
    codice_fiscale: c.demo.codiceFiscale,
    sex: c.sex,
    birth_date: c.birth,
    birth_place: "PRATO",
    address: "VIA ROMA 1 - PRATO 59100",
    zone: "AREA DI PRATO - PRATESE",
    phone: "3331234567",
    email: null,
  };
}

function prescriptionOf(c: Citizen, liveBooking: (nre: string, line: number) => BookingView | undefined): PrescriptionView {
  return {
    nre: c.demo.nre,
    region_code: "090",
    region_name: "Toscana",
    priority: c.priority,
    effective_priority: c.priority,
    access: "first",
    exemption: c.exemption,
    issued_on: dayOf(iso(Date.now() - 5 * DAY)),
    doctor: "DR. MARIO ROSSI",
    question: "Controllo",
    lines: c.lines.map((l) => {
      const live = liveBooking(c.demo.nre, l.line);
      return live === undefined
        ? l
        : { ...l, bookability: { bookable: false, reason: "already_booked", next_step: "manage_booking" }, booked_as: live.cup_number };
    }),
    ticket_cents: c.ticket,
  };
}

function documentsOf(view: BookingView, owner: Citizen): BookingDocumentsView {
  const notice = view.notice_number;
  const creditor = "90000001001";
  return {
    booking: view,
    patient: patientOf(owner),
    priority: owner.priority,
    issued_on: dayOf(iso(Date.parse(view.created_at) - 5 * DAY)),
    payment:
      view.ticket_cents > 0
        ? {
            creditor_name: "AZIENDA USL TOSCANA CENTRO",
            creditor_fiscal_code: creditor,
            notice_number: notice,
            notice_number_grouped: notice.match(/.{1,4}/g)?.join(" ") ?? notice,
            iuv: notice.slice(1),
            amount_cents: view.ticket_cents,
            due_date: romeDate.format(new Date(view.offer.starts_at)),
            qr_payload: `PAGOPA|002|${notice}|${creditor}|${view.ticket_cents}`,
          }
        : null,
  };
}

function lineOf(c: Citizen, n: number): PrescriptionLineView {
  return c.lines.find((l) => l.line === n) ?? (() => {
    throw new BackendCallError({ code: "not_found", message: "line" });
  })();
}

const FACILITIES: FacilityView[] = [
  { id: 11, name: "NUOVO OSPEDALE PRATO", address: "VIA SUOR NICCOLINA INFERMIERA 20", city: "PRATO", province: "PO", zone_id: 1, zone: "AREA DI PRATO - PRATESE", lat: 43.88, lon: 11.08 },
  { id: 12, name: "POLIAMBULATORIO PRATO NORD", address: "VIA CAVOUR 118", city: "PRATO", province: "PO", zone_id: 1, zone: "AREA DI PRATO - PRATESE", lat: 43.89, lon: 11.1 },
  { id: 21, name: "POLIAMBULATORIO SCANDICCI", address: "VIA VIVALDI ANGOLO VIA PISANA", city: "SCANDICCI", province: "FI", zone_id: 2, zone: "AREA DI FIRENZE - FIORENTINA NORD-OVEST", lat: 43.75, lon: 11.18 },
  { id: 31, name: "OSPEDALE SAN JACOPO", address: "VIA CILIEGIOLE 97", city: "PISTOIA", province: "PT", zone_id: 3, zone: "AREA DI PISTOIA", lat: 43.93, lon: 10.9 },
];

/** Deterministic agendas: per service and scope, a few days with a few times each. */
function offersFor(s: ServiceView, scope: SearchScope, now: number): Offer[] {
  const facilities = scope === "zone" ? FACILITIES.slice(0, 2) : scope === "asl" ? FACILITIES.slice(0, 3) : FACILITIES;
  const start = new Date(now);
  start.setUTCHours(0, 0, 0, 0);
  const offers: Offer[] = [];
  for (const [fi, facility] of facilities.entries()) {
    for (const dayOffset of [9 + fi * 3 + s.id, 16 + fi * 2, 30 + fi, 45 + s.id]) {
      for (const hour of [8, 9, 10]) {
        for (const minute of [0, 30]) {
          const at = start.getTime() + dayOffset * DAY + (hour * 60 + minute) * 60_000;
          if (new Date(at).getUTCDay() % 6 === 0) continue;
          offers.push({
            slot_id: s.id * 100_000 + facility.id * 1_000 + dayOffset * 10 + (hour - 8) * 2 + minute / 30,
            starts_at: iso(at),
            ends_at: iso(at + 20 * 60_000),
            unit: `[10${fi}]-CARDIOLOGIA AMBULATORIO ${fi + 1}`,
            facility,
            distance_km: 2.4 + fi * 11.3,
            inside_guarantee: dayOffset < 40,
          });
        }
      }
    }
  }
  return offers.sort((a, b) => a.starts_at.localeCompare(b.starts_at));
}

// ---- validation of the identifiers (the real app does this in Rust) ----

const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

function cfCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i += 1) {
    const ch = first15[i]!;
    const value = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? ODD[value]! : value;
  }
  return String.fromCharCode(65 + (sum % 26));
}

function invalid(code: string, field: string): never {
  throw new BackendCallError({ code, message: code, field });
}

function validateCard(cfRaw: string, tessera: string): void {
  const cf = cfRaw.trim().toUpperCase();
  if (cf === "") invalid("required", "codice_fiscale");
  if (cf.length !== 16) invalid("cf_length", "codice_fiscale");
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(cf)) invalid("cf_format", "codice_fiscale");
  if (cfCheckChar(cf.slice(0, 15)) !== cf[15]) invalid("cf_check_char", "codice_fiscale");
  const card = tessera.replace(/\s/g, "");
  if (card === "") invalid("required", "tessera");
  if (card.length !== 20) invalid("tessera_length", "tessera");
  if (!/^[0-9]+$/.test(card)) invalid("tessera_format", "tessera");
  if (!card.startsWith("80380")) invalid("tessera_prefix", "tessera");
}

function validateNre(nreRaw: string): void {
  const nre = nreRaw.trim().toUpperCase();
  if (nre.length !== 15) invalid("nre_length", "nre");
  if (!/^[0-9]{3}[0-9A-Z][0-9A-Z]{11}$/.test(nre)) invalid("nre_format", "nre");
}

function validate(cf: string, tessera: string, nre: string): null {
  validateCard(cf, tessera);
  validateNre(nre);
  return null;
}
