//! Holds: creation, exclusivity, release, expiry with the server's clock, extension.

mod common;

use chrono::TimeDelta;
use common::{expect_err, key};
use cup_api::{AvailabilityQuery, BookRequest, CalendarQuery, HoldRequest, SearchScope};
use cup_domain::time::rome_date;

fn hold_request(nre: &str, slot_id: i64) -> HoldRequest {
    HoldRequest {
        nre: nre.to_owned(),
        line: 0,
        slot_id,
        reschedule: None,
    }
}

async fn slot_offered(
    server: &common::TestServer,
    session: &cup_client::Session,
    nre: &str,
    slot_id: i64,
    day: chrono::NaiveDate,
) -> bool {
    server
        .client
        .availability(
            &session.token,
            nre,
            &AvailabilityQuery {
                line: 0,
                day: Some(day),
                limit: Some(50),
                ..Default::default()
            },
        )
        .await
        .expect("availability")
        .offers
        .iter()
        .any(|o| o.slot_id == slot_id)
}

async fn hold_basics(server: &common::TestServer) {
    let other = &server.add_patients("visit_p", 1).await[0];
    let b = server
        .login_as(&other.codice_fiscale, &other.tessera, &other.nre)
        .await;
    let a = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offers = server.offers(&a, &nre, 0, 10).await;
    let slot = offers[0].slot_id;
    let day = rome_date(offers[0].starts_at);
    // B sees the same first slot (same service, same zone).
    assert_eq!(server.offers(&b, &other.nre, 0, 10).await[0].slot_id, slot);
    let month = day.format("%Y-%m").to_string();
    let cal = CalendarQuery {
        line: 0,
        scope: SearchScope::Zone,
        month,
        reschedule: None,
    };
    let count = |c: cup_api::CalendarResponse| {
        c.days
            .iter()
            .find(|d| d.day == day)
            .map_or(0, |d| d.available)
    };
    let before = count(
        server
            .client
            .calendar(&b.token, &other.nre, &cal)
            .await
            .expect("calendar"),
    );

    let hold = server
        .client
        .hold(&a.token, &key(), &hold_request(&nre, slot))
        .await
        .expect("hold");
    assert!(!hold.replayed);
    let hold = hold.value;
    assert_eq!(hold.expires_at, server.now() + TimeDelta::seconds(600));
    assert_eq!(hold.server_time, server.now());
    assert!(hold.can_extend);
    // The summary's free-cancellation deadline, from the domain: 48 hours before the start.
    assert_eq!(hold.cancel_by, hold.offer.starts_at - TimeDelta::hours(48));
    assert_eq!(hold.offer.slot_id, slot);
    assert_eq!(hold.nre, nre);
    // Gone for B: searches, calendar, and a hold attempt.
    assert!(!slot_offered(server, &b, &other.nre, slot, day).await);
    assert_eq!(
        count(
            server
                .client
                .calendar(&b.token, &other.nre, &cal)
                .await
                .expect("calendar")
        ),
        before - 1
    );
    expect_err(
        server
            .client
            .hold(&b.token, &key(), &hold_request(&other.nre, slot))
            .await,
        409,
        "slot_unavailable",
    );
    // A slot of another service cannot be held for this line.
    let diag = server.login("diagnostic_d").await;
    let diag_slot = server
        .offers(&diag, &server.citizen("diagnostic_d").nre, 0, 1)
        .await[0]
        .slot_id;
    expect_err(
        server
            .client
            .hold(&a.token, &key(), &hold_request(&nre, diag_slot))
            .await,
        409,
        "slot_unavailable",
    );
    // A slot that does not exist.
    expect_err(
        server
            .client
            .hold(&a.token, &key(), &hold_request(&nre, 999_999_999))
            .await,
        409,
        "slot_unavailable",
    );

    // A new hold on the same line releases the previous one: its slot is free again.
    let second = server.hold(&a, &nre, 0, offers[1].slot_id).await;
    assert!(slot_offered(server, &b, &other.nre, slot, day).await);
    expect_err(
        server
            .client
            .book(
                &a.token,
                &key(),
                &BookRequest {
                    hold_id: hold.id,
                    phone: None,
                },
            )
            .await,
        410,
        "hold_expired",
    );
    // Explicit release frees the slot at once; a second release is harmless.
    let release = server
        .client
        .release_hold(&a.token, &key(), second.id)
        .await
        .expect("release");
    assert!(!release.replayed);
    let second_day = rome_date(offers[1].starts_at);
    assert!(slot_offered(server, &b, &other.nre, offers[1].slot_id, second_day).await);
    server
        .client
        .release_hold(&a.token, &key(), second.id)
        .await
        .expect("release again");
    // B can hold the first slot now; A cannot release B's hold.
    let b_hold = server.hold(&b, &other.nre, 0, slot).await;
    expect_err(
        server
            .client
            .release_hold(&a.token, &key(), b_hold.id)
            .await,
        404,
        "not_found",
    );
    expect_err(
        server.client.extend_hold(&a.token, &key(), b_hold.id).await,
        404,
        "not_found",
    );
    expect_err(
        server
            .client
            .book(
                &a.token,
                &key(),
                &BookRequest {
                    hold_id: b_hold.id,
                    phone: None,
                },
            )
            .await,
        404,
        "not_found",
    );
    // B's hold is intact.
    server.book_hold(&b, b_hold.id, None).await;
}
on_both_backends!(holds_are_exclusive_and_releasable, hold_basics);

async fn expiry(server: &common::TestServer) {
    let other = &server.add_patients("visit_p", 1).await[0];
    let b = server
        .login_as(&other.codice_fiscale, &other.tessera, &other.nre)
        .await;
    let a = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offer = server.offers(&a, &nre, 0, 1).await.remove(0);
    let day = rome_date(offer.starts_at);
    let hold = server.hold(&a, &nre, 0, offer.slot_id).await;
    server.advance(TimeDelta::seconds(599));
    assert!(
        !slot_offered(server, &b, &other.nre, offer.slot_id, day).await,
        "still held at 9:59"
    );
    server.advance(TimeDelta::seconds(1));
    // Expired at exactly hold_ttl: offered to others again, with no sweeper.
    assert!(
        slot_offered(server, &b, &other.nre, offer.slot_id, day).await,
        "free after the ttl"
    );
    expect_err(
        server
            .client
            .book(
                &a.token,
                &key(),
                &BookRequest {
                    hold_id: hold.id,
                    phone: None,
                },
            )
            .await,
        410,
        "hold_expired",
    );
    expect_err(
        server.client.extend_hold(&a.token, &key(), hold.id).await,
        410,
        "hold_expired",
    );
    let b_hold = server.hold(&b, &other.nre, 0, offer.slot_id).await;
    let booked = server.book_hold(&b, b_hold.id, None).await;
    assert_eq!(booked.offer.slot_id, offer.slot_id);
    // A's line is still bookable elsewhere.
    let again = server.offers(&a, &nre, 0, 1).await.remove(0);
    assert_ne!(again.slot_id, offer.slot_id);
}
on_both_backends!(holds_expire_by_the_server_clock, expiry);

async fn extend(server: &common::TestServer) {
    let a = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offer = server.offers(&a, &nre, 0, 1).await.remove(0);
    let hold = server.hold(&a, &nre, 0, offer.slot_id).await;
    server.advance(TimeDelta::seconds(500));
    let extended = server
        .client
        .extend_hold(&a.token, &key(), hold.id)
        .await
        .expect("extend")
        .value;
    assert_eq!(extended.expires_at, server.now() + TimeDelta::seconds(600));
    assert!(extended.expires_at > hold.expires_at);
    assert!(!extended.can_extend);
    expect_err(
        server.client.extend_hold(&a.token, &key(), hold.id).await,
        409,
        "hold_extension_used",
    );
    // The extension is real: past the first expiry the hold still books.
    server.advance(TimeDelta::seconds(300));
    let booking = server.book_hold(&a, hold.id, None).await;
    assert_eq!(booking.offer.slot_id, offer.slot_id);
    // A used hold cannot be extended nor booked again.
    expect_err(
        server.client.extend_hold(&a.token, &key(), hold.id).await,
        409,
        "booking_state_conflict",
    );
}
on_both_backends!(holds_extend_once, extend);

async fn not_bookable_holds(server: &common::TestServer) {
    let visit = server.login("visit_p").await;
    let slot = server
        .offers(&visit, &server.citizen("visit_p").nre, 0, 1)
        .await[0]
        .slot_id;
    for case in ["urgent_u", "laboratory", "other_region", "already_booked"] {
        let s = server.login(case).await;
        expect_err(
            server
                .client
                .hold(
                    &s.token,
                    &key(),
                    &hold_request(&server.citizen(case).nre, slot),
                )
                .await,
            409,
            "not_bookable",
        );
    }
    // Someone else's prescription.
    expect_err(
        server
            .client
            .hold(
                &visit.token,
                &key(),
                &hold_request(&server.citizen("exempt").nre, slot),
            )
            .await,
        404,
        "not_found",
    );
}
on_both_backends!(unbookable_lines_cannot_be_held, not_bookable_holds);
