//! A bookable time slot of a facility's agenda.
//! Source: DOMAIN.md "Holds, bookings, idempotency" (FHIR/Argonaut scheduling).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Why a slot, hold or booking operation is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("a slot must end after it starts")]
    TimeOrder,
    #[error("the hold on the slot has expired")]
    HoldExpired,
}

impl ScheduleError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TimeOrder => "slot_time_order",
            Self::HoldExpired => "hold_expired",
        }
    }
}

/// A slot: `[start, end)` at a facility for a service. Ids are the server's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "SlotData")]
pub struct Slot {
    id: u64,
    facility_id: u64,
    service_id: u64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

#[derive(Deserialize)]
struct SlotData {
    id: u64,
    facility_id: u64,
    service_id: u64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl TryFrom<SlotData> for Slot {
    type Error = ScheduleError;
    fn try_from(d: SlotData) -> Result<Self, Self::Error> {
        Slot::new(d.id, d.facility_id, d.service_id, d.start, d.end)
    }
}

impl Slot {
    /// # Errors
    /// [`ScheduleError::TimeOrder`] unless `start < end`.
    pub fn new(
        id: u64,
        facility_id: u64,
        service_id: u64,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Self, ScheduleError> {
        if start < end {
            Ok(Self {
                id,
                facility_id,
                service_id,
                start,
                end,
            })
        } else {
            Err(ScheduleError::TimeOrder)
        }
    }

    pub fn id(&self) -> u64 {
        self.id
    }
    pub fn facility_id(&self) -> u64 {
        self.facility_id
    }
    pub fn service_id(&self) -> u64 {
        self.service_id
    }
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }
    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn order() {
        let a = Utc.with_ymd_and_hms(2024, 4, 24, 8, 0, 0).unwrap();
        let b = Utc.with_ymd_and_hms(2024, 4, 24, 8, 20, 0).unwrap();
        let s = Slot::new(1, 2, 3, a, b).unwrap();
        assert_eq!((s.id(), s.facility_id(), s.service_id()), (1, 2, 3));
        assert_eq!(Slot::new(1, 2, 3, b, a), Err(ScheduleError::TimeOrder));
        assert_eq!(Slot::new(1, 2, 3, a, a), Err(ScheduleError::TimeOrder));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Slot>(&json).unwrap(), s);
        let swapped = json.replace("08:20", "07:20");
        assert!(serde_json::from_str::<Slot>(&swapped).is_err());
    }
}
