//! The reminders of this device's bookings, kept in memory and in `reminders.json` (versioned
//! JSON, written atomically) in a folder the caller chooses, so that they survive restarts:
//! what fired stays fired, what is pending stays pending. Every operation takes the clock
//! reading as an argument.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use cup_api::BookingView;
use serde::{Deserialize, Serialize};

use super::lead::normalise;
use super::{DueReminder, LeadTime, ReminderBooking, ReminderError, ReminderPlan, ReminderState};
use crate::private_files::{create_dir, write_atomic};

pub(crate) const STATE_FILE: &str = "reminders.json";
const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StateFile {
    version: u32,
    lead_times: Vec<LeadTime>,
    plans: Vec<ReminderPlan>,
}

impl Default for StateFile {
    fn default() -> Self {
        StateFile {
            version: VERSION,
            lead_times: LeadTime::defaults(),
            plans: Vec::new(),
        }
    }
}

/// The reminders, shared by the commands and the scheduler.
pub(crate) struct ReminderStore {
    /// `None`: kept in memory only.
    file: Option<PathBuf>,
    state: Mutex<StateFile>,
    changed: tokio::sync::Notify,
}

impl ReminderStore {
    /// The store kept in `dir` (created when first written). A file that cannot be read, or
    /// of a version this app does not know, is set aside as `reminders.json.unreadable` and
    /// the store starts empty with the default lead times.
    pub(crate) fn open(dir: &Path) -> Self {
        let file = dir.join(STATE_FILE);
        let state = match std::fs::read(&file) {
            Ok(bytes) => match serde_json::from_slice::<StateFile>(&bytes) {
                Ok(state) if state.version == VERSION => state,
                _ => {
                    tracing::warn!("the reminders file cannot be read: starting afresh");
                    let _ = std::fs::rename(&file, dir.join(format!("{STATE_FILE}.unreadable")));
                    StateFile::default()
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => StateFile::default(),
            Err(error) => {
                tracing::warn!(%error, "the reminders file cannot be read: starting afresh");
                StateFile::default()
            }
        };
        ReminderStore {
            file: Some(file),
            state: Mutex::new(state),
            changed: tokio::sync::Notify::new(),
        }
    }

    /// A store that keeps nothing on disk.
    #[cfg(test)]
    pub(crate) fn in_memory() -> Self {
        ReminderStore {
            file: None,
            state: Mutex::new(StateFile::default()),
            changed: tokio::sync::Notify::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, StateFile> {
        // A panic while holding the lock leaves a consistent state (every change is whole).
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn save(&self, state: &StateFile) -> Result<(), ReminderError> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        // Private (0700 / 0600 on Unix): which visits, where and when.
        if let Some(dir) = file.parent() {
            create_dir(dir)?;
        }
        let json = serde_json::to_vec_pretty(state).map_err(std::io::Error::other)?;
        write_atomic(file, &json)?;
        Ok(())
    }

    /// Saves, and wakes the scheduler: the next reminder may have changed.
    fn commit(&self, state: &StateFile) -> Result<(), ReminderError> {
        self.changed.notify_one();
        self.save(state)
    }

    /// Resolves when the reminders change (for the scheduler).
    pub(crate) async fn changed(&self) {
        self.changed.notified().await;
    }

    /// The lead times in use.
    pub(crate) fn lead_times(&self) -> Vec<LeadTime> {
        self.lock().lead_times.clone()
    }

    /// Replaces the lead times (an empty list switches reminders off). The reminders of lead
    /// times kept are untouched; new ones whose time has passed never fire.
    ///
    /// # Errors
    /// [`ReminderError::InvalidLeadTime`], [`ReminderError::TooManyLeadTimes`] (nothing
    /// changes), or [`ReminderError::Io`] (the change holds until the app closes).
    pub(crate) fn set_lead_times(
        &self,
        leads: &[LeadTime],
        now: DateTime<Utc>,
    ) -> Result<(), ReminderError> {
        let leads = normalise(leads)?;
        let mut state = self.lock();
        state.plans = state
            .plans
            .iter()
            .map(|plan| plan.with_leads(&leads, now))
            .collect();
        state.lead_times = leads;
        self.commit(&state)
    }

    /// Reminders for a booked appointment (after "Sì, prenoto!", or when the bookings are
    /// read): added, or brought up to date when already there (what fired stays fired). An
    /// appointment already started has nothing to remind.
    ///
    /// # Errors
    /// [`ReminderError::Io`] (the change holds until the app closes).
    pub(crate) fn upsert(
        &self,
        booking: ReminderBooking,
        now: DateTime<Utc>,
    ) -> Result<(), ReminderError> {
        let mut state = self.lock();
        upsert_in(&mut state, booking, now);
        self.commit(&state)
    }

    /// No more reminders for a booking (cancelled). Returns whether it had any.
    ///
    /// # Errors
    /// [`ReminderError::Io`] (the change holds until the app closes).
    pub(crate) fn remove(&self, cup_number: &str) -> Result<bool, ReminderError> {
        let mut state = self.lock();
        let before = state.plans.len();
        state.plans.retain(|p| p.booking.cup_number != cup_number);
        let removed = state.plans.len() != before;
        self.commit(&state)?;
        Ok(removed)
    }

    /// A reschedule: the old booking's reminders go, the new booking's come, in one change.
    ///
    /// # Errors
    /// [`ReminderError::Io`] (the change holds until the app closes).
    pub(crate) fn replace(
        &self,
        old_cup_number: &str,
        new: ReminderBooking,
        now: DateTime<Utc>,
    ) -> Result<(), ReminderError> {
        let mut state = self.lock();
        state
            .plans
            .retain(|p| p.booking.cup_number != old_cup_number);
        upsert_in(&mut state, new, now);
        self.commit(&state)
    }

    /// Brings the reminders in line with bookings read from the backend: booked ones added or
    /// updated, cancelled, moved, done and no-show ones removed. Bookings not in the list are
    /// left alone (the list may be one patient's).
    ///
    /// # Errors
    /// [`ReminderError::Io`] (the change holds until the app closes).
    pub(crate) fn sync_bookings(
        &self,
        bookings: &[BookingView],
        now: DateTime<Utc>,
    ) -> Result<(), ReminderError> {
        let mut state = self.lock();
        for booking in bookings {
            match ReminderBooking::from_view(booking) {
                Some(b) => upsert_in(&mut state, b, now),
                None => state
                    .plans
                    .retain(|p| p.booking.cup_number != booking.cup_number),
            }
        }
        self.commit(&state)
    }

    /// The appointments with reminders, soonest first.
    #[cfg(test)]
    pub(crate) fn plans(&self) -> Vec<ReminderPlan> {
        let mut plans = self.lock().plans.clone();
        plans.sort_by_key(|p| p.booking.starts_at);
        plans
    }

    /// The reminders to fire at `now`, marked fired (and saved) before they are returned, so
    /// none fires twice. One per appointment, even when several of its reminders fell due
    /// together (after the computer slept).
    pub(crate) fn due(&self, now: DateTime<Utc>) -> Vec<DueReminder> {
        self.take_due(now, false)
    }

    /// At start: the reminders whose time passed while the app was closed, for appointments
    /// still ahead, marked fired; what the app shows as "Hai un appuntamento oggi alle 10:00".
    /// Appointments already started are forgotten.
    pub(crate) fn missed_at_start(&self, now: DateTime<Utc>) -> Vec<DueReminder> {
        self.take_due(now, true)
    }

    fn take_due(&self, now: DateTime<Utc>, missed: bool) -> Vec<DueReminder> {
        let mut state = self.lock();
        let before = state.plans.len();
        state.plans.retain(|p| p.booking.starts_at > now);
        let mut changed = state.plans.len() != before;
        let mut due = Vec::new();
        for plan in &mut state.plans {
            let mut latest: Option<(LeadTime, DateTime<Utc>)> = None;
            for reminder in plan.reminders.iter_mut() {
                if reminder.is_pending() && reminder.fire_at <= now {
                    reminder.state = ReminderState::Fired { at: now };
                    if latest.is_none_or(|(_, at)| reminder.fire_at > at) {
                        latest = Some((reminder.lead, reminder.fire_at));
                    }
                }
            }
            if let Some((lead, fire_at)) = latest {
                changed = true;
                due.push(DueReminder {
                    booking: plan.booking.clone(),
                    lead,
                    fire_at,
                    missed,
                });
            }
        }
        if changed && let Err(error) = self.save(&state) {
            // They still fire now; after a restart they might fire again.
            tracing::warn!(%error, "the reminders that fired could not be saved");
        }
        due.sort_by_key(|d| d.booking.starts_at);
        due
    }

    /// When the next reminder is due, if any (for appointments after `now`).
    pub(crate) fn next_fire_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.lock()
            .plans
            .iter()
            .filter(|p| p.booking.starts_at > now)
            .filter_map(ReminderPlan::next_fire_at)
            .min()
    }
}

fn upsert_in(state: &mut StateFile, booking: ReminderBooking, now: DateTime<Utc>) {
    let leads = state.lead_times.clone();
    let existing = state
        .plans
        .iter()
        .position(|p| p.booking.cup_number == booking.cup_number);
    if booking.starts_at <= now {
        if let Some(i) = existing {
            state.plans.remove(i);
        }
        return;
    }
    match existing {
        Some(i) if state.plans[i].booking.starts_at == booking.starts_at => {
            let plan = &mut state.plans[i];
            plan.booking = booking;
            *plan = plan.with_leads(&leads, now);
        }
        Some(i) => state.plans[i] = ReminderPlan::new(booking, &leads, now),
        None => state.plans.push(ReminderPlan::new(booking, &leads, now)),
    }
}
