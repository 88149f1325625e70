//! Dates, amounts and labels as the documents print them, in Italian or English.
//! Times are Europe/Rome (cup-domain's helpers).

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use cup_api::BookingStatus;
use cup_domain::Lang;
use cup_domain::time::to_rome;

const WEEKDAYS_IT: [&str; 7] = [
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_IT: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `giovedì 3 dicembre 2026` / `Thursday 3 December 2026`.
pub(crate) fn long_date(date: NaiveDate, lang: Lang) -> String {
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

/// `giovedì 3 dicembre` / `Thursday 3 December` (no year).
pub(crate) fn day_and_month(date: NaiveDate, lang: Lang) -> String {
    let (days, months) = match lang {
        Lang::It => (WEEKDAYS_IT, MONTHS_IT),
        Lang::En => (WEEKDAYS_EN, MONTHS_EN),
    };
    format!(
        "{} {} {}",
        days[date.weekday().num_days_from_monday() as usize],
        date.day(),
        months[date.month0() as usize]
    )
}

/// `10:00`, Rome time.
pub(crate) fn clock_time(t: DateTime<Utc>) -> String {
    let local = to_rome(t);
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// `giovedì 3 dicembre 2026 alle ore 10:00` / `Thursday 3 December 2026 at 10:00`, Rome time.
pub(crate) fn long_datetime(t: DateTime<Utc>, lang: Lang) -> String {
    let date = long_date(to_rome(t).date_naive(), lang);
    match lang {
        Lang::It => format!("{date} alle ore {}", clock_time(t)),
        Lang::En => format!("{date} at {}", clock_time(t)),
    }
}

/// `03/12/2026` (both languages: the documents are Italian forms).
pub(crate) fn short_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// `10/11/2026, 09:12` in Rome time.
pub(crate) fn short_datetime(t: DateTime<Utc>) -> String {
    format!("{}, {}", short_date(to_rome(t).date_naive()), clock_time(t))
}

/// `38,00 €` / `€38.00`.
pub(crate) fn euro(cents: u64, lang: Lang) -> String {
    let money = cup_domain::Money::from_cents(cents);
    match lang {
        Lang::It => money.to_string(),
        Lang::En => format!("€{}", money.to_machine_string()),
    }
}

/// `PRENOTATO`, `DISDETTO`... (the CUP's words) / `BOOKED`, `CANCELLED`...
pub(crate) fn status(status: BookingStatus, lang: Lang) -> &'static str {
    match (lang, status) {
        (Lang::It, BookingStatus::Booked) => "PRENOTATO",
        (Lang::It, BookingStatus::Cancelled) => "DISDETTO",
        (Lang::It, BookingStatus::Moved) => "SPOSTATO",
        (Lang::It, BookingStatus::Done) => "EROGATO",
        (Lang::It, BookingStatus::NoShow) => "NON PRESENTATO",
        (Lang::En, BookingStatus::Booked) => "BOOKED",
        (Lang::En, BookingStatus::Cancelled) => "CANCELLED",
        (Lang::En, BookingStatus::Moved) => "MOVED",
        (Lang::En, BookingStatus::Done) => "DONE",
        (Lang::En, BookingStatus::NoShow) => "NO-SHOW",
    }
}

/// `P – Programmata` ... ; an unknown or missing class says so.
pub(crate) fn priority(priority: Option<&str>, lang: Lang) -> String {
    let name = match (lang, priority.map(str::trim)) {
        (Lang::It, Some("U")) => "Urgente",
        (Lang::It, Some("B")) => "Breve",
        (Lang::It, Some("D")) => "Differibile",
        (Lang::It, Some("P")) => "Programmata",
        (Lang::En, Some("U")) => "Urgent",
        (Lang::En, Some("B")) => "Short",
        (Lang::En, Some("D")) => "Deferrable",
        (Lang::En, Some("P")) => "Planned",
        (Lang::It, _) => return "Non indicata".to_owned(),
        (Lang::En, _) => return "Not stated".to_owned(),
    };
    format!("{} \u{2013} {name}", priority.unwrap_or_default().trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cup_domain::rome_to_utc;

    fn rome(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        rome_to_utc(
            NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(h, mi, 0)
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn dates_read_as_a_citizen_says_them() {
        let t = rome(2026, 12, 3, 10, 0);
        assert_eq!(
            long_datetime(t, Lang::It),
            "giovedì 3 dicembre 2026 alle ore 10:00"
        );
        assert_eq!(
            long_datetime(t, Lang::En),
            "Thursday 3 December 2026 at 10:00"
        );
        // Summer time: 09:30 in Rome is 07:30 UTC.
        let summer = rome(2026, 7, 1, 9, 30);
        assert_eq!(summer.to_rfc3339(), "2026-07-01T07:30:00+00:00");
        assert_eq!(clock_time(summer), "09:30");
        assert_eq!(short_datetime(summer), "01/07/2026, 09:30");
        assert_eq!(
            day_and_month(summer.date_naive(), Lang::It),
            "mercoledì 1 luglio"
        );
    }

    #[test]
    fn amounts_statuses_priorities() {
        assert_eq!(euro(3800, Lang::It), "38,00 €");
        assert_eq!(euro(3800, Lang::En), "€38.00");
        assert_eq!(euro(0, Lang::It), "0,00 €");
        assert_eq!(status(BookingStatus::Booked, Lang::It), "PRENOTATO");
        assert_eq!(status(BookingStatus::NoShow, Lang::It), "NON PRESENTATO");
        assert_eq!(priority(Some("P"), Lang::It), "P – Programmata");
        assert_eq!(priority(Some("B"), Lang::En), "B – Short");
        assert_eq!(priority(None, Lang::It), "Non indicata");
    }
}
