//! A whole booking as if today were each of the calendar's awkward days (the demo region
//! generated on that day, then login, offer, hold, book and the promemoria read back): the
//! changes to and from summer time in Rome, 29 February, 31 December, 1 January, and a day
//! whose 180-day agenda horizon crosses the year's end. Each asserts what the citizen sees:
//! the offered times in Rome time inside the opening hours, the guarantee window's last day,
//! and the 48-hour cancel-by time printed on the promemoria.

use chrono::{
    DateTime, Datelike, Days, NaiveDate, NaiveTime, Offset, TimeDelta, Timelike, Utc, Weekday,
};
use cup_api::{AvailabilityQuery, BookingStatus};
use cup_domain::Lang;
use cup_domain::time::{rome_date, rome_to_utc, to_rome};

use super::citizen;
use super::login_request;
use super::manage::Harness;
use crate::commands::availability::availability_with;
use crate::commands::prescription::prescription_with;
use crate::commands::session::login_prescription_with;
use crate::documents::format::{clock_time, long_date, long_datetime};
use crate::documents::tests::pdf_text;
use crate::state::{CardVault, DeviceStore};

/// 07:30 in Rome on `day` (an hour that exists on every day of the year).
fn morning(day: NaiveDate) -> DateTime<Utc> {
    rome_to_utc(day.and_time(NaiveTime::from_hms_opt(7, 30, 0).expect("time"))).expect("instant")
}

/// The last Rome calendar day inside a guarantee window that ends (exclusively) at `end`.
fn last_day(end: DateTime<Utc>) -> NaiveDate {
    rome_date(end - TimeDelta::seconds(1))
}

/// What GIULIA (priority P visit) and LUCA (priority B, issued 8 days ago) see on `today`.
async fn book_on(today: NaiveDate) {
    let now = morning(today);
    let h = Harness::start_at(now, |dir| {
        (DeviceStore::in_memory_key(dir), CardVault::memory())
    })
    .await;
    assert_eq!(h.start_day, today + Days::new(1), "agendas start tomorrow");

    // LUCA's B prescription: the window counts 10 days from today, the day of the request.
    let luca = citizen("tight_b");
    login_prescription_with(&h.backend, &h.session, &h.store, login_request(&luca))
        .await
        .expect("LUCA logs in");
    let prescription = prescription_with(&h.backend, &h.session, &luca.nre)
        .await
        .expect("prescription");
    assert_eq!(prescription.issued_on, today - Days::new(8), "{today}");
    let offer = availability_with(
        &h.backend,
        &h.session,
        &luca.nre,
        &AvailabilityQuery {
            line: 0,
            limit: Some(10),
            ..AvailabilityQuery::default()
        },
    )
    .await
    .expect("LUCA's offer");
    let window = offer.guarantee.expect("a B window");
    assert_eq!(last_day(window.ends_at), today + Days::new(10), "{today}");
    assert_eq!(
        to_rome(window.ends_at).time(),
        NaiveTime::MIN,
        "ends at midnight"
    );
    for o in &offer.offers {
        assert_eq!(o.inside_guarantee, o.starts_at < window.ends_at, "{today}");
    }
    assert!(
        offer.offers.iter().any(|o| o.inside_guarantee),
        "{today}: LUCA is offered a slot inside his window"
    );

    // GIULIA's P visit: the offer, every time inside the opening hours in Rome time.
    let giulia = citizen("visit_p");
    login_prescription_with(&h.backend, &h.session, &h.store, login_request(&giulia))
        .await
        .expect("GIULIA logs in");
    let offer = availability_with(
        &h.backend,
        &h.session,
        &giulia.nre,
        &AvailabilityQuery {
            line: 0,
            limit: Some(20),
            ..AvailabilityQuery::default()
        },
    )
    .await
    .expect("GIULIA's offer");
    let window = offer.guarantee.expect("a P window");
    assert_eq!(last_day(window.ends_at), today + Days::new(120), "{today}");
    assert!(!offer.offers.is_empty(), "{today}: no offer");
    for o in &offer.offers {
        let local = to_rome(o.starts_at);
        let end = to_rome(o.ends_at);
        assert!(o.starts_at > now, "{today}: {local} is not in the future");
        assert!(
            local.hour() >= 8 && (end.hour(), end.minute()) <= (18, 0),
            "{today}: {local}"
        );
        assert_ne!(local.weekday(), Weekday::Sun, "{today}: {local}");
        assert!(local.date_naive() > today, "{today}: {local}");
    }

    // Booked at least a day ahead: the cancel-by time is 48 absolute hours earlier, printed in
    // Rome time on the promemoria; across a change of time the wall clock shows the hour moved.
    let booking = h.book("visit_p", 1).await;
    assert_eq!(booking.status, BookingStatus::Booked);
    assert_eq!(
        booking.cancel_by,
        booking.offer.starts_at - TimeDelta::hours(48),
        "{today}"
    );
    let (start, cancel) = (to_rome(booking.offer.starts_at), to_rome(booking.cancel_by));
    let shift = start.offset().fix().local_minus_utc() - cancel.offset().fix().local_minus_utc();
    assert_eq!(
        cancel.naive_local() + TimeDelta::hours(48) + TimeDelta::seconds(i64::from(shift)),
        start.naive_local(),
        "{today}"
    );
    let patient = h.session.patient().await.expect("patient");
    let folder = h
        .documents
        .booking_folder(&patient, &booking.cup_number)
        .expect("documents on");
    let text = pdf_text(&std::fs::read(folder.join("promemoria.pdf")).expect("promemoria"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let start_at = booking.offer.starts_at;
    for expected in [
        // The appointment: its Rome day, then its Rome time.
        format!(
            "Appuntamento {} ore {}",
            long_date(rome_date(start_at), Lang::It),
            clock_time(start_at)
        ),
        format!(
            "Disdetta gratuita entro {}",
            long_datetime(booking.cancel_by, Lang::It)
        ),
    ] {
        assert!(
            flat.contains(&expected),
            "{today}: {expected:?} not in {flat}"
        );
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_the_last_sunday_of_march() {
    // Summer time starts at 02:00 today: a cancel-by before it is an hour "earlier" on the wall.
    book_on(day(2027, 3, 28)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_the_last_sunday_of_october() {
    book_on(day(2027, 10, 31)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_29_february() {
    book_on(day(2028, 2, 29)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_31_december() {
    book_on(day(2027, 12, 31)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_1_january() {
    book_on(day(2028, 1, 1)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_the_agenda_horizon_crosses_the_year_end() {
    // 180 days from 15 August 2027 end in February 2028.
    let today = day(2027, 8, 15);
    assert_eq!((today + Days::new(180)).year(), 2028);
    book_on(today).await;
}
