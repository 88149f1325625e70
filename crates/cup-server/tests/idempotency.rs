//! Idempotency-Key: missing, replay, reuse with another body, replayed refusals, scope.

mod common;

use common::{expect_err, key};
use cup_api::{BookRequest, HoldRequest};
use cup_client::IdempotencyKey;

async fn missing_key(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let slot = server.offers(&session, &nre, 0, 1).await[0].slot_id;
    let http = server.raw();
    let body = serde_json::json!({ "nre": nre, "line": 0, "slot_id": slot });
    for header in [
        None,
        Some(String::new()),
        Some("k".repeat(129)),
        Some("with space".into()),
    ] {
        let mut request = http
            .post(format!("{}/v1/holds", server.url))
            .header("x-cup-channel", "app")
            .bearer_auth(session.token.expose())
            .json(&body);
        if let Some(h) = &header {
            request = request.header("idempotency-key", h.as_str());
        }
        let response = request.send().await.expect("send");
        assert_eq!(response.status(), 400, "{header:?}");
        let error: serde_json::Value = response.json().await.expect("json");
        assert_eq!(error["code"], "idempotency_key_missing");
    }
    // Nothing was held.
    assert!(server.offers(&session, &nre, 0, 1).await[0].slot_id == slot);
    for path in [
        format!("/v1/bookings/{}/cancel", "202600000001"),
        "/v1/holds/1/extend".to_owned(),
    ] {
        let response = http
            .post(format!("{}{path}", server.url))
            .header("x-cup-channel", "app")
            .bearer_auth(session.token.expose())
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 400, "{path}");
    }
}
on_both_backends!(missing_key_is_refused, missing_key);

async fn replay(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offers = server.offers(&session, &nre, 0, 2).await;
    let k = key();
    let request = HoldRequest {
        nre: nre.clone(),
        line: 0,
        slot_id: offers[0].slot_id,
        reschedule: None,
    };
    let first = server
        .client
        .hold(&session.token, &k, &request)
        .await
        .expect("hold");
    let again = server
        .client
        .hold(&session.token, &k, &request)
        .await
        .expect("replay");
    assert!(!first.replayed);
    assert!(again.replayed);
    assert_eq!(first.value, again.value);
    // No second effect: one hold row for the line, still live (a real second hold would have
    // released the first).
    let db = server.db().await;
    let pid = server.citizen("visit_p").prescription_id;
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM hold WHERE prescription_id = {pid}"
        ))
        .await,
        1
    );
    // The raw header.
    let response = server
        .raw()
        .post(format!("{}/v1/holds", server.url))
        .header("x-cup-channel", "app")
        .header("idempotency-key", k.as_str())
        .bearer_auth(session.token.expose())
        .body(serde_json::to_vec(&request).expect("json"))
        .header("content-type", "application/json")
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 201);
    assert_eq!(
        response
            .headers()
            .get("idempotent-replayed")
            .map(|v| v.as_bytes()),
        Some(&b"true"[..])
    );
    // Same key, another body.
    let other = HoldRequest {
        slot_id: offers[1].slot_id,
        ..request.clone()
    };
    expect_err(
        server.client.hold(&session.token, &k, &other).await,
        422,
        "idempotency_key_reused",
    );
    // Same key on another endpoint is another request too.
    expect_err(
        server
            .client
            .book(
                &session.token,
                &k,
                &BookRequest {
                    hold_id: first.value.id,
                    phone: None,
                },
            )
            .await,
        422,
        "idempotency_key_reused",
    );
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM hold WHERE prescription_id = {pid}"
        ))
        .await,
        1
    );
    // Booking twice with one key books once.
    let bk = key();
    let book = BookRequest {
        hold_id: first.value.id,
        phone: None,
    };
    let a = server
        .client
        .book(&session.token, &bk, &book)
        .await
        .expect("book");
    let b = server
        .client
        .book(&session.token, &bk, &book)
        .await
        .expect("book replay");
    assert!(b.replayed);
    assert_eq!(a.value, b.value);
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM booking WHERE prescription_id = {pid}"
        ))
        .await,
        1
    );
    db.close().await;
}
on_both_backends!(same_key_replays_without_second_effect, replay);

async fn refusal_replays(server: &common::TestServer) {
    let extra = &server.add_patients("visit_p", 1).await[0];
    let b = server
        .login_as(&extra.codice_fiscale, &extra.tessera, &extra.nre)
        .await;
    let a = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let slot = server.offers(&a, &nre, 0, 1).await[0].slot_id;
    let held = server.hold(&a, &nre, 0, slot).await;
    let k = key();
    let request = HoldRequest {
        nre: extra.nre.clone(),
        line: 0,
        slot_id: slot,
        reschedule: None,
    };
    expect_err(
        server.client.hold(&b.token, &k, &request).await,
        409,
        "slot_unavailable",
    );
    server
        .client
        .release_hold(&a.token, &key(), held.id)
        .await
        .expect("release");
    // The slot is free now, but the same key replays the first answer.
    let response = server
        .raw()
        .post(format!("{}/v1/holds", server.url))
        .header("x-cup-channel", "app")
        .header("idempotency-key", k.as_str())
        .bearer_auth(b.token.expose())
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&request).expect("json"))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 409);
    assert_eq!(
        response
            .headers()
            .get("idempotent-replayed")
            .map(|v| v.as_bytes()),
        Some(&b"true"[..])
    );
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["code"], "slot_unavailable");
    // A new key is a new attempt.
    server
        .client
        .hold(&b.token, &key(), &request)
        .await
        .expect("hold with a new key");
}
on_both_backends!(refusals_are_replayed, refusal_replays);

async fn scoped_per_session(server: &common::TestServer) {
    let a = server.login("visit_p").await;
    let a2 = server.login("visit_p").await;
    let d = server.login("diagnostic_d").await;
    let k = IdempotencyKey::from_string("shared-key-1").expect("key");
    let nre = server.citizen("visit_p").nre.clone();
    let dnre = server.citizen("diagnostic_d").nre.clone();
    let a_slot = server.offers(&a, &nre, 0, 2).await;
    let d_slot = server.offers(&d, &dnre, 0, 1).await[0].slot_id;
    let ha = server
        .client
        .hold(
            &a.token,
            &k,
            &HoldRequest {
                nre: nre.clone(),
                line: 0,
                slot_id: a_slot[0].slot_id,
                reschedule: None,
            },
        )
        .await
        .expect("a");
    let hd = server
        .client
        .hold(
            &d.token,
            &k,
            &HoldRequest {
                nre: dnre.clone(),
                line: 0,
                slot_id: d_slot,
                reschedule: None,
            },
        )
        .await
        .expect("d");
    assert!(!ha.replayed && !hd.replayed);
    assert_ne!(ha.value.id, hd.value.id);
    // Another session of the same patient: the key is new there too.
    let ha2 = server
        .client
        .hold(
            &a2.token,
            &k,
            &HoldRequest {
                nre: nre.clone(),
                line: 0,
                slot_id: a_slot[1].slot_id,
                reschedule: None,
            },
        )
        .await
        .expect("a2");
    assert!(!ha2.replayed);
    assert_ne!(ha2.value.id, ha.value.id);
}
on_both_backends!(keys_are_scoped_per_session, scoped_per_session);

/// A request whose first attempt is still in flight is refused with 409 until the first
/// attempt finishes — or, if its server died mid-request, until the claim is stale (30 s).
async fn in_flight(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let slot = server.offers(&session, &nre, 0, 1).await[0].slot_id;
    let request = HoldRequest {
        nre: nre.clone(),
        line: 0,
        slot_id: slot,
        reschedule: None,
    };
    let body = serde_json::to_vec(&request).expect("json");
    let hash = cup_server::infra::idempotency::request_hash("POST", "/v1/holds", &body);
    let db = server.db().await;
    let session_id = db.scalar("SELECT MAX(id) FROM session").await;
    let now = server.now().timestamp();
    // The claim a first attempt leaves while it runs (the key and the request stored hashed).
    let scope = format!("session:{session_id}");
    let claim = cup_server::infra::idempotency::Claim::new(scope.clone(), "busy-key".into(), hash);
    let (stored_key, stored_hash) = claim.stored();
    db.execute(&format!(
        "INSERT INTO idempotency (scope, key, request_hash, state, created_at) \
         VALUES ('{scope}', '{stored_key}', '{stored_hash}', 'in_flight', {now})"
    ))
    .await;
    let busy = IdempotencyKey::from_string("busy-key").expect("key");
    expect_err(
        server.client.hold(&session.token, &busy, &request).await,
        409,
        "idempotency_in_flight",
    );
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM slot WHERE id = {slot} AND hold_id IS NOT NULL"
        ))
        .await,
        0,
        "a refused retry must not hold the slot"
    );
    // The first attempt died with its server: after 30 s the retry takes the claim over.
    server.advance(chrono::TimeDelta::seconds(31));
    let held = server
        .client
        .hold(&session.token, &busy, &request)
        .await
        .expect("the retry proceeds once the claim is stale");
    assert!(!held.replayed);
    assert_eq!(held.value.offer.slot_id, slot);
    db.close().await;
}
on_both_backends!(
    a_retry_while_in_flight_is_refused_then_takes_over,
    in_flight
);

/// Every idempotency record's text columns, for assertions on what is stored.
async fn stored_records(server: &common::TestServer) -> Vec<String> {
    match server.db().await {
        common::DbConn::Sqlite(pool) => sqlx::query_as::<_, (String, String, Option<String>)>(
            "SELECT key, request_hash, body FROM idempotency",
        )
        .fetch_all(&pool)
        .await
        .expect("records"),
        common::DbConn::Postgres(pool) => sqlx::query_as::<_, (String, String, Option<String>)>(
            "SELECT key, request_hash, body FROM idempotency",
        )
        .fetch_all(&pool)
        .await
        .expect("records"),
    }
    .into_iter()
    .map(|(k, h, b)| format!("{k} {h} {}", b.unwrap_or_default()))
    .collect()
}

/// A record keeps no secret (before: the whole answer, PIN, NRE and service in clear, under
/// the key in clear), and a repeat with the key still gets the very answer.
async fn sealed(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offers = server.offers(&session, &nre, 0, 1).await;
    let hold = server.hold(&session, &nre, 0, offers[0].slot_id).await;
    let secret_key = uuid::Uuid::new_v4().to_string();
    let k = IdempotencyKey::from_string(secret_key.clone()).expect("key");
    let request = BookRequest {
        hold_id: hold.id,
        phone: None,
    };
    let first = server
        .client
        .book(&session.token, &k, &request)
        .await
        .expect("book")
        .value;
    let records = stored_records(server).await;
    assert!(!records.is_empty());
    for secret in [
        secret_key.as_str(),
        first.pin.as_str(),
        first.cup_number.as_str(),
        first.nre.as_str(),
        first.service.description.as_str(),
        "\"pin\"",
    ] {
        assert!(
            records.iter().all(|r| !r.contains(secret)),
            "{secret} is stored in clear"
        );
    }
    let again = server
        .client
        .book(&session.token, &k, &request)
        .await
        .expect("replay");
    assert!(again.replayed);
    assert_eq!(again.value, first);
}
on_both_backends!(records_keep_no_secret, sealed);

/// Records go 24 hours after their request (before: never).
async fn retention(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offers = server.offers(&session, &nre, 0, 1).await;
    let _ = server.hold(&session, &nre, 0, offers[0].slot_id).await;
    let count = || async { stored_records(server).await.len() };
    let purge = || async {
        cup_server::infra::idempotency::purge_expired(
            &server.running.as_ref().expect("running").state,
        )
        .await
        .expect("purge")
    };
    assert_eq!(count().await, 1);
    server.advance(chrono::TimeDelta::hours(23));
    assert_eq!(purge().await, 0);
    assert_eq!(count().await, 1);
    server.advance(chrono::TimeDelta::hours(1) + chrono::TimeDelta::seconds(1));
    assert_eq!(purge().await, 1);
    assert_eq!(count().await, 0);
}
on_both_backends!(records_expire_after_a_day, retention);
