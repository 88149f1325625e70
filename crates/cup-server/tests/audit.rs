//! The audit trail (GDPR art. 9: every access to health data logged, found or not): reads of
//! availability, calendar and combined offers; lookups that find nothing; refusals (404s of
//! another patient's booking, 401s); failed and throttled logins with their target and the
//! client address; and the channel the session was opened on, not the one a header claims.
//! Before issue 13 each of these wrote no row.

mod common;

use common::expect_err;
use cup_api::{AvailabilityQuery, CalendarQuery, Channel, CombinedQuery, LookupQuery};
use cup_client::{CupClient, Token};

async fn flush(server: &common::TestServer) {
    server
        .running
        .as_ref()
        .expect("running")
        .state
        .audit
        .flush()
        .await;
}

async fn count(server: &common::TestServer, filter: &str) -> i64 {
    flush(server).await;
    let db = server.db().await;
    let n = db
        .scalar(&format!("SELECT COUNT(*) FROM audit WHERE {filter}"))
        .await;
    db.close().await;
    n
}

async fn citizen_id(server: &common::TestServer, case: &str) -> i64 {
    let db = server.db().await;
    let id = db
        .scalar(&format!(
            "SELECT id FROM citizen WHERE codice_fiscale = '{}'",
            server.citizen(case).codice_fiscale
        ))
        .await;
    db.close().await;
    id
}

async fn reads_are_audited(server: &common::TestServer) {
    let session = server.login("multi_radiology").await;
    let nre = server.citizen("multi_radiology").nre.clone();
    let who = citizen_id(server, "multi_radiology").await;
    let token: &Token = &session.token;
    let c = &server.client;
    c.availability(
        token,
        &nre,
        &AvailabilityQuery {
            line: 0,
            ..Default::default()
        },
    )
    .await
    .expect("availability");
    let month = server.now().format("%Y-%m").to_string();
    c.calendar(
        token,
        &nre,
        &CalendarQuery {
            line: 0,
            month,
            ..Default::default()
        },
    )
    .await
    .expect("calendar");
    c.combined_availability(token, &nre, &CombinedQuery::default())
        .await
        .expect("combined");
    for action in [
        "read_availability",
        "read_calendar",
        "read_combined_availability",
    ] {
        assert_eq!(
            count(
                server,
                &format!("action = '{action}' AND citizen_id = {who} AND outcome = 'ok'")
            )
            .await,
            1,
            "{action}"
        );
    }

    // 20 PIN lookups that find nothing: 20 rows, never the PIN itself.
    for i in 0..20 {
        let pin = cup_domain::Pin::compose(&format!("{:07}", 1_000_000 + i))
            .expect("pin")
            .to_string();
        let found = c
            .lookup(
                token,
                &LookupQuery {
                    pin: Some(pin.clone()),
                    ..Default::default()
                },
            )
            .await
            .expect("lookup");
        assert!(found.bookings.is_empty());
        assert_eq!(count(server, &format!("object LIKE '%{pin}%'")).await, 0);
    }
    assert_eq!(
        count(
            server,
            &format!("object = 'lookup:pin' AND outcome = 'none' AND citizen_id = {who}")
        )
        .await,
        20
    );
}
on_both_backends!(reads_and_empty_lookups_are_audited, reads_are_audited);

async fn refusals_are_audited(server: &common::TestServer) {
    let (_, other) = server.book_case("diagnostic_d", 0).await;
    let session = server.login("visit_p").await;
    let who = citizen_id(server, "visit_p").await;
    // Another patient's booking: 404 to the caller, a row against the caller's session.
    for _ in 0..3 {
        expect_err(
            server
                .client
                .booking(&session.token, &other.cup_number)
                .await,
            404,
            "not_found",
        );
    }
    assert_eq!(
        count(
            server,
            &format!(
                "action = 'refused' AND outcome = 'not_found' AND citizen_id = {who} \
                 AND object = 'GET /v1/bookings/{{cup_number}}'"
            )
        )
        .await,
        3
    );
    // A made-up token: an anonymous refusal, with the client address.
    let fake = Token::new("0".repeat(64));
    expect_err(server.client.patient(&fake).await, 401, "session_expired");
    assert_eq!(
        count(
            server,
            "action = 'refused' AND outcome = 'unauthenticated' AND actor = 'anonymous' \
             AND address = '127.0.0.1'"
        )
        .await,
        1
    );

    // Failed logins: against whom (the owner of the codice fiscale) and from where; then the
    // throttled ones.
    let c = server.citizen("exempt").clone();
    let owner = citizen_id(server, "exempt").await;
    let wrong = cup_api::CardLoginRequest {
        codice_fiscale: c.codice_fiscale.clone(),
        tessera: cup_domain::TesseraSanitaria::compose("8038000000999999999")
            .expect("tessera")
            .to_string(),
    };
    for _ in 0..7 {
        let _ = server.client.login_card(&wrong).await;
    }
    let login = |outcome: &str| {
        format!(
            "action = 'login' AND outcome = '{outcome}' AND citizen_id = {owner} \
             AND address = '127.0.0.1' AND actor = 'anonymous'"
        )
    };
    assert_eq!(count(server, &login("failed")).await, 5);
    assert_eq!(count(server, &login("throttled")).await, 2);

    // The channel is the session's: an app session that claims to be a counter is recorded
    // as the app.
    let counter = CupClient::new(&server.url, Channel::Sportello).expect("client");
    counter.patient(&session.token).await.expect("patient");
    assert_eq!(
        count(
            server,
            &format!("action = 'read_patient' AND citizen_id = {who} AND channel = 'sportello'")
        )
        .await,
        0
    );
    assert_eq!(
        count(
            server,
            &format!("action = 'read_patient' AND citizen_id = {who} AND channel = 'app'")
        )
        .await,
        1
    );
}
on_both_backends!(refusals_and_failed_logins_are_audited, refusals_are_audited);
