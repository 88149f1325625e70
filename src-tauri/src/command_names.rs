// The app's own commands, in one list: included by `build.rs` (each gets an `allow-<command>`
// permission) and, in tests, by the crate (`commands::COMMANDS`, `kiosk::KIOSK_ONLY_COMMANDS`),
// which check the capability files against it. Keep it in step with `generate_handler!` in
// lib.rs.

/// Commands of the citizen's main window, all granted in `capabilities/main.json` (a kiosk
/// gets a subset of them, `kiosk::KIOSK_COMMANDS`, in `capabilities/kiosk.json`).
pub const MAIN_COMMANDS: &[&str] = &[
    "app_info",
    "demo_citizens",
    "validate_access",
    "login_prescription",
    "logout",
    "patient",
    "prescription",
    "availability",
    "calendar",
    "combined_availability",
    "hold",
    "extend_hold",
    "release_hold",
    "book",
    "login_card",
    "remembered_card",
    "forget_card",
    "my_bookings",
    "lookup_bookings",
    "saved_bookings",
    "booking_documents",
    "cancel_booking",
    "reschedule_booking",
    "booking_files",
    "open_booking_file",
    "reminder_settings",
    "set_reminder_lead_times",
    "missed_reminders",
    "test_notification",
    "set_language",
];

/// Commands only a kiosk has (`capabilities/kiosk.json`; not granted to `main`).
pub const KIOSK_ONLY_COMMANDS: &[&str] = &["kiosk_reset", "kiosk_print_promemoria", "kiosk_qr"];
