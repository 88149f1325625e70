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

/// Every command the main window may call, as the capability files and `build.rs` name them.
#[cfg(test)]
pub use crate::command_names::MAIN_COMMANDS as COMMANDS;
