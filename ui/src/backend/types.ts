// The Backend interface and the error shape. The wire types come from ./generated (ts-rs,
// from the Rust contract) through ./wire.

import type {
  AppInfo,
  AvailabilityQuery,
  AvailabilityResponse,
  BookingView,
  CalendarQuery,
  CalendarResponse,
  CombinedQuery,
  CombinedResponse,
  DemoCitizen,
  HoldRequest,
  HoldView,
  LoginView,
  PatientView,
  PrescriptionView,
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
  logout(): Promise<void>;
  patient(): Promise<PatientView>;
  prescription(nre: string): Promise<PrescriptionView>;
  availability(nre: string, query: AvailabilityQuery): Promise<AvailabilityResponse>;
  calendar(nre: string, query: CalendarQuery): Promise<CalendarResponse>;
  combinedAvailability(nre: string, query: CombinedQuery): Promise<CombinedResponse>;
  hold(request: HoldRequest): Promise<HoldView>;
  extendHold(holdId: number): Promise<HoldView>;
  releaseHold(holdId: number): Promise<void>;
  book(holdId: number, phone: string | null): Promise<BookingView>;
}

/** The three factors of the access form. */
export interface AccessInput {
  codiceFiscale: string;
  tessera: string;
  nre: string;
}
