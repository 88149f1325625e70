//! A temporary hold on a slot ("RISERVATO"), with the countdown shown to the citizen.
//! Source: DOMAIN.md "Holds, bookings, idempotency": a hold lasts until booked, released
//! or expired; the server's clock is authoritative, passed in as `now`.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::slot::{ScheduleError, Slot};

/// A hold on `slot` until `expires_at` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hold {
    pub slot: Slot,
    pub expires_at: DateTime<Utc>,
}

impl Hold {
    /// A hold taken at `now` for `ttl`.
    pub fn new(slot: Slot, now: DateTime<Utc>, ttl: TimeDelta) -> Self {
        Self {
            slot,
            expires_at: now + ttl,
        }
    }

    /// Live while `now < expires_at`; at `expires_at` exactly it has expired.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        now < self.expires_at
    }

    /// Time left ("Tempo residuo"), zero once expired.
    pub fn remaining(&self, now: DateTime<Utc>) -> TimeDelta {
        (self.expires_at - now).max(TimeDelta::zero())
    }

    /// # Errors
    /// [`ScheduleError::HoldExpired`] unless live at `now`.
    pub fn ensure_live(&self, now: DateTime<Utc>) -> Result<(), ScheduleError> {
        if self.is_live(now) {
            Ok(())
        } else {
            Err(ScheduleError::HoldExpired)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn expiry_boundary() {
        let t0 = Utc.with_ymd_and_hms(2024, 4, 24, 8, 0, 0).unwrap();
        let slot = Slot::new(
            1,
            1,
            1,
            t0 + TimeDelta::days(3),
            t0 + TimeDelta::days(3) + TimeDelta::minutes(20),
        )
        .unwrap();
        let hold = Hold::new(slot, t0, TimeDelta::minutes(10));
        assert!(hold.is_live(t0));
        assert!(hold.is_live(t0 + TimeDelta::minutes(10) - TimeDelta::nanoseconds(1)));
        assert!(!hold.is_live(t0 + TimeDelta::minutes(10)));
        assert_eq!(
            hold.remaining(t0 + TimeDelta::minutes(4)),
            TimeDelta::minutes(6)
        );
        assert_eq!(
            hold.remaining(t0 + TimeDelta::minutes(11)),
            TimeDelta::zero()
        );
        assert_eq!(
            hold.ensure_live(t0 + TimeDelta::minutes(10)),
            Err(ScheduleError::HoldExpired)
        );
        assert_eq!(hold.ensure_live(t0), Ok(()));
    }
}
