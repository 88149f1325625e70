//! Races: 500 sessions holding one slot, 500 bookings of one hold, 500 moves into one slot.
//! Exactly one wins each race; the database agrees.

mod common;

use std::collections::HashMap;

use common::key;
use cup_api::{BookRequest, BookingStatus, HoldRequest, RescheduleRequest};
use cup_client::ClientError;
use futures::future::join_all;

const N: usize = 500;

/// Counts outcomes by "201" / error code; panics on a 5xx or a transport failure.
fn tally<T>(results: &[Result<T, ClientError>]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for r in results {
        let label = match r {
            Ok(_) => "ok".to_owned(),
            Err(e) => {
                assert!(
                    e.status().is_some_and(|s| s < 500),
                    "no server error or transport failure: {e}"
                );
                e.code().to_owned()
            }
        };
        *counts.entry(label).or_insert(0) += 1;
    }
    counts
}

async fn hold_race(server: &common::TestServer) {
    let patients = server.add_patients("visit_p", N).await;
    let sessions = server.login_all(&patients).await;
    let slot = server.offers(&sessions[0], &patients[0].nre, 0, 1).await[0].slot_id;
    let results = join_all(sessions.iter().zip(&patients).map(|(s, p)| {
        let client = server.client.clone();
        let request = HoldRequest {
            nre: p.nre.clone(),
            line: 0,
            slot_id: slot,
            reschedule: None,
        };
        async move { client.hold(&s.token, &key(), &request).await }
    }))
    .await;
    let counts = tally(&results);
    assert_eq!(counts.get("ok"), Some(&1), "{counts:?}");
    assert_eq!(counts.get("slot_unavailable"), Some(&(N - 1)), "{counts:?}");
    let winner = results
        .iter()
        .find_map(|r| r.as_ref().ok())
        .expect("winner")
        .value
        .id;
    let db = server.db().await;
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM hold WHERE slot_id = {slot} AND state = 'live'"
        ))
        .await,
        1
    );
    assert_eq!(
        db.scalar(&format!("SELECT hold_id FROM slot WHERE id = {slot}"))
            .await,
        winner
    );
    db.close().await;
}
on_both_backends!(five_hundred_sessions_race_for_one_slot, hold_race);

async fn book_race(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let slot = server.offers(&session, &nre, 0, 1).await[0].slot_id;
    let hold = server.hold(&session, &nre, 0, slot).await;
    let results = join_all((0..N).map(|_| {
        let client = server.client.clone();
        let token = session.token.clone();
        async move {
            client
                .book(
                    &token,
                    &key(),
                    &BookRequest {
                        hold_id: hold.id,
                        phone: None,
                    },
                )
                .await
        }
    }))
    .await;
    let counts = tally(&results);
    assert_eq!(counts.get("ok"), Some(&1), "{counts:?}");
    for code in counts.keys() {
        assert!(
            [
                "ok",
                "booking_state_conflict",
                "hold_expired",
                "not_bookable",
                "slot_unavailable"
            ]
            .contains(&code.as_str()),
            "unexpected refusal {code}: {counts:?}"
        );
    }
    let list = server
        .client
        .bookings(&session.token)
        .await
        .expect("list")
        .bookings;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].offer.slot_id, slot);
    let db = server.db().await;
    let pid = server.citizen("visit_p").prescription_id;
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM booking WHERE prescription_id = {pid}"
        ))
        .await,
        1
    );
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM booking WHERE slot_id = {slot} AND status = 'booked'"
        ))
        .await,
        1
    );
    db.close().await;
}
on_both_backends!(five_hundred_bookings_of_one_hold, book_race);

/// Many different bookings try to move into one slot at once: each hold-for-move then
/// reschedules if it got the slot. Exactly one move happens; every other booking stays.
async fn reschedule_race(server: &common::TestServer) {
    const BOOKINGS: usize = 100;
    let patients = server.add_patients("visit_p", BOOKINGS).await;
    let sessions = server.login_all(&patients).await;
    // Everyone books a distinct slot (the first free one, in turn).
    let mut bookings = Vec::with_capacity(BOOKINGS);
    for (s, p) in sessions.iter().zip(&patients) {
        let offer = server.offers(s, &p.nre, 0, 1).await.remove(0);
        let hold = server.hold(s, &p.nre, 0, offer.slot_id).await;
        bookings.push(server.book_hold(s, hold.id, None).await);
    }
    // The target: the next free slot of the zone.
    let target = server
        .offers(
            &server.login("visit_p").await,
            &server.citizen("visit_p").nre,
            0,
            1,
        )
        .await[0]
        .slot_id;
    assert!(bookings.iter().all(|b| b.offer.slot_id != target));
    let attempts = (0..N).map(|i| {
        let client = server.client.clone();
        let s = &sessions[i % BOOKINGS];
        let p = &patients[i % BOOKINGS];
        let cup = bookings[i % BOOKINGS].cup_number.clone();
        async move {
            let hold = client
                .hold(
                    &s.token,
                    &key(),
                    &HoldRequest {
                        nre: p.nre.clone(),
                        line: 0,
                        slot_id: target,
                        reschedule: Some(cup.clone()),
                    },
                )
                .await;
            let hold = match hold {
                Ok(h) => h.value,
                Err(e) => return (Err(e), false),
            };
            (
                client
                    .reschedule(
                        &s.token,
                        &key(),
                        &cup,
                        &RescheduleRequest { hold_id: hold.id },
                    )
                    .await,
                true,
            )
        }
    });
    let outcomes = join_all(attempts).await;
    let held = outcomes.iter().filter(|(_, held)| *held).count();
    let results: Vec<_> = outcomes.into_iter().map(|(r, _)| r).collect();
    let counts = tally(&results);
    assert_eq!(
        counts.get("ok"),
        Some(&1),
        "exactly one move: {counts:?} ({held} holds)"
    );
    for code in counts.keys() {
        assert!(
            [
                "ok",
                "slot_unavailable",
                "hold_expired",
                "booking_state_conflict"
            ]
            .contains(&code.as_str()),
            "unexpected refusal {code}: {counts:?}"
        );
    }
    let moved = results
        .iter()
        .find_map(|r| r.as_ref().ok())
        .expect("the move")
        .value
        .clone();
    assert_eq!(moved.offer.slot_id, target);
    let from = moved.moved_from.clone().expect("moved_from");
    // Every other booking is still booked on its own slot; the moved one points to the new.
    for (b, s) in bookings.iter().zip(&sessions) {
        let now = server
            .client
            .booking(&s.token, &b.cup_number)
            .await
            .expect("booking");
        if b.cup_number == from {
            assert_eq!(now.status, BookingStatus::Moved);
            assert_eq!(now.moved_to.as_deref(), Some(moved.cup_number.as_str()));
        } else {
            assert_eq!(now.status, BookingStatus::Booked, "{}", b.cup_number);
            assert_eq!(now.offer.slot_id, b.offer.slot_id);
            assert!(now.moved_to.is_none());
        }
    }
    let db = server.db().await;
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM booking WHERE slot_id = {target} AND status = 'booked'"
        ))
        .await,
        1
    );
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM booking WHERE slot_id = {target}"
        ))
        .await,
        1
    );
    let ids: Vec<String> = bookings
        .iter()
        .map(|b| format!("'{}'", b.cup_number))
        .collect();
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM booking WHERE cup_number IN ({}) AND status = 'booked'",
            ids.join(", ")
        ))
        .await,
        (BOOKINGS - 1) as i64
    );
    // Every slot holds at most one live booking, and slot.booking_id agrees with it.
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM (SELECT slot_id FROM booking WHERE status = 'booked' GROUP BY slot_id HAVING COUNT(*) > 1) t").await,
        0
    );
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM booking b JOIN slot s ON s.id = b.slot_id WHERE b.status = 'booked' AND (s.booking_id IS NULL OR s.booking_id <> b.id)").await,
        0
    );
    db.close().await;
}
on_both_backends!(five_hundred_moves_into_one_slot, reschedule_race);

/// One booking, one hold for the move, 500 reschedule requests with different keys.
async fn same_move_race(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offers = server.offers(&session, &nre, 0, 2).await;
    let first = server.hold(&session, &nre, 0, offers[0].slot_id).await;
    let booking = server.book_hold(&session, first.id, None).await;
    let hold = server
        .client
        .hold(
            &session.token,
            &key(),
            &HoldRequest {
                nre: nre.clone(),
                line: 0,
                slot_id: offers[1].slot_id,
                reschedule: Some(booking.cup_number.clone()),
            },
        )
        .await
        .expect("hold")
        .value;
    let results = join_all((0..N).map(|_| {
        let client = server.client.clone();
        let token = session.token.clone();
        let cup = booking.cup_number.clone();
        async move {
            client
                .reschedule(
                    &token,
                    &key(),
                    &cup,
                    &RescheduleRequest { hold_id: hold.id },
                )
                .await
        }
    }))
    .await;
    let counts = tally(&results);
    assert_eq!(counts.get("ok"), Some(&1), "{counts:?}");
    for code in counts.keys() {
        assert!(
            [
                "ok",
                "booking_state_conflict",
                "hold_expired",
                "not_bookable",
                "slot_unavailable"
            ]
            .contains(&code.as_str()),
            "unexpected refusal {code}: {counts:?}"
        );
    }
    let list = server
        .client
        .bookings(&session.token)
        .await
        .expect("list")
        .bookings;
    assert_eq!(list.len(), 2);
    assert_eq!(
        list.iter()
            .filter(|b| b.status == BookingStatus::Booked)
            .count(),
        1
    );
    assert_eq!(
        list.iter()
            .filter(|b| b.status == BookingStatus::Moved)
            .count(),
        1
    );
}
on_both_backends!(five_hundred_reschedules_of_one_booking, same_move_race);
