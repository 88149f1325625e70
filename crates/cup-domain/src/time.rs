//! Europe/Rome time helpers and Italian/English date formatting.
//!
//! Source: DESIGN.md "UI" (dates shown the Italian way, "mer 24 apr 2024, ore 10:00",
//! Europe/Rome). Instants are stored as `DateTime<Utc>`; local time exists only at the
//! edges. Italy switches to summer time on the last Sunday of March (02:00 -> 03:00: local
//! times 02:00-02:59 do not exist) and back on the last Sunday of October (03:00 -> 02:00:
//! local times 02:00-02:59 happen twice).

use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc,
};
use chrono_tz::Europe::Rome;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Why a local Rome time cannot be turned into an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("that local time does not exist in Europe/Rome (clocks jump forward)")]
    Nonexistent,
    #[error("that local time happens twice in Europe/Rome (clocks go back)")]
    Ambiguous,
}

impl TimeError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Nonexistent => "time_nonexistent",
            Self::Ambiguous => "time_ambiguous",
        }
    }
}

/// Display language of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    It,
    En,
}

/// An instant in Rome local time.
pub fn to_rome(t: DateTime<Utc>) -> DateTime<Tz> {
    t.with_timezone(&Rome)
}

/// The Rome calendar date of an instant.
pub fn rome_date(t: DateTime<Utc>) -> NaiveDate {
    to_rome(t).date_naive()
}

/// The instant of a Rome wall-clock time. Strict: a time skipped by the spring change is
/// [`TimeError::Nonexistent`]; a time repeated by the autumn change is
/// [`TimeError::Ambiguous`] (use [`rome_to_utc_earliest`] to pick the first).
///
/// # Errors
/// See above.
pub fn rome_to_utc(local: NaiveDateTime) -> Result<DateTime<Utc>, TimeError> {
    match Rome.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(_, _) => Err(TimeError::Ambiguous),
        LocalResult::None => Err(TimeError::Nonexistent),
    }
}

/// Like [`rome_to_utc`], but a repeated time resolves to its first occurrence (summer
/// time). A skipped time is still an error.
///
/// # Errors
/// [`TimeError::Nonexistent`] for a time skipped by the spring change.
pub fn rome_to_utc_earliest(local: NaiveDateTime) -> Result<DateTime<Utc>, TimeError> {
    Rome.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or(TimeError::Nonexistent)
}

/// The instant a Rome calendar day starts (local midnight, which always exists in Rome:
/// the changes happen at 02:00/03:00).
pub fn rome_start_of_day(date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    Rome.from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

/// The instant `now` would be if its Rome calendar day were `day`: the same Rome wall-clock
/// time on that day (a time that the spring change skips on `day` moves an hour later; one
/// that the autumn change repeats takes its first occurrence). This is how the program runs
/// "as if today were `day`" while its clock keeps ticking.
pub fn on_rome_day(now: DateTime<Utc>, day: NaiveDate) -> DateTime<Utc> {
    let wall = day.and_time(to_rome(now).time());
    rome_to_utc_earliest(wall)
        .or_else(|_| rome_to_utc_earliest(wall + chrono::TimeDelta::hours(1)))
        .unwrap_or_else(|_| wall.and_utc())
}

const WEEKDAYS_IT: [&str; 7] = ["lun", "mar", "mer", "gio", "ven", "sab", "dom"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS_IT: [&str; 12] = [
    "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date, e.g. `mer 24 apr 2024` / `Wed 24 Apr 2024`.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    let (days, months) = match lang {
        Lang::It => (WEEKDAYS_IT, MONTHS_IT),
        Lang::En => (WEEKDAYS_EN, MONTHS_EN),
    };
    format!(
        "{} {} {} {}",
        days[date.weekday().num_days_from_monday() as usize],
        date.day(),
        months[date.month0() as usize],
        date.year()
    )
}

/// An instant in Rome time, e.g. `mer 24 apr 2024, ore 10:00` / `Wed 24 Apr 2024, 10:00`.
pub fn format_datetime(t: DateTime<Utc>, lang: Lang) -> String {
    let local = to_rome(t);
    let date = format_date(local.date_naive(), lang);
    let (h, m) = (local.hour(), local.minute());
    match lang {
        Lang::It => format!("{date}, ore {h:02}:{m:02}"),
        Lang::En => format!("{date}, {h:02}:{m:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    #[test]
    fn formats_like_the_design() {
        let t = rome_to_utc(local(2024, 4, 24, 10, 0)).unwrap();
        assert_eq!(t.to_rfc3339(), "2024-04-24T08:00:00+00:00");
        assert_eq!(format_datetime(t, Lang::It), "mer 24 apr 2024, ore 10:00");
        assert_eq!(format_datetime(t, Lang::En), "Wed 24 Apr 2024, 10:00");
        let winter = rome_to_utc(local(2024, 1, 5, 8, 5)).unwrap();
        assert_eq!(
            format_datetime(winter, Lang::It),
            "ven 5 gen 2024, ore 08:05"
        );
        assert_eq!(winter.to_rfc3339(), "2024-01-05T07:05:00+00:00");
    }

    #[test]
    fn on_rome_day_keeps_the_wall_clock_time() {
        // 23:30 in Rome in winter, moved to a summer day: still 23:30 in Rome, on that day
        // (adding whole days of 24 h in UTC would land on 00:30 of the next day).
        let winter = rome_to_utc(local(2026, 12, 4, 23, 30)).unwrap();
        let day = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
        let moved = on_rome_day(winter, day);
        assert_eq!(to_rome(moved).naive_local(), local(2027, 7, 1, 23, 30));
        // A time the spring change skips moves an hour later; a repeated one is the first.
        let night = rome_to_utc(local(2026, 12, 4, 2, 30)).unwrap();
        let spring = on_rome_day(night, NaiveDate::from_ymd_opt(2027, 3, 28).unwrap());
        assert_eq!(to_rome(spring).naive_local(), local(2027, 3, 28, 3, 30));
        let autumn = on_rome_day(night, NaiveDate::from_ymd_opt(2027, 10, 31).unwrap());
        assert_eq!(to_rome(autumn).naive_local(), local(2027, 10, 31, 2, 30));
        assert_eq!(autumn.to_rfc3339(), "2027-10-31T00:30:00+00:00");
    }

    #[test]
    fn spring_forward_gap() {
        // 31 Mar 2024 (last Sunday of March): 02:30 does not exist.
        assert_eq!(
            rome_to_utc(local(2024, 3, 31, 2, 30)),
            Err(TimeError::Nonexistent)
        );
        assert_eq!(
            rome_to_utc_earliest(local(2024, 3, 31, 2, 30)),
            Err(TimeError::Nonexistent)
        );
        let before = rome_to_utc(local(2024, 3, 31, 1, 59)).unwrap();
        let after = rome_to_utc(local(2024, 3, 31, 3, 0)).unwrap();
        assert_eq!(after - before, chrono::TimeDelta::minutes(1));
    }

    #[test]
    fn fall_back_overlap() {
        // 27 Oct 2024 (last Sunday of October): 02:30 happens twice.
        assert_eq!(
            rome_to_utc(local(2024, 10, 27, 2, 30)),
            Err(TimeError::Ambiguous)
        );
        let first = rome_to_utc_earliest(local(2024, 10, 27, 2, 30)).unwrap();
        assert_eq!(first.to_rfc3339(), "2024-10-27T00:30:00+00:00");
        assert_eq!(TimeError::Ambiguous.code(), "time_ambiguous");
    }

    #[test]
    fn day_start_and_date() {
        let start = rome_start_of_day(NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        assert_eq!(start.to_rfc3339(), "2024-03-30T23:00:00+00:00");
        let next = rome_start_of_day(NaiveDate::from_ymd_opt(2024, 4, 1).unwrap());
        // The spring-forward day is 23 hours long.
        assert_eq!(next - start, chrono::TimeDelta::hours(23));
        assert_eq!(
            rome_date(start),
            NaiveDate::from_ymd_opt(2024, 3, 31).unwrap()
        );
    }
}
