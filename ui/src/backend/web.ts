import { BackendCallError } from "./errors";
import type {
  AppInfo,
  Backend,
  BookingView,
  DemoCitizen,
  FacilityView,
  HoldView,
  Offer,
  PatientView,
  PrescriptionLineView,
  PrescriptionView,
  SearchScope,
  ServiceView,
} from "./types";

/**
 * The backend in a plain browser (`npm run dev`, `vite preview`): there is no Rust side, so it
 * answers with a tiny in-memory demo (a few citizens of the README, synthetic agendas) that is
 * enough to see and try every screen of the booking flow. The real app always uses Rust.
 */
export function createWebBackend(): Backend {
  const info: AppInfo = { version: __APP_VERSION__, demo: true, backendUrl: null };
  let session: Citizen | null = null;
  let hold: HoldView | null = null;
  let extended = false;
  const booked = new Set<number>();
  const fail = (code: string, field?: string): never => {
    const error = field === undefined ? { code, message: code } : { code, message: code, field };
    throw new BackendCallError(error);
  };
  const requireSession = (): Citizen => session ?? fail("session_expired");
  const later = <T,>(value: () => T): Promise<T> =>
    new Promise((resolve, reject) => {
      setTimeout(() => {
        try {
          resolve(value());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, 150);
    });

  return {
    kind: "web",
    appInfo: () => Promise.resolve({ ...info }),
    demoCitizens: () => Promise.resolve(CITIZENS.map((c) => c.demo)),
    validateAccess: (access) => later(() => validate(access.codiceFiscale, access.tessera, access.nre)),
    loginPrescription: (access) =>
      later(() => {
        validate(access.codiceFiscale, access.tessera, access.nre);
        if (!access.privacyConsent) fail("privacy_consent_required");
        const found = CITIZENS.find(
          (c) =>
            c.demo.codiceFiscale === access.codiceFiscale.toUpperCase() &&
            c.demo.tessera === access.tessera &&
            c.demo.nre === access.nre.toUpperCase(),
        );
        if (found === undefined) return fail("authentication_failed");
        session = found;
        return { kind: "prescription" as const, expiresAt: iso(Date.now() + 3600_000), patient: patientOf(found) };
      }),
    logout: () => later(() => void (session = null)),
    patient: () => later(() => patientOf(requireSession())),
    prescription: () => later(() => prescriptionOf(requireSession())),
    availability: (_nre, query) =>
      later(() => {
        const citizen = requireSession();
        const line = lineOf(citizen, query.line);
        let offers = offersFor(line.service, query.scope).filter((o) => !booked.has(o.slot_id));
        if (query.day != null) offers = offers.filter((o) => dayOf(o.starts_at) === query.day);
        if (query.facility_id != null) offers = offers.filter((o) => o.facility.id === query.facility_id);
        return {
          line: query.line,
          scope: query.scope,
          service: line.service,
          offers: offers.slice(0, query.limit ?? 200),
          guarantee: { priority: "P", ends_at: iso(Date.now() + 120 * DAY) },
          tutela: false,
          wider_scope: wider(query.scope),
        };
      }),
    calendar: (_nre, query) =>
      later(() => {
        const citizen = requireSession();
        const offers = offersFor(lineOf(citizen, query.line).service, query.scope).filter(
          (o) => dayOf(o.starts_at).startsWith(query.month) && !booked.has(o.slot_id),
        );
        const counts = new Map<string, number>();
        for (const o of offers) counts.set(dayOf(o.starts_at), (counts.get(dayOf(o.starts_at)) ?? 0) + 1);
        return { month: query.month, days: [...counts].map(([day, available]) => ({ day, available })) };
      }),
    combinedAvailability: (_nre, query) =>
      later(() => {
        const citizen = requireSession();
        const lines = citizen.lines.filter((l) => l.bookability.bookable);
        const first = lines.map((l) => offersFor(l.service, query.scope));
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
        const offer = offersFor(lineOf(citizen, request.line).service, "region").find(
          (o) => o.slot_id === request.slot_id,
        );
        if (offer === undefined || booked.has(offer.slot_id)) return fail("slot_unavailable");
        extended = false;
        hold = {
          id: Date.now(),
          nre: request.nre,
          line: request.line,
          offer,
          expires_at: iso(Date.now() + 8 * 60_000),
          server_time: iso(Date.now()),
          can_extend: true,
        };
        return hold;
      }),
    extendHold: () =>
      later(() => {
        if (hold === null) return fail("hold_expired");
        if (extended) return fail("hold_extension_used");
        extended = true;
        hold = { ...hold, expires_at: iso(Date.parse(hold.expires_at) + 5 * 60_000), server_time: iso(Date.now()), can_extend: false };
        return hold;
      }),
    releaseHold: () => later(() => void (hold = null)),
    book: (holdId, phone) =>
      later((): BookingView => {
        const citizen = requireSession();
        if (hold === null || hold.id !== holdId || Date.parse(hold.expires_at) < Date.now()) return fail("hold_expired");
        const line = lineOf(citizen, hold.line);
        booked.add(hold.offer.slot_id);
        const offer = hold.offer;
        hold = null;
        return {
          cup_number: `2026${String(offer.slot_id).padStart(8, "0")}`,
          pin: "482913",
          status: "booked",
          nre: citizen.demo.nre,
          line: line.line,
          service: line.service,
          quantity: line.quantity,
          offer,
          ticket_cents: citizen.ticket,
          exemption: null,
          notice_number: "301000000000012345",
          iuv: "01000000000012345",
          guarantee: offer.inside_guarantee ? "kept" : "waived",
          sms_phone: phone,
          cancel_by: iso(Date.parse(offer.starts_at) - 48 * 3600_000),
          malum_owed: false,
          channel: "app",
          created_at: iso(Date.now()),
          cancelled_at: null,
          moved_to: null,
          moved_from: null,
        };
      }),
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dayOf = (isoTime: string) => isoTime.slice(0, 10);
const wider = (scope: SearchScope): SearchScope | null => (scope === "zone" ? "asl" : scope === "asl" ? "region" : null);

interface Citizen {
  demo: DemoCitizen;
  sex: string;
  birth: string;
  lines: PrescriptionLineView[];
  priority: string;
  ticket: number;
}

function service(id: number, code: string, description: string, kind: ServiceView["kind"], preparation = ""): ServiceView {
  return { id, code, description, branch: "", kind, tariff_cents: 2_400, preparation };
}

function line(n: number, s: ServiceView, bookable: boolean, reason: string | null = null, next: string | null = null) {
  return { line: n, service: s, quantity: 1, bookability: { bookable, reason, next_step: next }, booked_as: null };
}

const CARDIO = service(1, "P009", "CONSULENZA CARDIOLOGICA 1 VISITA", "visit");
const ECO = service(2, "2A24", "ECOCOLORDOPPLER ARTERIOSO ARTI INFERIORI", "diagnostic", "Presentarsi a digiuno da almeno 6 ore.");
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
  };
}

const CITIZENS: Citizen[] = [
  citizen("visit_p", "Visita cardiologica prenotabile (priorità P, programmata)", "Bookable cardiology visit (priority P, planned)", "GIULIA", "BIANCHI", "BNCGLI85D52D612X", "80380000001234560016", "0900A1123456701", [line(0, CARDIO, true)]),
  citizen("diagnostic_d", "Ecocolordoppler con note di preparazione (priorità D)", "Doppler ultrasound exam with preparation notes (priority D)", "MARCO", "GORI", "GROMRC58S03G999G", "80380000001234560024", "0900A1123456702", [line(0, ECO, true)], "D"),
  citizen("multi_radiology", "Più esami di radiologia sulla stessa ricetta", "Several radiology exams on one prescription", "ELENA", "MARTINI", "MRTLNE72H61G713B", "80380000001234560032", "0900A1123456703", [line(0, RX1, true), line(1, RX2, true), line(2, LAB, false, "laboratory", "zerocoda")]),
  citizen("urgent_u", "Priorità U (urgente): non prenotabile online, rivolgersi al CUP", "Priority U (urgent): not bookable online, call the CUP", "SARA", "LOMBARDI", "LMBSRA90P70I726M", "80380000001234560057", "0900A1123456705", [line(0, CARDIO, false, "urgent_priority", "call_cup")], "U"),
];

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

function prescriptionOf(c: Citizen): PrescriptionView {
  return {
    nre: c.demo.nre,
    region_code: "090",
    region_name: "Toscana",
    priority: c.priority,
    effective_priority: c.priority,
    access: "first",
    exemption: null,
    issued_on: dayOf(iso(Date.now() - 5 * DAY)),
    doctor: "DR. MARIO ROSSI",
    question: "Controllo",
    lines: c.lines,
    ticket_cents: c.ticket,
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
function offersFor(s: ServiceView, scope: SearchScope): Offer[] {
  const facilities = scope === "zone" ? FACILITIES.slice(0, 2) : scope === "asl" ? FACILITIES.slice(0, 3) : FACILITIES;
  const start = new Date();
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

// ---- validation of the three factors (the real app does this in Rust) ----

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

function validate(cfRaw: string, tessera: string, nreRaw: string): null {
  const fail = (code: string, field: string): never => {
    throw new BackendCallError({ code, message: code, field });
  };
  const cf = cfRaw.trim().toUpperCase();
  if (cf.length !== 16) fail("cf_length", "codice_fiscale");
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(cf)) fail("cf_format", "codice_fiscale");
  if (cfCheckChar(cf.slice(0, 15)) !== cf[15]) fail("cf_check_char", "codice_fiscale");
  const card = tessera.replace(/\s/g, "");
  if (card.length !== 20) fail("tessera_length", "tessera");
  if (!/^[0-9]+$/.test(card)) fail("tessera_format", "tessera");
  if (!card.startsWith("80380")) fail("tessera_prefix", "tessera");
  const nre = nreRaw.trim().toUpperCase();
  if (nre.length !== 15) fail("nre_length", "nre");
  if (!/^[0-9]{3}[0-9A-Z][0-9A-Z]{11}$/.test(nre)) fail("nre_format", "nre");
  return null;
}
