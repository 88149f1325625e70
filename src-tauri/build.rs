//! Build script: Tauri context, capabilities from the top-level `capabilities/` folder (the
//! product's layout), and permissions generated for the app's own commands.

/// The app's own commands (the same list as `src/commands/mod.rs`): each gets an
/// `allow-<command>` permission, granted in `capabilities/main.json` and (the kiosk's subset
/// and its own) `capabilities/kiosk.json`.
const COMMANDS: &[&str] = &[
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
    // the kiosk's own (capabilities/kiosk.json only)
    "kiosk_reset",
    "kiosk_print_promemoria",
    "kiosk_qr",
];

fn main() {
    println!("cargo:rerun-if-changed=../capabilities");
    println!("cargo:rerun-if-changed=../ui/dist");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("../capabilities/**/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build failed: {error:#}");
    }
}
