//! What to remind: a booked appointment and its reminders, one per lead time.

use chrono::{DateTime, Utc};
use cup_api::{BookingStatus, BookingView};
use serde::{Deserialize, Serialize};

use super::LeadTime;

/// The appointment a reminder speaks of (what the notification says).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReminderBooking {
    pub(crate) cup_number: String,
    /// "PRIMA VISITA CARDIOLOGICA".
    pub(crate) service: String,
    pub(crate) starts_at: DateTime<Utc>,
    /// The facility: "POLIAMBULATORIO ...".
    pub(crate) place: String,
}

impl ReminderBooking {
    /// From a booking, when it is booked (a cancelled, moved or past one has nothing to
    /// remind).
    pub(crate) fn from_view(booking: &BookingView) -> Option<Self> {
        (booking.status == BookingStatus::Booked).then(|| ReminderBooking {
            cup_number: booking.cup_number.clone(),
            service: booking.service.description.clone(),
            starts_at: booking.offer.starts_at,
            place: booking.offer.facility.name.clone(),
        })
    }
}

/// Where a reminder stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub(crate) enum ReminderState {
    /// Will fire at its time.
    Pending,
    /// Fired (or shown at start as missed) at `at`: never again.
    Fired { at: DateTime<Utc> },
    /// Its time had passed when the booking was made or the lead time added: it never fires.
    Skipped,
}

/// One reminder of an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Reminder {
    pub(crate) lead: LeadTime,
    pub(crate) fire_at: DateTime<Utc>,
    #[serde(flatten)]
    pub(crate) state: ReminderState,
}

impl Reminder {
    /// A reminder made at `now`: pending, or skipped when its time has already passed.
    fn new(lead: LeadTime, fire_at: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        let state = if fire_at <= now {
            ReminderState::Skipped
        } else {
            ReminderState::Pending
        };
        Reminder {
            lead,
            fire_at,
            state,
        }
    }

    pub(crate) fn is_pending(&self) -> bool {
        self.state == ReminderState::Pending
    }
}

/// An appointment and its reminders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReminderPlan {
    pub(crate) booking: ReminderBooking,
    pub(crate) reminders: Vec<Reminder>,
}

impl ReminderPlan {
    /// The plan of `booking` for `leads`, made at `now`. Leads that would fire at or after the
    /// start have no reminder.
    pub(crate) fn new(booking: ReminderBooking, leads: &[LeadTime], now: DateTime<Utc>) -> Self {
        let reminders = leads
            .iter()
            .filter_map(|&lead| {
                lead.fire_at(booking.starts_at)
                    .map(|at| Reminder::new(lead, at, now))
            })
            .collect();
        ReminderPlan { booking, reminders }
    }

    /// The same appointment with another list of leads: the reminders of leads kept stay as
    /// they are (a fired one stays fired), new ones are made at `now`.
    pub(crate) fn with_leads(&self, leads: &[LeadTime], now: DateTime<Utc>) -> Self {
        let fresh = ReminderPlan::new(self.booking.clone(), leads, now);
        let reminders = fresh
            .reminders
            .into_iter()
            .map(|r| {
                self.reminders
                    .iter()
                    .find(|old| old.lead == r.lead && old.fire_at == r.fire_at)
                    .copied()
                    .unwrap_or(r)
            })
            .collect();
        ReminderPlan {
            booking: self.booking.clone(),
            reminders,
        }
    }

    /// The earliest pending reminder's time.
    pub(crate) fn next_fire_at(&self) -> Option<DateTime<Utc>> {
        self.reminders
            .iter()
            .filter(|r| r.is_pending())
            .map(|r| r.fire_at)
            .min()
    }
}
