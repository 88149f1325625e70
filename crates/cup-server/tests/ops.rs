//! Operations: statistics per channel (operators only), metrics, health.

mod common;

use common::{expect_err, key};
use cup_api::{Channel, HoldRequest, RescheduleRequest};
use cup_client::Token;
use cup_domain::time::rome_date;
use cup_server::ServerConfig;

const OPS: &str = "ops-secret-token";

fn config() -> ServerConfig {
    ServerConfig {
        ops_token: Some(OPS.into()),
        ..ServerConfig::default()
    }
}

async fn stats(server: &common::TestServer) {
    // One booking on the app, then moved; one on the web, then cancelled.
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offers = server.offers(&session, &nre, 0, 3).await;
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
    server
        .client
        .reschedule(
            &session.token,
            &key(),
            &booking.cup_number,
            &RescheduleRequest { hold_id: hold.id },
        )
        .await
        .expect("reschedule");
    let web = server.client_for(Channel::Web);
    let c = server.citizen("exempt");
    let ws = web
        .login_prescription(&cup_api::PrescriptionLoginRequest {
            codice_fiscale: c.codice_fiscale.clone(),
            tessera: c.tessera.clone(),
            nre: c.nre.clone(),
            privacy_consent: true,
        })
        .await
        .expect("web login");
    let offer = web
        .availability(
            &ws.token,
            &c.nre,
            &cup_api::AvailabilityQuery {
                line: 0,
                ..Default::default()
            },
        )
        .await
        .expect("offers")
        .offers
        .remove(0);
    let hold = web
        .hold(
            &ws.token,
            &key(),
            &HoldRequest {
                nre: c.nre.clone(),
                line: 0,
                slot_id: offer.slot_id,
                reschedule: None,
            },
        )
        .await
        .expect("hold")
        .value;
    let wb = web
        .book(
            &ws.token,
            &key(),
            &cup_api::BookRequest {
                hold_id: hold.id,
                phone: None,
            },
        )
        .await
        .expect("book")
        .value;
    assert_eq!(wb.channel, Channel::Web);
    web.cancel(&ws.token, &key(), &wb.cup_number)
        .await
        .expect("cancel");
    // A refused operation is not counted.
    expect_err(
        web.cancel(&ws.token, &key(), &wb.cup_number).await,
        409,
        "booking_state_conflict",
    );

    let day = rome_date(server.now());
    let stats = server
        .client
        .stats(&Token::new(OPS), day)
        .await
        .expect("stats")
        .operations;
    let count = |channel: &str, op: &str| {
        stats
            .iter()
            .find(|o| o.channel == channel && o.operation == op)
            .map_or(0, |o| o.count)
    };
    assert_eq!(count("app", "book"), 1);
    assert_eq!(count("app", "reschedule"), 1);
    assert_eq!(count("app", "cancel"), 0);
    assert_eq!(count("web", "book"), 1);
    assert_eq!(count("web", "cancel"), 1);
    assert_eq!(count("web", "reschedule"), 0);
    assert!(count("app", "login") >= 1 && count("web", "login") == 1);
    assert!(stats.iter().all(|o| o.day == day));
    // Another day: nothing.
    let other = server
        .client
        .stats(&Token::new(OPS), day.pred_opt().expect("day"))
        .await
        .expect("stats");
    assert!(other.operations.is_empty());
    // Operators only.
    expect_err(
        server.client.stats(&Token::new("wrong"), day).await,
        403,
        "forbidden",
    );
    expect_err(
        server.client.stats(&session.token, day).await,
        403,
        "forbidden",
    );
    let response = server
        .raw()
        .get(format!("{}/ops/stats", server.url))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 403);
}
on_both_backends_with!(stats_count_operations_per_channel, config(), stats);

async fn closed_without_token(server: &common::TestServer) {
    let day = rome_date(server.now());
    expect_err(
        server.client.stats(&Token::new(OPS), day).await,
        403,
        "forbidden",
    );
}
on_both_backends!(stats_closed_when_unconfigured, closed_without_token);

async fn metrics_and_health(server: &common::TestServer) {
    server.client.health().await.expect("health");
    let body = server
        .raw()
        .get(format!("{}/health", server.url))
        .send()
        .await
        .expect("send")
        .text()
        .await
        .expect("text");
    assert_eq!(body, "ok");
    server.client.areas().await.expect("areas");
    let _ = server.login("visit_p").await;
    let metrics = |token: Option<&str>| {
        let mut request = server.raw().get(format!("{}/metrics", server.url));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    // Closed to anyone without the operators' token (before: open to all).
    assert_eq!(metrics(None).await.expect("send").status(), 403);
    assert_eq!(metrics(Some("guess")).await.expect("send").status(), 403);
    let open = metrics(Some(OPS)).await.expect("send");
    assert_eq!(open.status(), 200);
    let text = open.text().await.expect("text");
    assert!(text.contains("cup_http_requests_total"), "{text}");
    // Paths with identifiers are not labels in clear.
    assert!(!text.contains(&server.citizen("visit_p").nre));

    // Made-up methods are one label, `other`: 300 of them do not grow the metrics (before:
    // 3,000 grew them from 61 KB to 4.2 MB, for good).
    let before = metrics(Some(OPS))
        .await
        .expect("send")
        .text()
        .await
        .expect("text");
    for i in 0..300 {
        let method = reqwest::Method::from_bytes(format!("BREW{i}").as_bytes()).expect("method");
        let _ = server
            .raw()
            .request(method, format!("{}/health", server.url))
            .send()
            .await
            .expect("send");
    }
    let after = metrics(Some(OPS)).await.expect("send");
    assert_eq!(after.status(), 200);
    let after = after.text().await.expect("text");
    assert!(!after.contains("BREW"), "a made-up method became a label");
    assert!(after.contains("method=\"other\""), "{after}");
    // A handful of series at most (other tests of this process count their requests too).
    let series = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("cup_http_requests_total{"))
            .count()
    };
    assert!(
        series(&after) <= series(&before) + 10,
        "{} -> {} series",
        series(&before),
        series(&after)
    );
}
on_both_backends_with!(metrics_and_health_answer, config(), metrics_and_health);
