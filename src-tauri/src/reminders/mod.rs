//! Appointment reminders: about one missed appointment in four is simply forgotten.
//!
//! Pure logic plus a persisted state, the clock always an argument:
//! - [`LeadTime`]s: by default the day before at 18:00 (Europe/Rome) and two hours before,
//!   editable ([`ReminderStore::set_lead_times`]);
//! - a [`ReminderPlan`] per booked appointment ([`ReminderBooking`]: CUP number, service,
//!   start, place), kept in a [`ReminderStore`] (versioned JSON in a folder, atomic writes),
//!   updated on booking ([`ReminderStore::upsert`]), cancel ([`ReminderStore::remove`]) and
//!   reschedule ([`ReminderStore::replace`]);
//! - [`ReminderStore::due`] and, at start, [`ReminderStore::missed_at_start`]: what to show
//!   now, each reminder at most once, nothing for appointments already started;
//! - the desktop scheduler [`run`], over a [`Notifier`] and a [`Clock`].
//!
//! Nothing here logs an identifier.

// Wired by the reminders commands and the app's setup (the scheduler task): until then only
// the tests call this module.
#![cfg_attr(not(test), allow(dead_code, unused_imports))]

mod clock;
mod error;
mod lead;
mod message;
mod plan;
mod scheduler;
mod store;
#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) use clock::ManualClock;
pub(crate) use clock::{Clock, SystemClock};
pub(crate) use error::ReminderError;
pub(crate) use lead::{LeadTime, MAX_LEAD_TIMES};
pub(crate) use message::{Detail, DueReminder, Notification};
pub(crate) use plan::{Reminder, ReminderBooking, ReminderPlan, ReminderState};
pub(crate) use scheduler::{MAX_SLEEP, Notifier, run};
pub(crate) use store::{ReminderStore, STATE_FILE};
