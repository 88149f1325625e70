//! Security: patients never reach each other's bookings; prescription sessions are narrow;
//! bounded inputs; unknown routes; no identifiers in the logs.

mod common;

use common::{expect_err, key};
use cup_api::{BookingStatus, HoldRequest, LookupQuery, RescheduleRequest};

async fn cross_patient(server: &common::TestServer) {
    let (b_session, b_booking) = server.book_case("diagnostic_d", 0).await;
    let a = server.login("visit_p").await;
    let a_card = server.login_card("visit_p").await;
    let cup = b_booking.cup_number.clone();
    for token in [&a.token, &a_card.token] {
        expect_err(server.client.booking(token, &cup).await, 404, "not_found");
        expect_err(server.client.documents(token, &cup).await, 404, "not_found");
        expect_err(
            server.client.cancel(token, &key(), &cup).await,
            404,
            "not_found",
        );
        expect_err(
            server
                .client
                .reschedule(token, &key(), &cup, &RescheduleRequest { hold_id: 1 })
                .await,
            404,
            "not_found",
        );
        for query in [
            LookupQuery {
                cup_number: Some(cup.clone()),
                ..Default::default()
            },
            LookupQuery {
                pin: Some(b_booking.pin.clone()),
                ..Default::default()
            },
            LookupQuery {
                nre: Some(b_booking.nre.clone()),
                ..Default::default()
            },
        ] {
            assert!(
                server
                    .client
                    .lookup(token, &query)
                    .await
                    .expect("lookup")
                    .bookings
                    .is_empty()
            );
        }
        assert!(
            server
                .client
                .bookings(token)
                .await
                .expect("list")
                .bookings
                .is_empty()
        );
    }
    // A's hold cannot move B's booking.
    let nre = server.citizen("visit_p").nre.clone();
    let slot = server.offers(&a, &nre, 0, 1).await[0].slot_id;
    let e = server
        .client
        .hold(
            &a.token,
            &key(),
            &HoldRequest {
                nre: nre.clone(),
                line: 0,
                slot_id: slot,
                reschedule: Some(cup.clone()),
            },
        )
        .await
        .expect_err("someone else's booking");
    assert_eq!(e.status(), Some(404));
    let own_hold = server.hold(&a, &nre, 0, slot).await;
    expect_err(
        server
            .client
            .reschedule(
                &a.token,
                &key(),
                &cup,
                &RescheduleRequest {
                    hold_id: own_hold.id,
                },
            )
            .await,
        404,
        "not_found",
    );
    // B's booking is unchanged.
    let b_now = server
        .client
        .booking(&b_session.token, &cup)
        .await
        .expect("b's booking");
    assert_eq!(b_now, b_booking);
    assert_eq!(b_now.status, BookingStatus::Booked);
}
on_both_backends!(patients_never_reach_each_others_bookings, cross_patient);

/// A citizen with two bookable prescriptions (both first line bookable in the region).
fn two_prescriptions() -> (cup_server::demo::CitizenRow, String, String) {
    let region = common::demo_region();
    let lab: std::collections::HashSet<i64> = region
        .services
        .iter()
        .filter(|s| s.kind == "laboratory")
        .map(|s| s.id)
        .collect();
    let prebooked: std::collections::HashSet<i64> =
        region.prebooked.iter().map(|p| p.prescription_id).collect();
    let bookable = |p: &cup_server::demo::PrescriptionRow| {
        p.nre.starts_with("090")
            && p.priority.as_deref() != Some("U")
            && !prebooked.contains(&p.id)
            && region
                .items
                .iter()
                .filter(|i| i.prescription_id == p.id)
                .all(|i| !lab.contains(&i.service_id))
    };
    region
        .citizens
        .iter()
        .find_map(|c| {
            let mine: Vec<_> = region
                .prescriptions
                .iter()
                .filter(|p| p.citizen_id == c.id && bookable(p))
                .collect();
            (mine.len() >= 2).then(|| (c.clone(), mine[0].nre.clone(), mine[1].nre.clone()))
        })
        .expect("a citizen with two bookable prescriptions")
}

async fn book_region(
    server: &common::TestServer,
    session: &cup_client::Session,
    nre: &str,
) -> cup_api::BookingView {
    let offer = server
        .client
        .availability(
            &session.token,
            nre,
            &cup_api::AvailabilityQuery {
                line: 0,
                scope: cup_api::SearchScope::Region,
                limit: Some(5),
                ..Default::default()
            },
        )
        .await
        .expect("availability")
        .offers
        .remove(0);
    let hold = server.hold(session, nre, 0, offer.slot_id).await;
    server.book_hold(session, hold.id, None).await
}

async fn prescription_session_scope(server: &common::TestServer) {
    let (citizen, x, y) = two_prescriptions();
    let sx = server
        .login_as(&citizen.codice_fiscale, &citizen.tessera, &x)
        .await;
    let sy = server
        .login_as(&citizen.codice_fiscale, &citizen.tessera, &y)
        .await;
    let bx = book_region(server, &sx, &x).await;
    let by = book_region(server, &sy, &y).await;
    let list = server
        .client
        .bookings(&sx.token)
        .await
        .expect("list")
        .bookings;
    assert_eq!(
        list.iter()
            .map(|b| b.cup_number.clone())
            .collect::<Vec<_>>(),
        vec![bx.cup_number.clone()]
    );
    expect_err(
        server.client.booking(&sx.token, &by.cup_number).await,
        404,
        "not_found",
    );
    expect_err(
        server.client.documents(&sx.token, &by.cup_number).await,
        404,
        "not_found",
    );
    assert!(
        server
            .client
            .lookup(
                &sx.token,
                &LookupQuery {
                    nre: Some(y.clone()),
                    ..Default::default()
                }
            )
            .await
            .expect("lookup")
            .bookings
            .is_empty()
    );
    // Nor may it cancel what it cannot see.
    expect_err(
        server
            .client
            .cancel(&sx.token, &key(), &by.cup_number)
            .await,
        404,
        "not_found",
    );
    assert_eq!(
        server
            .client
            .booking(&sy.token, &by.cup_number)
            .await
            .expect("y")
            .status,
        BookingStatus::Booked
    );
    // The card session sees both.
    let card = server
        .client
        .login_card(&cup_api::CardLoginRequest {
            codice_fiscale: citizen.codice_fiscale.clone(),
            tessera: citizen.tessera.clone(),
        })
        .await
        .expect("card");
    assert_eq!(
        server
            .client
            .bookings(&card.token)
            .await
            .expect("list")
            .bookings
            .len(),
        2
    );
}
on_both_backends!(
    prescription_session_sees_only_its_bookings,
    prescription_session_scope
);

async fn bounded_inputs(server: &common::TestServer) {
    let http = server.raw();
    let login = format!("{}/v1/sessions/prescription", server.url);
    let big = serde_json::json!({ "codice_fiscale": "x".repeat(17 * 1024), "tessera": "", "nre": "", "privacy_consent": true });
    let response = http
        .post(&login)
        .header("x-cup-channel", "app")
        .json(&big)
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 413);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["code"], "body_too_large");
    for bad in ["{not json", "[]", "{\"codice_fiscale\": 1}", ""] {
        let response = http
            .post(&login)
            .header("x-cup-channel", "app")
            .header("content-type", "application/json")
            .body(bad)
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 400, "{bad}");
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["code"], "malformed_request", "{bad}");
    }
    // Malformed bodies of authenticated mutating calls.
    let session = server.login("visit_p").await;
    let response = http
        .post(format!("{}/v1/bookings", server.url))
        .header("x-cup-channel", "app")
        .header("idempotency-key", "k-1")
        .bearer_auth(session.token.expose())
        .body("{\"hold_id\": \"x\"}")
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["code"], "malformed_request");
    let response = http
        .post(format!("{}/v1/holds", server.url))
        .header("x-cup-channel", "app")
        .header("idempotency-key", "k-2")
        .bearer_auth(session.token.expose())
        .body(vec![b' '; 20 * 1024])
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 413);
    // Unknown routes.
    for path in [
        "/v1/nothing",
        "/nothing",
        "/v2/catalogue/areas",
        "/v1/bookings/1/2/3",
    ] {
        let response = http
            .get(format!("{}{path}", server.url))
            .header("x-cup-channel", "app")
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 404, "{path}");
    }
}
on_both_backends!(inputs_are_bounded, bounded_inputs);
