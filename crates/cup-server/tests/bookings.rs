//! Bookings: identifiers, guarantee, SMS, lookup, documents, cancel, reschedule.

mod common;

use chrono::{Days, TimeDelta};
use common::{expect_err, key};
use cup_api::{
    AvailabilityQuery, BookRequest, BookingStatus, GuaranteeView, HoldRequest, LookupQuery,
    RescheduleRequest,
};
use cup_domain::time::rome_date;

async fn offered(
    server: &common::TestServer,
    s: &cup_client::Session,
    nre: &str,
    slot_id: i64,
    starts: chrono::DateTime<chrono::Utc>,
) -> bool {
    server
        .client
        .availability(
            &s.token,
            nre,
            &AvailabilityQuery {
                line: 0,
                day: Some(rome_date(starts)),
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

/// An offer at least `days` days ahead.
async fn offer_after(
    server: &common::TestServer,
    s: &cup_client::Session,
    nre: &str,
    days: u64,
) -> cup_api::Offer {
    server
        .client
        .availability(
            &s.token,
            nre,
            &AvailabilityQuery {
                line: 0,
                from: Some(rome_date(server.now()) + Days::new(days)),
                limit: Some(5),
                ..Default::default()
            },
        )
        .await
        .expect("availability")
        .offers
        .remove(0)
}

async fn book_and_read(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let prescription = server
        .client
        .prescription(&session.token, &nre)
        .await
        .expect("prescription");
    let first = server.offers(&session, &nre, 0, 1).await.remove(0);
    let hold = server.hold(&session, &nre, 0, first.slot_id).await;
    let booked = server
        .client
        .book(
            &session.token,
            &key(),
            &BookRequest {
                hold_id: hold.id,
                phone: Some("348 714 7380".into()),
            },
        )
        .await
        .expect("book");
    assert!(!booked.replayed);
    let b = booked.value;
    assert_eq!(b.status, BookingStatus::Booked);
    assert_eq!(b.cup_number.len(), 12);
    assert!(b.cup_number.bytes().all(|c| c.is_ascii_digit()));
    cup_domain::Pin::parse(&b.pin).expect("valid PIN");
    let notice = cup_domain::NoticeNumber::parse(&b.notice_number).expect("valid notice number");
    assert_eq!(b.iuv, notice.iuv());
    assert_eq!(b.ticket_cents, prescription.ticket_cents);
    assert_eq!(
        b.guarantee,
        Some(GuaranteeView::Kept),
        "the first offer keeps the guarantee"
    );
    assert_eq!(b.offer.slot_id, first.slot_id);
    assert_eq!(b.nre, nre);
    assert_eq!(b.cancel_by, b.offer.starts_at - TimeDelta::hours(48));
    assert!(!b.malum_owed);
    assert_eq!(b.channel, cup_api::Channel::App);
    // The phone is shown masked only.
    let masked = b.sms_phone.clone().expect("sms phone");
    assert!(
        !masked.contains("7147380") && !masked.contains("714 7380"),
        "{masked}"
    );
    assert!(masked.ends_with("80"), "{masked}");
    // The SMS goes out through the outbox to the spool.
    let mut line = None;
    for _ in 0..50 {
        if let Ok(text) = std::fs::read_to_string(&server.sms_spool)
            && let Some(l) = text.lines().find(|l| l.contains(&b.cup_number))
        {
            line = Some(l.to_owned());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let line: serde_json::Value =
        serde_json::from_str(&line.expect("an SMS within 5 s")).expect("json line");
    assert_eq!(line["to"], "+393487147380");
    assert!(line["body"].as_str().expect("body").contains(&b.cup_number));

    // The line is booked now.
    let p = server
        .client
        .prescription(&session.token, &nre)
        .await
        .expect("prescription");
    assert_eq!(p.lines[0].booked_as.as_deref(), Some(b.cup_number.as_str()));
    assert_eq!(
        p.lines[0].bookability.reason.as_deref(),
        Some("already_booked")
    );
    // get, list, lookup by each mode.
    let got = server
        .client
        .booking(&session.token, &b.cup_number)
        .await
        .expect("get");
    assert_eq!(got, b);
    assert_eq!(
        server
            .client
            .bookings(&session.token)
            .await
            .expect("list")
            .bookings,
        vec![b.clone()]
    );
    for query in [
        LookupQuery {
            pin: Some(b.pin.clone()),
            ..Default::default()
        },
        LookupQuery {
            cup_number: Some(b.cup_number.clone()),
            ..Default::default()
        },
        LookupQuery {
            nre: Some(nre.clone()),
            ..Default::default()
        },
    ] {
        let found = server
            .client
            .lookup(&session.token, &query)
            .await
            .expect("lookup")
            .bookings;
        assert_eq!(found.len(), 1, "{query:?}");
        assert_eq!(found[0].cup_number, b.cup_number);
    }
    for query in [
        LookupQuery::default(),
        LookupQuery {
            pin: Some(b.pin.clone()),
            cup_number: Some(b.cup_number.clone()),
            nre: None,
        },
        LookupQuery {
            pin: Some(b.pin.clone()),
            cup_number: None,
            nre: Some(nre.clone()),
        },
    ] {
        let e = expect_err(
            server.client.lookup(&session.token, &query).await,
            400,
            "lookup_one_mode",
        );
        assert_eq!(e.field.as_deref(), Some("mode"));
    }
    // A card session of the same patient finds it too.
    let card = server.login_card("visit_p").await;
    assert_eq!(
        server
            .client
            .bookings(&card.token)
            .await
            .expect("list")
            .bookings
            .len(),
        1
    );
    // Unknown / malformed CUP numbers.
    expect_err(
        server.client.booking(&session.token, "202600009999").await,
        404,
        "not_found",
    );
    assert_eq!(
        server
            .client
            .booking(&session.token, "12")
            .await
            .expect_err("bad")
            .status(),
        Some(400)
    );

    // Documents: the payment notice and its QR payload.
    let docs = server
        .client
        .documents(&session.token, &b.cup_number)
        .await
        .expect("documents");
    assert_eq!(docs.booking.cup_number, b.cup_number);
    assert_eq!(
        docs.patient.codice_fiscale,
        server.citizen("visit_p").codice_fiscale
    );
    let pay = docs.payment.expect("a payment notice");
    assert_eq!(pay.notice_number, b.notice_number);
    assert_eq!(pay.amount_cents, b.ticket_cents);
    assert_eq!(pay.creditor_fiscal_code.len(), 11);
    assert!(pay.creditor_fiscal_code.bytes().all(|c| c.is_ascii_digit()));
    assert_eq!(
        pay.qr_payload,
        format!(
            "PAGOPA|002|{}|{}|{}",
            b.notice_number, pay.creditor_fiscal_code, b.ticket_cents
        )
    );
    assert_eq!(pay.notice_number_grouped.replace(' ', ""), b.notice_number);
}
on_both_backends!(
    booking_shows_identifiers_sms_lookup_documents,
    book_and_read
);

async fn exempt_and_waived(server: &common::TestServer) {
    // A later offer waives the guarantee.
    let session = server.login("exempt").await;
    let nre = server.citizen("exempt").nre.clone();
    let offers = server.offers(&session, &nre, 0, 10).await;
    let hold = server.hold(&session, &nre, 0, offers[3].slot_id).await;
    let b = server.book_hold(&session, hold.id, None).await;
    assert_eq!(b.guarantee, Some(GuaranteeView::Waived));
    assert_eq!(b.ticket_cents, 0);
    assert!(b.exemption.is_some());
    assert!(b.sms_phone.is_none());
    let docs = server
        .client
        .documents(&session.token, &b.cup_number)
        .await
        .expect("documents");
    assert!(docs.payment.is_none(), "nothing to pay when exempt");
    // Invalid phone numbers are refused before anything is booked.
    let other = server.login("diagnostic_d").await;
    let dnre = server.citizen("diagnostic_d").nre.clone();
    let offer = server.offers(&other, &dnre, 0, 1).await.remove(0);
    let hold = server.hold(&other, &dnre, 0, offer.slot_id).await;
    for phone in ["12", "abc", "+44 20 7946 0958", "348 71"] {
        let e = server
            .client
            .book(
                &other.token,
                &key(),
                &BookRequest {
                    hold_id: hold.id,
                    phone: Some(phone.into()),
                },
            )
            .await
            .expect_err("bad phone");
        assert_eq!(e.status(), Some(400), "{phone}");
        assert!(e.code().starts_with("phone_"), "{phone}: {}", e.code());
        assert_eq!(
            e.api_error().and_then(|a| a.field.as_deref()),
            Some("phone")
        );
    }
    assert!(
        server
            .client
            .bookings(&other.token)
            .await
            .expect("list")
            .bookings
            .is_empty()
    );
    server
        .book_hold(&other, hold.id, Some("+39 348 714 7380"))
        .await;
}
on_both_backends!(
    exempt_pays_nothing_and_later_offer_waives,
    exempt_and_waived
);

async fn cancel(server: &common::TestServer) {
    let extra = &server.add_patients("visit_p", 1).await[0];
    let b = server
        .login_as(&extra.codice_fiscale, &extra.tessera, &extra.nre)
        .await;
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offer = offer_after(server, &session, &nre, 5).await;
    let hold = server.hold(&session, &nre, 0, offer.slot_id).await;
    let booking = server.book_hold(&session, hold.id, None).await;
    assert!(!offered(server, &b, &extra.nre, offer.slot_id, offer.starts_at).await);
    let k = key();
    let cancelled = server
        .client
        .cancel(&session.token, &k, &booking.cup_number)
        .await
        .expect("cancel");
    assert!(!cancelled.replayed);
    let c = cancelled.value;
    assert_eq!(c.status, BookingStatus::Cancelled);
    assert!(!c.malum_owed, "well before the deadline");
    assert_eq!(c.cancelled_at, Some(server.now()));
    // Free again for others at once.
    assert!(offered(server, &b, &extra.nre, offer.slot_id, offer.starts_at).await);
    // The same request again replays; a new one is a state conflict.
    let replay = server
        .client
        .cancel(&session.token, &k, &booking.cup_number)
        .await
        .expect("replay");
    assert!(replay.replayed);
    assert_eq!(replay.value, c);
    expect_err(
        server
            .client
            .cancel(&session.token, &key(), &booking.cup_number)
            .await,
        409,
        "booking_state_conflict",
    );
    assert_eq!(
        server
            .client
            .booking(&session.token, &booking.cup_number)
            .await
            .expect("get")
            .status,
        BookingStatus::Cancelled
    );
    // The line can be booked again.
    let p = server
        .client
        .prescription(&session.token, &nre)
        .await
        .expect("prescription");
    assert!(p.lines[0].bookability.bookable);
    assert!(p.lines[0].booked_as.is_none());
}
on_both_backends!(cancel_frees_the_slot, cancel);

async fn late_cancel(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offer = offer_after(server, &session, &nre, 5).await;
    let hold = server.hold(&session, &nre, 0, offer.slot_id).await;
    let booking = server.book_hold(&session, hold.id, None).await;
    // Within 48 hours: the ticket is owed.
    server.clock.set(offer.starts_at - TimeDelta::hours(24));
    let session = server.login("visit_p").await;
    let c = server
        .client
        .cancel(&session.token, &key(), &booking.cup_number)
        .await
        .expect("cancel")
        .value;
    assert!(c.malum_owed);
    assert_eq!(c.status, BookingStatus::Cancelled);

    // After the start: too late.
    let exempt = server.login("exempt").await;
    let enre = server.citizen("exempt").nre.clone();
    let offer = offer_after(server, &exempt, &enre, 1).await;
    let hold = server.hold(&exempt, &enre, 0, offer.slot_id).await;
    let booking = server.book_hold(&exempt, hold.id, None).await;
    server.clock.set(offer.starts_at + TimeDelta::minutes(1));
    let exempt = server.login("exempt").await;
    expect_err(
        server
            .client
            .cancel(&exempt.token, &key(), &booking.cup_number)
            .await,
        409,
        "appointment_passed",
    );
    assert_eq!(
        server
            .client
            .booking(&exempt.token, &booking.cup_number)
            .await
            .expect("get")
            .status,
        BookingStatus::Booked
    );
}
on_both_backends!(late_cancel_owes_malum_and_past_is_refused, late_cancel);

async fn reschedule(server: &common::TestServer) {
    let extra = &server.add_patients("visit_p", 1).await[0];
    let b = server
        .login_as(&extra.codice_fiscale, &extra.tessera, &extra.nre)
        .await;
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offers = server.offers(&session, &nre, 0, 10).await;
    let hold = server.hold(&session, &nre, 0, offers[0].slot_id).await;
    let old = server
        .book_hold(&session, hold.id, Some("3487147380"))
        .await;
    // Without `reschedule` the booked line cannot be held.
    expect_err(
        server
            .client
            .hold(
                &session.token,
                &key(),
                &HoldRequest {
                    nre: nre.clone(),
                    line: 0,
                    slot_id: offers[2].slot_id,
                    reschedule: None,
                },
            )
            .await,
        409,
        "not_bookable",
    );
    let new_hold = server
        .client
        .hold(
            &session.token,
            &key(),
            &HoldRequest {
                nre: nre.clone(),
                line: 0,
                slot_id: offers[2].slot_id,
                reschedule: Some(old.cup_number.clone()),
            },
        )
        .await
        .expect("hold for the move")
        .value;
    let moved = server
        .client
        .reschedule(
            &session.token,
            &key(),
            &old.cup_number,
            &RescheduleRequest {
                hold_id: new_hold.id,
            },
        )
        .await
        .expect("reschedule")
        .value;
    assert_eq!(moved.status, BookingStatus::Booked);
    assert_ne!(moved.cup_number, old.cup_number);
    assert_eq!(moved.moved_from.as_deref(), Some(old.cup_number.as_str()));
    assert_eq!(moved.offer.slot_id, offers[2].slot_id);
    assert!(moved.sms_phone.is_some(), "the phone carries over");
    let old_now = server
        .client
        .booking(&session.token, &old.cup_number)
        .await
        .expect("old");
    assert_eq!(old_now.status, BookingStatus::Moved);
    assert_eq!(old_now.moved_to.as_deref(), Some(moved.cup_number.as_str()));
    // Old slot free, new slot taken.
    assert!(
        offered(
            server,
            &b,
            &extra.nre,
            offers[0].slot_id,
            offers[0].starts_at
        )
        .await
    );
    assert!(
        !offered(
            server,
            &b,
            &extra.nre,
            offers[2].slot_id,
            offers[2].starts_at
        )
        .await
    );
    let all = server
        .client
        .bookings(&session.token)
        .await
        .expect("list")
        .bookings;
    assert_eq!(all.len(), 2);
    assert_eq!(
        all.iter()
            .filter(|x| x.status == BookingStatus::Booked)
            .count(),
        1
    );
    // The moved booking cannot be moved or cancelled again.
    expect_err(
        server
            .client
            .cancel(&session.token, &key(), &old.cup_number)
            .await,
        409,
        "booking_state_conflict",
    );
    expect_err(
        server
            .client
            .hold(
                &session.token,
                &key(),
                &HoldRequest {
                    nre: nre.clone(),
                    line: 0,
                    slot_id: offers[3].slot_id,
                    reschedule: Some(old.cup_number.clone()),
                },
            )
            .await,
        409,
        "booking_state_conflict",
    );

    // A move whose hold expired changes nothing.
    let hold = server
        .client
        .hold(
            &session.token,
            &key(),
            &HoldRequest {
                nre: nre.clone(),
                line: 0,
                slot_id: offers[4].slot_id,
                reschedule: Some(moved.cup_number.clone()),
            },
        )
        .await
        .expect("hold")
        .value;
    server.advance(TimeDelta::seconds(601));
    expect_err(
        server
            .client
            .reschedule(
                &session.token,
                &key(),
                &moved.cup_number,
                &RescheduleRequest { hold_id: hold.id },
            )
            .await,
        410,
        "hold_expired",
    );
    let still = server
        .client
        .booking(&session.token, &moved.cup_number)
        .await
        .expect("get");
    assert_eq!(still.status, BookingStatus::Booked);
    assert_eq!(still.offer.slot_id, offers[2].slot_id);
    assert!(still.moved_to.is_none());
    assert!(
        !offered(
            server,
            &b,
            &extra.nre,
            offers[2].slot_id,
            offers[2].starts_at
        )
        .await
    );
    assert_eq!(
        server
            .client
            .bookings(&session.token)
            .await
            .expect("list")
            .bookings
            .iter()
            .filter(|x| x.status == BookingStatus::Booked)
            .count(),
        1
    );
}
on_both_backends!(reschedule_moves_in_one_step, reschedule);

/// A booked line is searched again for a move only when the query names the booking.
async fn offers_for_a_move(server: &common::TestServer) {
    let (session, booking) = server.book_case("visit_p", 0).await;
    let nre = server.citizen("visit_p").nre.clone();
    let query = AvailabilityQuery {
        line: 0,
        ..Default::default()
    };
    expect_err(
        server
            .client
            .availability(&session.token, &nre, &query)
            .await,
        409,
        "not_bookable",
    );
    let moving = AvailabilityQuery {
        reschedule: Some(booking.cup_number.clone()),
        ..query.clone()
    };
    let offers = server
        .client
        .availability(&session.token, &nre, &moving)
        .await
        .expect("offers for the move");
    assert!(!offers.offers.is_empty());
    assert!(
        offers
            .offers
            .iter()
            .all(|o| o.slot_id != booking.offer.slot_id)
    );
    // Another CUP number does not open the line.
    let wrong = AvailabilityQuery {
        reschedule: Some("202600009999".into()),
        ..query
    };
    expect_err(
        server
            .client
            .availability(&session.token, &nre, &wrong)
            .await,
        409,
        "not_bookable",
    );
}
on_both_backends!(a_booked_line_is_searched_for_a_move, offers_for_a_move);
