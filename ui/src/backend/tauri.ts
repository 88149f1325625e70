import { invoke } from "@tauri-apps/api/core";
import { call } from "./errors";
import type {
  AppInfo,
  AvailabilityResponse,
  Backend,
  BookingList,
  BookingView,
  CalendarResponse,
  CombinedResponse,
  DemoCitizen,
  DocumentsResult,
  HoldView,
  LoginView,
  PatientView,
  PrescriptionView,
  RememberState,
} from "./types";

/** The backend inside the Tauri shell: every method is one Rust command. */
export function createTauriBackend(): Backend {
  return {
    kind: "tauri",
    appInfo: () => call(() => invoke<AppInfo>("app_info")),
    demoCitizens: () => call(() => invoke<DemoCitizen[]>("demo_citizens")),
    validateAccess: ({ codiceFiscale, tessera, nre }) =>
      call(() => invoke<null>("validate_access", { codiceFiscale, tessera, nre })),
    loginPrescription: ({ codiceFiscale, tessera, nre, privacyConsent }) =>
      call(() => invoke<LoginView>("login_prescription", { codiceFiscale, tessera, nre, privacyConsent })),
    logout: (options) => call(() => invoke<void>("logout", { forgetCard: options?.forgetCard ?? false })),
    patient: () => call(() => invoke<PatientView>("patient")),
    prescription: (nre) => call(() => invoke<PrescriptionView>("prescription", { nre })),
    availability: (nre, query) => call(() => invoke<AvailabilityResponse>("availability", { nre, query })),
    calendar: (nre, query) => call(() => invoke<CalendarResponse>("calendar", { nre, query })),
    combinedAvailability: (nre, query) =>
      call(() => invoke<CombinedResponse>("combined_availability", { nre, query })),
    hold: (request) => call(() => invoke<HoldView>("hold", { request })),
    extendHold: (holdId) => call(() => invoke<HoldView>("extend_hold", { holdId })),
    releaseHold: (holdId) => call(() => invoke<void>("release_hold", { holdId })),
    book: (holdId, phone) => call(() => invoke<BookingView>("book", { holdId, phone })),
    loginCard: ({ codiceFiscale, tessera, remember }) =>
      call(() => invoke<LoginView>("login_card", { codiceFiscale, tessera, remember })),
    rememberedCard: () => call(() => invoke<RememberState>("remembered_card")),
    forgetCard: () => call(() => invoke<void>("forget_card")),
    myBookings: () => call(() => invoke<BookingList>("my_bookings")),
    lookupBookings: (mode, value) => call(() => invoke<BookingList>("lookup_bookings", { mode, value })),
    savedBookings: ({ codiceFiscale, tessera }) =>
      call(() => invoke<BookingList>("saved_bookings", { codiceFiscale, tessera })),
    bookingDocuments: (cupNumber) => call(() => invoke<DocumentsResult>("booking_documents", { cupNumber })),
    cancelBooking: (cupNumber) => call(() => invoke<BookingView>("cancel_booking", { cupNumber })),
    rescheduleBooking: (cupNumber, holdId) =>
      call(() => invoke<BookingView>("reschedule_booking", { cupNumber, holdId })),
  };
}
