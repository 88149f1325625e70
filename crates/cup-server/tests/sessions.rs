//! Sessions: three-factor and card logins, validation, logout, sliding expiry, channels.

mod common;

use chrono::TimeDelta;
use common::expect_err;
use cup_api::{CardLoginRequest, PrescriptionLoginRequest, SessionKind};
use cup_client::Token;

fn request(server: &common::TestServer, case: &str) -> PrescriptionLoginRequest {
    let c = server.citizen(case);
    PrescriptionLoginRequest {
        codice_fiscale: c.codice_fiscale.clone(),
        tessera: c.tessera.clone(),
        nre: c.nre.clone(),
        privacy_consent: true,
    }
}

async fn three_factor_login(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    assert_eq!(session.kind, SessionKind::Prescription);
    assert_eq!(
        session.patient.codice_fiscale,
        server.citizen("visit_p").codice_fiscale
    );
    assert_eq!(session.expires_at, server.now() + TimeDelta::seconds(1800));
    let patient = server
        .client
        .patient(&session.token)
        .await
        .expect("patient");
    assert_eq!(patient.family_name, server.citizen("visit_p").family_name);
    // Lower case and spaces are accepted and normalised.
    let mut messy = request(server, "visit_p");
    messy.codice_fiscale = messy.codice_fiscale.to_lowercase();
    server
        .client
        .login_prescription(&messy)
        .await
        .expect("lower-case CF accepted");
}
on_both_backends!(three_factor_login_works, three_factor_login);

async fn invalid_fields(server: &common::TestServer) {
    let base = request(server, "visit_p");
    // A wrong check character of the codice fiscale.
    let mut r = base.clone();
    let last = r.codice_fiscale.pop().expect("char");
    r.codice_fiscale.push(if last == 'A' { 'B' } else { 'A' });
    let e = expect_err(
        server.client.login_prescription(&r).await,
        400,
        "cf_check_char",
    );
    assert_eq!(e.field.as_deref(), Some("codice_fiscale"));
    // Shape.
    let mut r = base.clone();
    r.codice_fiscale = "NOTACF".into();
    let e = server
        .client
        .login_prescription(&r)
        .await
        .expect_err("bad CF");
    assert_eq!(e.status(), Some(400));
    assert!(e.code().starts_with("cf_"), "{}", e.code());
    assert_eq!(
        e.api_error().and_then(|a| a.field.as_deref()),
        Some("codice_fiscale")
    );
    // Card: wrong prefix, wrong length, wrong check digit.
    for bad in [
        "90380000001234560016",
        "8038000000123456001",
        "80380000001234560017",
    ] {
        let mut r = base.clone();
        r.tessera = bad.into();
        let e = server
            .client
            .login_prescription(&r)
            .await
            .expect_err("bad card");
        assert_eq!(e.status(), Some(400), "{bad}");
        assert!(e.code().starts_with("tessera_"), "{bad}: {}", e.code());
        assert_eq!(
            e.api_error().and_then(|a| a.field.as_deref()),
            Some("tessera")
        );
    }
    // NRE: length, shape, unknown region.
    for bad in ["0900A11234567", "09XXA1123456701", "9990A1123456701"] {
        let mut r = base.clone();
        r.nre = bad.into();
        let e = server
            .client
            .login_prescription(&r)
            .await
            .expect_err("bad NRE");
        assert_eq!(e.status(), Some(400), "{bad}");
        assert!(e.code().starts_with("nre_"), "{bad}: {}", e.code());
        assert_eq!(e.api_error().and_then(|a| a.field.as_deref()), Some("nre"));
    }
    let mut r = base.clone();
    r.nre = "9990A1123456701".into();
    expect_err(
        server.client.login_prescription(&r).await,
        400,
        "nre_region",
    );
    // Privacy consent.
    let mut r = base;
    r.privacy_consent = false;
    expect_err(
        server.client.login_prescription(&r).await,
        400,
        "privacy_consent_required",
    );
}
on_both_backends!(invalid_fields_are_named, invalid_fields);

async fn mismatched_identifiers(server: &common::TestServer) {
    let visit = request(server, "visit_p");
    let other = request(server, "diagnostic_d");
    // NRE of someone else.
    let mut r = visit.clone();
    r.nre = other.nre.clone();
    let a = expect_err(
        server.client.login_prescription(&r).await,
        401,
        "authentication_failed",
    );
    // Card of someone else.
    let mut r = visit.clone();
    r.tessera = other.tessera.clone();
    let b = expect_err(
        server.client.login_prescription(&r).await,
        401,
        "authentication_failed",
    );
    // A valid but unknown codice fiscale.
    let mut r = visit.clone();
    r.codice_fiscale = "RSSMRA85T10A562S".into();
    let c = expect_err(
        server.client.login_prescription(&r).await,
        401,
        "authentication_failed",
    );
    // An unknown NRE.
    let mut r = visit;
    r.nre = "0900A9999999999".into();
    let d = expect_err(
        server.client.login_prescription(&r).await,
        401,
        "authentication_failed",
    );
    // Generic: the same answer whatever was wrong.
    assert_eq!(a, b);
    assert_eq!(b, c);
    assert_eq!(c, d);
    // Card login: wrong card.
    let e = expect_err(
        server
            .client
            .login_card(&CardLoginRequest {
                codice_fiscale: other.codice_fiscale.clone(),
                tessera: request(server, "visit_p").tessera,
            })
            .await,
        401,
        "authentication_failed",
    );
    assert_eq!(e, a);
}
on_both_backends!(mismatched_identifiers_are_generic, mismatched_identifiers);

async fn card_login(server: &common::TestServer) {
    let session = server.login_card("already_booked").await;
    assert_eq!(session.kind, SessionKind::Card);
    let bookings = server
        .client
        .bookings(&session.token)
        .await
        .expect("bookings");
    assert_eq!(bookings.bookings.len(), 1, "the pre-booked line");
    // A card session may read any of the patient's prescriptions.
    let nre = server.citizen("already_booked").nre.clone();
    server
        .client
        .prescription(&session.token, &nre)
        .await
        .expect("own prescription");
}
on_both_backends!(card_login_works, card_login);

async fn logout(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let other = server.login("visit_p").await;
    server.client.logout(&session.token).await.expect("logout");
    expect_err(
        server.client.patient(&session.token).await,
        401,
        "session_expired",
    );
    expect_err(
        server.client.logout(&session.token).await,
        401,
        "session_expired",
    );
    // Another session of the same patient is unaffected.
    server
        .client
        .patient(&other.token)
        .await
        .expect("other session");
    // Garbage and missing tokens.
    expect_err(
        server.client.patient(&Token::new("nope")).await,
        401,
        "session_expired",
    );
    expect_err(
        server.client.patient(&Token::new("0".repeat(64))).await,
        401,
        "session_expired",
    );
}
on_both_backends!(logout_revokes_the_token, logout);

async fn sliding_expiry(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    // 25 minutes, twice: 50 minutes in all, longer than the 30-minute ttl, still alive.
    server.advance(TimeDelta::minutes(25));
    server
        .client
        .patient(&session.token)
        .await
        .expect("after 25 min");
    server.advance(TimeDelta::minutes(25));
    server
        .client
        .patient(&session.token)
        .await
        .expect("after 50 min with activity");
    // 31 minutes idle: gone.
    server.advance(TimeDelta::minutes(31));
    expect_err(
        server.client.patient(&session.token).await,
        401,
        "session_expired",
    );
}
on_both_backends!(sliding_expiry_works, sliding_expiry);

async fn channel_header(server: &common::TestServer) {
    let http = server.raw();
    let url = format!("{}/v1/catalogue/areas", server.url);
    for channel in [None, Some("APP"), Some("telegram"), Some("")] {
        let mut request = http.get(&url);
        if let Some(c) = channel {
            request = request.header("X-CUP-Channel", c);
        }
        let response = request.send().await.expect("send");
        assert_eq!(response.status(), 400, "{channel:?}");
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["code"], "invalid_channel", "{channel:?}");
    }
    for channel in ["app", "web", "kiosk", "sportello", "farmacia"] {
        let response = http
            .get(&url)
            .header("X-CUP-Channel", channel)
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200, "{channel}");
    }
    // Logins too need the channel.
    let response = http
        .post(format!("{}/v1/sessions/prescription", server.url))
        .json(&request(server, "visit_p"))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["code"], "invalid_channel");
    // An authenticated call without a channel, with a valid token.
    let session = server.login("visit_p").await;
    let response = http
        .get(format!("{}/v1/patient", server.url))
        .bearer_auth(session.token.expose())
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["code"], "invalid_channel");
}
on_both_backends!(channel_header_is_required, channel_header);
