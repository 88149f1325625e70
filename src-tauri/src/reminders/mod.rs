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
pub(crate) use lead::LeadTime;
#[cfg(test)]
pub(crate) use lead::MAX_LEAD_TIMES;
pub(crate) use message::{Detail, DueReminder, Notification, test_notification};
#[cfg(test)]
pub(crate) use plan::Reminder;
pub(crate) use plan::{ReminderBooking, ReminderPlan, ReminderState};
#[cfg(test)]
pub(crate) use scheduler::MAX_SLEEP;
pub(crate) use scheduler::{Notifier, run};
pub(crate) use store::ReminderStore;
#[cfg(test)]
pub(crate) use store::STATE_FILE;
