//! Tauri commands: thin adapters. Each file holds one purpose: its commands and the plain
//! async functions behind them, which take the state structs and are tested without Tauri.

pub mod app_info;
pub mod availability;
pub mod book;
pub mod bookings;
pub mod card;
pub mod demo_citizens;
pub mod documents;
pub mod follow;
pub mod hold;
pub mod language;
pub mod manage;
pub mod patient;
pub mod prescription;
pub mod reminders;
pub mod session;
pub mod validate_access;

/// Every command the UI may call, as the capability files and `build.rs` name them.
#[cfg(test)]
pub const COMMANDS: &[&str] = &[
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
