//! The program's clock. Time is an input: every "now" of the server, the app and the load
//! tool comes from here, never from `Utc::now()` directly (clippy's `disallowed-methods`
//! enforces it), so that one knob moves the whole program to another day:
//!
//! ```text
//! CUP_TODAY=2027-03-28 cup-server          # the server's "today" is 28 March 2027
//! CUP_TODAY=2027-03-28 ./dev run           # the app and its embedded backend
//! CUP_TODAY=2027-03-28 cup-load quick ...  # the load tool, and the servers it starts
//! ```
//!
//! The clock keeps ticking: only the Rome calendar day is replaced, the Rome wall-clock time
//! stays the machine's ([`cup_domain::time::on_rome_day`]), and the days after the one named
//! follow as the machine's do. (In the hour that the autumn change repeats on the machine's
//! own day, a moved clock goes back an hour, as the machine's wall clock does.) Without
//! `CUP_TODAY` it is the wall clock. Tests that need to stop or jump time use [`ManualClock`].

use std::sync::{Mutex, OnceLock};

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use cup_domain::time::{on_rome_day, rome_date};

/// The environment variable that moves the program to another day (`YYYY-MM-DD`).
pub const TODAY_VAR: &str = "CUP_TODAY";

/// A source of the current instant.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// A `CUP_TODAY` that is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{TODAY_VAR} must be a date as YYYY-MM-DD (from 2000-01-01 to 9999-12-31), not {0:?}")]
pub struct InvalidToday(pub String);

/// Parses a `CUP_TODAY` value.
///
/// # Errors
/// [`InvalidToday`] unless it is exactly `YYYY-MM-DD`, from the year 2000 on.
pub fn parse_today(value: &str) -> Result<NaiveDate, InvalidToday> {
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .filter(|d| d.year() >= 2000 && d.format("%Y-%m-%d").to_string() == value)
        .ok_or_else(|| InvalidToday(value.to_owned()))
}

/// The day `CUP_TODAY` names, if it is set (an empty value counts as unset).
///
/// # Errors
/// [`InvalidToday`] when it is set to something else than a date.
pub fn today_from_env() -> Result<Option<NaiveDate>, InvalidToday> {
    match std::env::var(TODAY_VAR) {
        Ok(v) if !v.trim().is_empty() => parse_today(&v).map(Some),
        _ => Ok(None),
    }
}

/// The machine's clock, moved to `today` when one is given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SystemClock {
    today: Option<NaiveDate>,
}

impl SystemClock {
    /// The wall clock, unmoved.
    pub const fn wall() -> Self {
        Self { today: None }
    }

    /// The wall clock with its Rome calendar day replaced by `today`.
    pub const fn on(today: NaiveDate) -> Self {
        Self { today: Some(today) }
    }

    /// The clock `CUP_TODAY` asks for (the wall clock when it is unset).
    ///
    /// # Errors
    /// [`InvalidToday`] when it is set to something else than a date.
    pub fn from_env() -> Result<Self, InvalidToday> {
        today_from_env().map(|today| Self { today })
    }

    /// The day this clock was moved to, if any.
    pub const fn moved_to(&self) -> Option<NaiveDate> {
        self.today
    }
}

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place that reads the machine's clock
    fn now(&self) -> DateTime<Utc> {
        let wall = Utc::now();
        match self.today {
            None => wall,
            Some(day) => {
                // Moved once per day boundary of the wall clock: the day named stays "today"
                // until the machine's own day ends, then the next one follows.
                let days = (day - *PROCESS_START.get_or_init(|| rome_date(wall))).num_days();
                on_rome_day(wall, rome_date(wall) + TimeDelta::days(days))
            }
        }
    }
}

/// The machine's Rome day when the process first read a moved clock: `CUP_TODAY` names the
/// day the program starts on, and the days after it follow as the machine's do.
static PROCESS_START: OnceLock<NaiveDate> = OnceLock::new();

static PROCESS_CLOCK: OnceLock<SystemClock> = OnceLock::new();

/// The process's clock: [`SystemClock::from_env`], read once. A `CUP_TODAY` that is not a
/// date is ignored here; binaries check it first with [`SystemClock::from_env`] and refuse
/// to start, so the only way to reach this with a bad value is a library user that did not.
pub fn system() -> SystemClock {
    *PROCESS_CLOCK.get_or_init(|| SystemClock::from_env().unwrap_or_default())
}

/// Now, by the process's clock ([`system`]).
pub fn now() -> DateTime<Utc> {
    system().now()
}

/// A clock that moves only when told: for tests of expiry, deadlines and calendar days.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<DateTime<Utc>>,
}

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            now: Mutex::new(start),
        }
    }

    pub fn advance(&self, by: TimeDelta) {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }

    pub fn set(&self, to: DateTime<Utc>) {
        *self.now.lock().unwrap_or_else(|e| e.into_inner()) = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cup_domain::time::to_rome;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_only_plain_dates() {
        assert_eq!(parse_today("2027-03-28"), Ok(day(2027, 3, 28)));
        assert_eq!(parse_today(" 2028-02-29 "), Ok(day(2028, 2, 29)));
        for bad in [
            "2027-02-29",
            "28/03/2027",
            "2027-3-28",
            "+2027-03-28",
            "1999-12-31",
            "today",
            "2027-03-28T10:00",
        ] {
            assert!(parse_today(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_moved_clock_is_on_the_day_named_and_keeps_ticking() {
        let wall = SystemClock::wall();
        let moved = SystemClock::on(day(2028, 2, 29));
        let (a, b) = (wall.now(), moved.now());
        assert_eq!(rome_date(b), day(2028, 2, 29));
        let seconds = |t: DateTime<Utc>| {
            to_rome(t)
                .time()
                .signed_duration_since(chrono::NaiveTime::MIN)
                .num_seconds()
        };
        // The same Rome wall-clock time (give or take the spring change's hour).
        assert!((seconds(b) - seconds(a)).abs() <= 3_601);
        let later = moved.now();
        assert!(later >= b);
    }
}
