//! The agenda plan: which unit offers which service on which days and hours. Slots are
//! never stored: [`SlotIter`] expands the plan on the fly, in a fixed order (agenda by
//! agenda, day by day, time by time), numbering slots 1, 2, 3, ...

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};
use cup_domain::rome_to_utc;

use super::SlotRow;

/// Saturday sessions run 08:00-12:00.
const SATURDAY_START_MIN: u16 = 8 * 60;
const SATURDAY_END_MIN: u16 = 12 * 60;
/// Opening hours of every agenda: 08:00-18:00 Europe/Rome.
pub(super) const OPEN_MIN: u16 = 8 * 60;
pub(super) const CLOSE_MIN: u16 = 18 * 60;

/// One agenda day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Day {
    /// YYYYMMDD in Europe/Rome.
    pub local_day: i64,
    /// 0 = Monday .. 6 = Sunday.
    pub weekday: u8,
    pub holiday: bool,
    /// UTC epoch seconds of 08:00 local time that day (no DST change happens between
    /// 08:00 and 18:00, so later times are plain offsets from it).
    pub utc_0800: i64,
}

/// The days of the horizon, from `start` on.
pub(super) fn days(start: NaiveDate, count: u32) -> Vec<Day> {
    let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN);
    (0..count)
        .filter_map(|i| start.checked_add_days(Days::new(u64::from(i))))
        .map(|date| {
            let local = date.and_time(eight);
            // 08:00 always exists exactly once in Europe/Rome; the fallback (CET) is
            // unreachable but keeps the function total.
            let utc_0800 = rome_to_utc(local)
                .map_or_else(|_| local.and_utc().timestamp() - 3600, |t| t.timestamp());
            Day {
                local_day: i64::from(date.year()) * 10_000
                    + i64::from(date.month()) * 100
                    + i64::from(date.day()),
                weekday: u8::try_from(date.weekday().num_days_from_monday()).unwrap_or(6),
                holiday: is_public_holiday(date),
                utc_0800,
            }
        })
        .collect()
}

/// Easter Sunday (Gregorian, anonymous algorithm).
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Italian national public holidays (no agendas on these days).
pub(super) fn is_public_holiday(date: NaiveDate) -> bool {
    const FIXED: [(u32, u32); 10] = [
        (1, 1),
        (1, 6),
        (4, 25),
        (5, 1),
        (6, 2),
        (8, 15),
        (11, 1),
        (12, 8),
        (12, 25),
        (12, 26),
    ];
    if FIXED.contains(&(date.month(), date.day())) {
        return true;
    }
    date.weekday() == Weekday::Mon
        && easter(date.year())
            .and_then(|e| e.checked_add_days(Days::new(1)))
            .is_some_and(|m| m == date)
}

/// A recurring agenda of one service in one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Agenda {
    pub service_id: i64,
    pub unit_id: i64,
    pub facility_id: i64,
    pub zone_id: i64,
    pub asl_id: i64,
    /// Bit 0 = Monday .. bit 4 = Friday.
    pub weekdays: u8,
    /// Also Saturday mornings (08:00-12:00).
    pub saturday: bool,
    /// Weekday session, minutes after local midnight.
    pub start_min: u16,
    pub end_min: u16,
    pub slot_min: u16,
    /// First day index of the horizon with slots.
    pub first_day: u16,
}

impl Agenda {
    /// The session on a day: (start, end) in local minutes, or `None` when closed.
    fn session(&self, index: usize, day: &Day) -> Option<(u16, u16)> {
        if day.holiday || index < usize::from(self.first_day) || self.slot_min == 0 {
            return None;
        }
        match day.weekday {
            0..=4 if self.weekdays & (1 << day.weekday) != 0 => {
                Some((self.start_min, self.end_min))
            }
            5 if self.saturday => Some((SATURDAY_START_MIN, SATURDAY_END_MIN)),
            _ => None,
        }
    }

    fn slots_on(&self, index: usize, day: &Day) -> u32 {
        self.session(index, day)
            .map_or(0, |(s, e)| u32::from(e.saturating_sub(s) / self.slot_min))
    }

    /// Number of slots over the horizon.
    pub(super) fn count(&self, days: &[Day]) -> u64 {
        days.iter()
            .enumerate()
            .map(|(i, d)| u64::from(self.slots_on(i, d)))
            .sum()
    }
}

/// Streams the slots of a plan.
#[derive(Debug, Clone)]
pub struct SlotIter<'a> {
    agendas: &'a [Agenda],
    days: &'a [Day],
    agenda: usize,
    day: usize,
    k: u32,
    next_id: i64,
}

impl<'a> SlotIter<'a> {
    pub(super) fn new(agendas: &'a [Agenda], days: &'a [Day]) -> Self {
        Self {
            agendas,
            days,
            agenda: 0,
            day: 0,
            k: 0,
            next_id: 1,
        }
    }
}

impl Iterator for SlotIter<'_> {
    type Item = SlotRow;

    fn next(&mut self) -> Option<SlotRow> {
        loop {
            let a = self.agendas.get(self.agenda)?;
            let Some(d) = self.days.get(self.day) else {
                self.agenda += 1;
                self.day = 0;
                self.k = 0;
                continue;
            };
            let Some((start, end)) = a.session(self.day, d) else {
                self.day += 1;
                self.k = 0;
                continue;
            };
            let n = u32::from(end.saturating_sub(start) / a.slot_min);
            if self.k >= n {
                self.day += 1;
                self.k = 0;
                continue;
            }
            let minute = i64::from(start) + i64::from(self.k) * i64::from(a.slot_min);
            let starts_at = d.utc_0800 + (minute - i64::from(OPEN_MIN)) * 60;
            let id = self.next_id;
            self.next_id += 1;
            self.k += 1;
            return Some(SlotRow {
                id,
                service_id: a.service_id,
                unit_id: a.unit_id,
                facility_id: a.facility_id,
                zone_id: a.zone_id,
                asl_id: a.asl_id,
                starts_at,
                ends_at: starts_at + i64::from(a.slot_min) * 60,
                local_day: d.local_day,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2024), Some(date(2024, 3, 31)));
        assert_eq!(easter(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter(2026), Some(date(2026, 4, 5)));
        assert!(is_public_holiday(date(2026, 4, 6)));
        assert!(is_public_holiday(date(2025, 4, 21)));
        assert!(is_public_holiday(date(2026, 6, 2)));
        assert!(!is_public_holiday(date(2026, 4, 7)));
    }

    #[test]
    fn eight_o_clock_in_both_seasons() {
        // Winter: CET = UTC+1; summer: CEST = UTC+2.
        let d = days(date(2026, 3, 27), 5);
        assert_eq!(d[0].local_day, 20_260_327);
        let winter = date(2026, 3, 27)
            .and_hms_opt(7, 0, 0)
            .expect("time")
            .and_utc();
        let summer = date(2026, 3, 30)
            .and_hms_opt(6, 0, 0)
            .expect("time")
            .and_utc();
        assert_eq!(d[0].utc_0800, winter.timestamp());
        assert_eq!(d[3].utc_0800, summer.timestamp());
        assert_eq!(d[3].weekday, 0);
    }
}
