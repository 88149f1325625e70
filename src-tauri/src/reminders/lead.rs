//! Lead times: when, before an appointment, a reminder fires. By default the day before at
//! 18:00 (Europe/Rome) and two hours before; the citizen may edit the list.

use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use cup_domain::TimeError;
use cup_domain::time::{rome_date, rome_to_utc_earliest};
use serde::{Deserialize, Serialize};

use super::ReminderError;

/// At most this many lead times.
pub(crate) const MAX_LEAD_TIMES: usize = 6;
const MAX_DAYS: u8 = 14;
const MAX_MINUTES: u32 = 14 * 24 * 60;

/// One lead time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum LeadTime {
    /// `days` calendar days before the appointment's day, at `hour:minute` Rome time ("the
    /// day before at 18:00" is `days: 1, hour: 18, minute: 0`; `days: 0` is the same morning).
    DaysBeforeAt { days: u8, hour: u8, minute: u8 },
    /// A fixed time before the start ("two hours before" is 120 minutes): absolute time, so
    /// across a daylight-saving change the wall clock moves by one hour more or less.
    MinutesBefore { minutes: u32 },
}

impl LeadTime {
    /// The day before at 18:00.
    pub(crate) const DAY_BEFORE_EVENING: LeadTime = LeadTime::DaysBeforeAt {
        days: 1,
        hour: 18,
        minute: 0,
    };
    /// Two hours before.
    pub(crate) const TWO_HOURS_BEFORE: LeadTime = LeadTime::MinutesBefore { minutes: 120 };

    /// The default list.
    pub(crate) fn defaults() -> Vec<LeadTime> {
        vec![Self::DAY_BEFORE_EVENING, Self::TWO_HOURS_BEFORE]
    }

    /// In range?
    ///
    /// # Errors
    /// [`ReminderError::InvalidLeadTime`].
    pub(crate) fn validate(self) -> Result<LeadTime, ReminderError> {
        let ok = match self {
            LeadTime::DaysBeforeAt { days, hour, minute } => {
                days <= MAX_DAYS && hour < 24 && minute < 60
            }
            LeadTime::MinutesBefore { minutes } => (1..=MAX_MINUTES).contains(&minutes),
        };
        ok.then_some(self).ok_or(ReminderError::InvalidLeadTime)
    }

    /// When a reminder with this lead fires for an appointment starting at `start`; `None`
    /// when that would not be before the start (e.g. "the same day at 18:00" for a 10:00
    /// visit). A Rome local time skipped by the spring change fires at the same wall-clock
    /// minute one hour later (02:30 -> 03:30 CEST).
    pub(crate) fn fire_at(self, start: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let at = match self {
            LeadTime::MinutesBefore { minutes } => start - TimeDelta::minutes(i64::from(minutes)),
            LeadTime::DaysBeforeAt { days, hour, minute } => {
                let day = rome_date(start) - TimeDelta::days(i64::from(days));
                let time = NaiveTime::from_hms_opt(u32::from(hour), u32::from(minute), 0)?;
                let local = day.and_time(time);
                match rome_to_utc_earliest(local) {
                    Ok(t) => t,
                    Err(TimeError::Nonexistent | TimeError::Ambiguous) => {
                        rome_to_utc_earliest(local + TimeDelta::hours(1)).ok()?
                    }
                }
            }
        };
        (at < start).then_some(at)
    }
}

/// A list of lead times checked, in a stable order and without duplicates.
///
/// # Errors
/// [`ReminderError::InvalidLeadTime`] or [`ReminderError::TooManyLeadTimes`].
pub(crate) fn normalise(leads: &[LeadTime]) -> Result<Vec<LeadTime>, ReminderError> {
    let mut out = leads
        .iter()
        .map(|l| l.validate())
        .collect::<Result<Vec<_>, _>>()?;
    out.sort();
    out.dedup();
    if out.len() > MAX_LEAD_TIMES {
        return Err(ReminderError::TooManyLeadTimes {
            max: MAX_LEAD_TIMES,
        });
    }
    Ok(out)
}
