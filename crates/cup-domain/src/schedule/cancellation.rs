//! Cancel-by deadline and the "malum" for late cancellations and no-shows.
//!
//! Source: DOMAIN.md "Ticket (Toscana)": cancel at least 48 hours before the appointment;
//! later, or a no-show, is charged the ticket ("malum") even to the exempt; the app shows
//! the exact cancel-by time everywhere.
//!
//! The 48 hours are absolute time (48 × 3600 s before the start instant), not "the same
//! wall-clock time two days earlier": across a DST change the cancel-by time shown in Rome
//! time is one hour off the appointment's wall-clock hour. Cancelling exactly at the
//! deadline is still on time.

use chrono::{DateTime, TimeDelta, Utc};

use super::booking::BookingEvent;

/// The notice required for a free cancellation: 48 hours.
pub const CANCEL_NOTICE: TimeDelta = TimeDelta::hours(48);

/// The last instant at which the appointment starting at `start` can be cancelled
/// without charge.
pub fn cancel_deadline(start: DateTime<Utc>) -> DateTime<Utc> {
    start - CANCEL_NOTICE
}

/// A cancellation at `now` is late (after the deadline) and owes the malum.
pub fn late_cancellation_owes_malum(start: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now > cancel_deadline(start)
}

/// Whether `event` at `now` on a booking starting at `start` owes the malum (the gross
/// ticket, see [`crate::ticket::gross_ticket`], even when exempt): a late `Cancel`, or a
/// `MarkNoShow`. Releasing or letting a hold expire never does.
pub fn malum_owed(event: BookingEvent, start: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    match event {
        BookingEvent::Cancel => late_cancellation_owes_malum(start, now),
        BookingEvent::MarkNoShow => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{Lang, format_datetime, rome_to_utc};
    use chrono::NaiveDate;

    fn rome(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
        rome_to_utc(
            NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn boundaries() {
        let start = rome(2024, 4, 24, 10);
        let deadline = cancel_deadline(start);
        assert_eq!(deadline, rome(2024, 4, 22, 10));
        assert!(!late_cancellation_owes_malum(
            start,
            deadline - TimeDelta::seconds(1)
        ));
        assert!(!late_cancellation_owes_malum(start, deadline));
        assert!(late_cancellation_owes_malum(
            start,
            deadline + TimeDelta::seconds(1)
        ));
        assert!(late_cancellation_owes_malum(start, start));
    }

    #[test]
    fn across_spring_forward() {
        // Appointment Mon 1 Apr 2024 10:00 (summer time); DST began Sun 31 Mar 02:00.
        // 48 absolute hours earlier is Sat 30 Mar 09:00 winter time.
        let start = rome(2024, 4, 1, 10);
        assert_eq!(cancel_deadline(start), rome(2024, 3, 30, 9));
        assert_eq!(
            format_datetime(cancel_deadline(start), Lang::It),
            "sab 30 mar 2024, ore 09:00"
        );
    }

    #[test]
    fn across_fall_back() {
        // Appointment Mon 28 Oct 2024 10:00 (winter); DST ended Sun 27 Oct 03:00.
        // 48 absolute hours earlier is Sat 26 Oct 11:00 summer time.
        let start = rome(2024, 10, 28, 10);
        assert_eq!(cancel_deadline(start), rome(2024, 10, 26, 11));
    }

    #[test]
    fn malum_events() {
        let start = rome(2024, 4, 24, 10);
        let early = start - TimeDelta::days(3);
        let late = start - TimeDelta::hours(1);
        assert!(!malum_owed(BookingEvent::Cancel, start, early));
        assert!(malum_owed(BookingEvent::Cancel, start, late));
        assert!(malum_owed(BookingEvent::MarkNoShow, start, early));
        assert!(!malum_owed(BookingEvent::Release, start, late));
        assert!(!malum_owed(BookingEvent::Expire, start, late));
    }
}
