// The Backend interface and the error shape. The wire types come from ./generated (ts-rs,
// from the Rust contract) through ./wire.

import type {
  AppInfo,
  AvailabilityQuery,
  AvailabilityResponse,
  BookingFilesView,
  BookingList,
  BookingView,
  CalendarQuery,
  CalendarResponse,
  CombinedQuery,
  CombinedResponse,
  DemoCitizen,
  DocumentKind,
  DocumentsResult,
  HoldRequest,
  HoldView,
  LeadTime,
  LoginView,
  LookupMode,
  MissedReminder,
  PatientView,
  PrescriptionView,
  RememberState,
  ReminderSettings,
} from "./wire";

export type * from "./wire";

/**
 * How every command error crosses the boundary: a stable machine-readable `code`
 * (translated by the UI through `errors.<code>`) and a developer-facing `message`
 * that is logged, never shown.
 */
export interface BackendError {
  code: string;
  message: string;
  /** For validation errors: which input is wrong ("codice_fiscale", "tessera", "nre", ...). */
  field?: string;
  /** For `too_many_attempts`: how long to wait before trying again. */
  retryAfterSeconds?: number;
}

/** The one interface through which the UI reaches the backend. */
export interface Backend {
  /** Which implementation this is: the Tauri shell or the browser (dev/demo). */
  readonly kind: "tauri" | "web";
  appInfo(): Promise<AppInfo>;
  demoCitizens(): Promise<DemoCitizen[]>;
  /** Pure validation of the three factors (no network); rejects with `{ code, field }`. */
  validateAccess(access: AccessInput): Promise<null>;
  loginPrescription(access: AccessInput & { privacyConsent: boolean }): Promise<LoginView>;
  /**
   * Ends the session. `forgetCard` (GESTISCI's "Esci") also forgets a card remembered in the
   * keyring; the end of a booking keeps it.
   */
  logout(options?: { forgetCard?: boolean }): Promise<void>;
  patient(): Promise<PatientView>;
  prescription(nre: string): Promise<PrescriptionView>;
  availability(nre: string, query: AvailabilityQuery): Promise<AvailabilityResponse>;
  calendar(nre: string, query: CalendarQuery): Promise<CalendarResponse>;
  combinedAvailability(nre: string, query: CombinedQuery): Promise<CombinedResponse>;
  hold(request: HoldRequest): Promise<HoldView>;
  extendHold(holdId: number): Promise<HoldView>;
  releaseHold(holdId: number): Promise<void>;
  book(holdId: number, phone: string | null): Promise<BookingView>;

  // ---- GESTISCI: bookings management (card session) ----
  /** Card login (codice fiscale + tessera); `remember` keeps the card in the OS keyring. */
  loginCard(input: CardInput & { remember: boolean }): Promise<LoginView>;
  /** Whether a card can be remembered on this device, and the remembered one if any. */
  rememberedCard(): Promise<RememberState>;
  /** Forgets the remembered card. */
  forgetCard(): Promise<void>;
  /** All the card holder's bookings (from this device's copy when the backend is unreachable). */
  myBookings(): Promise<BookingList>;
  /** The bookings found by a call-centre PIN, a CUP booking number or a prescription number. */
  lookupBookings(mode: LookupMode, value: string): Promise<BookingList>;
  /** The bookings saved on this device for a card (no network, no session). */
  savedBookings(card: CardInput): Promise<BookingList>;
  /** What the promemoria and the payment form of a booking show. */
  bookingDocuments(cupNumber: string): Promise<DocumentsResult>;
  /** Cancels (disdetta) a booking; answers it as it is now. */
  cancelBooking(cupNumber: string): Promise<BookingView>;
  /** Moves a booking to a slot held with `reschedule`; answers the NEW booking. */
  rescheduleBooking(cupNumber: string, holdId: number): Promise<BookingView>;

  // ---- Documents and reminders (issue 6) ----
  /**
   * Writes (again) a booking's documents on this device (promemoria, payment notice when there
   * is something to pay, calendar file, the archive of all) and answers where they are.
   */
  bookingFiles(cupNumber: string, lang: UiLang): Promise<BookingFilesView>;
  /** Writes (again) one of them and opens it with the system's viewer; answers its path. */
  openBookingFile(cupNumber: string, kind: DocumentKind, lang: UiLang): Promise<string>;
  /** Whether reminders are on here (not on a kiosk), and when they are shown. */
  reminderSettings(): Promise<ReminderSettings>;
  /** Replaces the reminders' lead times (1 to 5). */
  setReminderLeadTimes(leadTimes: LeadTime[]): Promise<ReminderSettings>;
  /** Reminders whose time passed while the app was closed, for appointments still ahead. */
  missedReminders(lang: UiLang): Promise<MissedReminder[]>;
  /** "Prova le notifiche": shows a notification now. */
  testNotification(lang: UiLang): Promise<void>;
  /** Tells the backend the UI's language (documents written after a booking, notifications). */
  setLanguage(lang: UiLang): Promise<void>;

  // ---- Kiosk (the kiosk window only; see ui/src/kiosk/) ----
  /** Forgets the citizen: the session revoked on the server, the kiosk's private folder wiped. */
  kioskReset(): Promise<void>;
  /** Prints a booking's promemoria on the kiosk's printer (CUPS), in `lang`. */
  kioskPrintPromemoria(cupNumber: string, lang: string): Promise<void>;
  /** The QR code carrying the CUP number only, as SVG text. */
  kioskQr(cupNumber: string): Promise<string>;
}

/** The UI's languages, as the commands take them. */
export type UiLang = "it" | "en";

/** The two factors of the management login. */
export interface CardInput {
  codiceFiscale: string;
  tessera: string;
}

/** The three factors of the access form. */
export interface AccessInput {
  codiceFiscale: string;
  tessera: string;
  nre: string;
}
