import { invoke } from "@tauri-apps/api/core";
import { call } from "./errors";
import type {
  AppInfo,
  AvailabilityResponse,
  Backend,
  BookingFilesView,
  BookingList,
  BookingView,
  CalendarResponse,
  CombinedResponse,
  DemoCitizen,
  DocumentsResult,
  HoldView,
  LoginView,
  MissedReminder,
  PatientView,
  PrescriptionView,
  RememberState,
  ReminderSettings,
} from "./types";

/** What a kiosk answers without asking Rust: it keeps no card and no bookings on the device. */
const NOTHING_REMEMBERED: RememberState = { available: false, card: null, bookingsNotKept: "switched_off" };
const NOTHING_SAVED: BookingList = { bookings: [], source: "device", updatedAt: null };

/**
 * The backend inside the Tauri shell: every method is one Rust command. On a kiosk (as
 * `app_info` says) the keyring and the device's saved bookings are not there (its capability
 * does not grant them): those methods answer "nothing" without a call.
 */
export function createTauriBackend(): Backend {
  let kiosk = false;
  return {
    kind: "tauri",
    appInfo: () =>
      call(() => invoke<AppInfo>("app_info")).then((info) => {
        kiosk = info.kiosk;
        return info;
      }),
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
    rememberedCard: () =>
      kiosk ? Promise.resolve({ ...NOTHING_REMEMBERED }) : call(() => invoke<RememberState>("remembered_card")),
    forgetCard: () => (kiosk ? Promise.resolve() : call(() => invoke<void>("forget_card"))),
    myBookings: () => call(() => invoke<BookingList>("my_bookings")),
    lookupBookings: (mode, value) => call(() => invoke<BookingList>("lookup_bookings", { mode, value })),
    savedBookings: ({ codiceFiscale, tessera }) =>
      kiosk
        ? Promise.resolve({ ...NOTHING_SAVED, bookings: [] })
        : call(() => invoke<BookingList>("saved_bookings", { codiceFiscale, tessera })),
    bookingDocuments: (cupNumber) => call(() => invoke<DocumentsResult>("booking_documents", { cupNumber })),
    cancelBooking: (cupNumber) => call(() => invoke<BookingView>("cancel_booking", { cupNumber })),
    rescheduleBooking: (cupNumber, holdId) =>
      call(() => invoke<BookingView>("reschedule_booking", { cupNumber, holdId })),
    bookingFiles: (cupNumber, lang) => call(() => invoke<BookingFilesView>("booking_files", { cupNumber, lang })),
    openBookingFile: (cupNumber, kind, lang) =>
      call(() => invoke<string>("open_booking_file", { cupNumber, kind, lang })),
    reminderSettings: () => call(() => invoke<ReminderSettings>("reminder_settings")),
    setReminderLeadTimes: (leadTimes) =>
      call(() => invoke<ReminderSettings>("set_reminder_lead_times", { leadTimes })),
    missedReminders: (lang) => call(() => invoke<MissedReminder[]>("missed_reminders", { lang })),
    testNotification: (lang) => call(() => invoke<void>("test_notification", { lang })),
    setLanguage: (lang) => call(() => invoke<void>("set_language", { lang })),
    kioskReset: () => call(() => invoke<void>("kiosk_reset")),
    kioskPrintPromemoria: (cupNumber, lang) => call(() => invoke<void>("kiosk_print_promemoria", { cupNumber, lang })),
    kioskQr: (cupNumber) => call(() => invoke<string>("kiosk_qr", { cupNumber })),
  };
}
