//! Calendar export: one iCalendar file (RFC 5545) per booking, for the citizen's calendar app.
//!
//! Written here rather than with a crate: the `icalendar` crate (used by the tests to parse the
//! file back) writes no VTIMEZONE, and ours is ~100 lines. The event is in Europe/Rome local
//! time (`DTSTART;TZID=Europe/Rome`) with the zone's VTIMEZONE (EU summer-time rules since
//! 1996: last Sunday of March 02:00 -> CEST, last Sunday of October 03:00 -> CET); UID stable
//! per CUP number; two alarms (the day before and 2 hours before); text escaped (§3.3.11) and
//! lines folded at 75 octets without splitting a UTF-8 character (§3.1), CRLF line ends.
//! A cancelled or moved booking gives the same UID with STATUS:CANCELLED and a higher
//! SEQUENCE, so that importing it marks the event already in the calendar as cancelled
//! (METHOD stays PUBLISH: an iTIP CANCEL would need an ORGANIZER and ATTENDEEs).

use chrono::{DateTime, TimeDelta, Utc};
use cup_api::{BookingDocumentsView, BookingStatus};
use cup_domain::Lang;
use cup_domain::time::to_rome;

use super::format::long_datetime;
use super::promemoria::CALL_CENTRE;
use super::sheet::tr;

const TZID: &str = "Europe/Rome";
/// Without an end from the agenda, an appointment lasts this long in the calendar.
const DEFAULT_DURATION: TimeDelta = TimeDelta::minutes(30);
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Rome",
    "X-LIC-LOCATION:Europe/Rome",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// The UID of a booking's event: the same for every export of the booking.
pub(crate) fn event_uid(cup_number: &str) -> String {
    format!("cup-{cup_number}@cup-toscana")
}

/// The .ics file of a booking (UTF-8 text, CRLF line ends), `generated_at` as its DTSTAMP.
pub(crate) fn calendar_ics(
    view: &BookingDocumentsView,
    lang: Lang,
    generated_at: DateTime<Utc>,
) -> String {
    let booking = &view.booking;
    let offer = &booking.offer;
    let facility = &offer.facility;
    let service = &booking.service;
    let cancelled = !matches!(booking.status, BookingStatus::Booked | BookingStatus::Done);
    let end = if offer.ends_at > offer.starts_at {
        offer.ends_at
    } else {
        offer.starts_at + DEFAULT_DURATION
    };

    let preparation = service.preparation_in(lang);
    let preparation = if preparation.is_empty() {
        tr(lang, "nessuna", "none")
    } else {
        preparation
    };
    let cancel_by = long_datetime(booking.cancel_by, lang);
    let description = match lang {
        Lang::It => format!(
            "Numero di prenotazione (CUP): {}\nPrestazione: {} (codice {})\nAmbulatorio: {}\nPreparazione: {preparation}\nDisdetta gratuita entro {cancel_by}: disdici almeno 48 ore prima, altrimenti dovrai pagare il ticket anche se sei esente.\nGestisci la prenotazione nell'app CUP Toscana o al numero verde {CALL_CENTRE}.",
            booking.cup_number, service.description, service.code, offer.unit
        ),
        Lang::En => format!(
            "Booking number (CUP): {}\nService: {} (code {})\nUnit: {}\nPreparation: {preparation}\nFree cancellation until {cancel_by}: cancel at least 48 hours before, or you will have to pay the ticket even if exempt.\nManage the booking in the CUP Toscana app or on the toll-free number {CALL_CENTRE}.",
            booking.cup_number, service.description, service.code, offer.unit
        ),
    };
    let location = format!(
        "{}, {}, {} ({})",
        facility.name, facility.address, facility.city, facility.province
    );

    let mut ics = Ics::default();
    ics.raw("BEGIN:VCALENDAR");
    ics.raw("VERSION:2.0");
    ics.raw("PRODID:-//CUP Toscana//Promemoria appuntamento 1.0//IT");
    ics.raw("CALSCALE:GREGORIAN");
    ics.raw("METHOD:PUBLISH");
    for line in VTIMEZONE {
        ics.raw(line);
    }
    ics.raw("BEGIN:VEVENT");
    ics.text("UID", &event_uid(&booking.cup_number));
    ics.raw(&format!("DTSTAMP:{}", utc_stamp(generated_at)));
    ics.raw(&format!(
        "DTSTART;TZID={TZID}:{}",
        rome_local(offer.starts_at)
    ));
    ics.raw(&format!("DTEND;TZID={TZID}:{}", rome_local(end)));
    ics.text("SUMMARY", &service.description);
    ics.text("LOCATION", &location);
    ics.text("DESCRIPTION", &description);
    ics.raw(if cancelled {
        "STATUS:CANCELLED"
    } else {
        "STATUS:CONFIRMED"
    });
    ics.raw(if cancelled {
        "SEQUENCE:1"
    } else {
        "SEQUENCE:0"
    });
    ics.raw("TRANSP:OPAQUE");
    if !cancelled {
        for (trigger, when) in [
            ("-P1D", tr(lang, "Domani", "Tomorrow")),
            ("-PT2H", tr(lang, "Tra 2 ore", "In 2 hours")),
        ] {
            ics.raw("BEGIN:VALARM");
            ics.raw("ACTION:DISPLAY");
            ics.text("DESCRIPTION", &format!("{when}: {}", service.description));
            ics.raw(&format!("TRIGGER:{trigger}"));
            ics.raw("END:VALARM");
        }
    }
    ics.raw("END:VEVENT");
    ics.raw("END:VCALENDAR");
    ics.out
}

/// `20261110T081200Z`.
fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `20261203T100000`, Rome wall-clock time.
fn rome_local(t: DateTime<Utc>) -> String {
    to_rome(t).format("%Y%m%dT%H%M%S").to_string()
}

/// Content lines, folded.
#[derive(Default)]
struct Ics {
    out: String,
}

impl Ics {
    /// A line as is (its value needs no escaping), folded.
    fn raw(&mut self, line: &str) {
        fold_into(&mut self.out, line);
    }

    /// A TEXT property: the value escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.raw(&format!("{name}:{}", escape_text(value)));
    }
}

/// RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks escaped.
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 §3.1: at most 75 octets per physical line (CRLF excluded); a continuation
/// starts with one space; never inside a UTF-8 character.
fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut budget = LIMIT;
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > budget {
            out.push_str("\r\n ");
            budget = LIMIT - 1;
            used = 0;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let line = format!("DESCRIPTION:{}", "Priorità è già lì ".repeat(20));
        let mut out = String::new();
        fold_into(&mut out, &line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        // Short lines are not folded.
        let mut short = String::new();
        fold_into(&mut short, "VERSION:2.0");
        assert_eq!(short, "VERSION:2.0\r\n");
    }
}
