//! Kiosk mode, for health-district waiting rooms: one full-screen window labelled `kiosk`
//! that cannot be left (no decorations, no devtools, no navigation outside the app, no new
//! windows), its own least-privilege capability (`capabilities/kiosk.json`), channel `kiosk`
//! on every backend call, and a device that keeps nothing of the citizen: no bookings store,
//! no keyring, no reminders ([`crate::AppConfig::device_store`] off, [`crate::AppConfig::kiosk`]
//! on), a private folder per citizen session ([`temp::SessionFolder`]) and `kiosk_reset`,
//! which revokes the backend session and wipes the folder. The UI drops its own state at the
//! same time.
//!
//! Taking the booking home: the promemoria printed through CUPS ([`print`]) and a QR code
//! with the CUP number only ([`qr`]).

pub mod commands;
pub mod config;
pub mod navigation;
pub mod print;
pub mod qr;
pub mod temp;
pub mod window;

pub use config::KioskConfig;

/// The kiosk window's label (the capability file names it).
pub const WINDOW_LABEL: &str = "kiosk";

/// The commands only a kiosk has (`capabilities/kiosk.json`; not granted to `main`).
#[cfg(test)]
pub use crate::command_names::KIOSK_ONLY_COMMANDS;

/// Every command the kiosk window may call: the booking and management flows, without the
/// keyring ("remember me") and without this device's saved bookings, plus its own.
#[cfg(test)]
pub const KIOSK_COMMANDS: &[&str] = &[
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
    "my_bookings",
    "lookup_bookings",
    "booking_documents",
    "cancel_booking",
    "reschedule_booking",
    "kiosk_reset",
    "kiosk_print_promemoria",
    "kiosk_qr",
    // The UI's language, for what the kiosk prints.
    "set_language",
];

/// The kiosk's state (managed by Tauri in every run; inert outside kiosk mode).
#[derive(Debug)]
pub struct KioskState {
    config: Option<KioskConfig>,
    printer: Option<print::Printer>,
    /// The citizen session's private folder.
    pub folder: temp::SessionFolder,
}

impl KioskState {
    /// The state of a kiosk with `config`, or of an ordinary run with `None`.
    pub fn new(config: Option<KioskConfig>) -> Self {
        Self::with_folder(config, temp::SessionFolder::new())
    }

    pub fn with_folder(config: Option<KioskConfig>, folder: temp::SessionFolder) -> Self {
        let printer = config
            .as_ref()
            .and_then(|c| c.printer.as_deref())
            .map(print::Printer::cups);
        Self {
            config,
            printer,
            folder,
        }
    }

    /// Another print program than `lp` (tests).
    #[cfg(test)]
    pub fn with_printer(mut self, printer: Option<print::Printer>) -> Self {
        self.printer = printer;
        self
    }

    pub fn is_kiosk(&self) -> bool {
        self.config.is_some()
    }

    pub fn printer(&self) -> Option<&print::Printer> {
        self.printer.as_ref()
    }
}
