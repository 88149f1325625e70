//! The served OpenAPI document says what the server really answers, and the inputs the API
//! fuzzing found (scripts/bench/schemathesis.sh) get a 4xx `{code, message, field}`.

mod common;

use common::expect_err;
use cup_api::CalendarQuery;
use reqwest::Method;
use serde_json::Value;

fn document() -> Value {
    serde_json::from_str(&cup_server::api::openapi::document()).expect("valid JSON")
}

/// The statuses the document lists for one operation.
fn documented(doc: &Value, method: &str, path: &str) -> Vec<u16> {
    doc["paths"][path][method]["responses"]
        .as_object()
        .unwrap_or_else(|| panic!("{method} {path} is not documented"))
        .keys()
        .map(|s| s.parse().expect("numeric status"))
        .collect()
}

/// Every operation without credentials: one marked with the session scheme answers 401
/// `session_expired`, one without any scheme never asks for a session, the operators' one
/// answers 403, and every answer is a status the document lists for the operation.
async fn security_as_documented(server: &common::TestServer) {
    let doc = document();
    let nre = server.citizen("visit_p").nre.clone();
    let http = server.raw();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("operations") {
            let scheme = operation["security"][0]
                .as_object()
                .and_then(|s| s.keys().next().cloned());
            let url = format!(
                "{}{}",
                server.url,
                path.replace("{nre}", &nre)
                    .replace("{cup_number}", "202600000001")
                    .replace("{id}", "1")
            );
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let response = http
                .request(method.clone(), &url)
                .header("x-cup-channel", "app")
                .header("idempotency-key", "contract-sweep")
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .expect("send");
            let status = response.status().as_u16();
            let body: Value = response.json().await.expect("a JSON error body");
            let what = format!("{method} {path} without credentials: {status} {body}");
            match scheme.as_deref() {
                Some("session") => {
                    assert_eq!(
                        (status, body["code"].as_str()),
                        (401, Some("session_expired")),
                        "{what}"
                    )
                }
                Some("ops") => assert_eq!(status, 403, "{what}"),
                Some(other) => panic!("unknown security scheme {other}"),
                None => assert!(status != 401 && status != 403, "{what}"),
            }
            assert!(
                documented(&doc, &method.as_str().to_lowercase(), path).contains(&status),
                "{what}: not in the document"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 22, "every operation of the document");
}
on_both_backends!(security_schemes_are_as_documented, security_as_documented);

/// `q` reached the store as is: a NUL made PostgreSQL fail the query (500). Control
/// characters are refused as `query_format` on `q`; the rest of the text still searches.
async fn services_query_control_characters(server: &common::TestServer) {
    let http = server.raw();
    for q in ["\u{0}", "ECO\u{0}GRAFIA", "\u{1f}", "VISITA\n"] {
        let encoded: String = q.bytes().map(|b| format!("%{b:02X}")).collect();
        let response = http
            .get(format!("{}/v1/catalogue/services?q={encoded}", server.url))
            .header("x-cup-channel", "web")
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 400, "{q:?}");
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body["code"], "query_format", "{q:?}");
        assert_eq!(body["field"], "q", "{q:?}");
    }
    let found = server
        .client
        .services(Some(" visita "))
        .await
        .expect("services");
    assert!(!found.services.is_empty());
}
on_both_backends!(
    services_query_with_control_characters_is_refused,
    services_query_control_characters
);

/// The calendar and the combined offer of a prescription nothing of which can be booked
/// online answer 409 `not_bookable`, which the document did not list.
async fn not_bookable_is_documented(server: &common::TestServer) {
    let session = server.login("laboratory").await;
    let nre = server.citizen("laboratory").nre.clone();
    let month = cup_domain::time::rome_date(server.now())
        .format("%Y-%m")
        .to_string();
    let calendar = server
        .client
        .calendar(
            &session.token,
            &nre,
            &CalendarQuery {
                line: 0,
                month,
                ..CalendarQuery::default()
            },
        )
        .await;
    expect_err(calendar, 409, "not_bookable");
    let combined = server
        .client
        .combined_availability(&session.token, &nre, &Default::default())
        .await;
    expect_err(combined, 409, "not_bookable");
    let doc = document();
    for path in [
        "/v1/prescriptions/{nre}/calendar",
        "/v1/prescriptions/{nre}/combined-availability",
    ] {
        assert!(documented(&doc, "get", path).contains(&409), "{path}");
    }
}
on_both_backends!(
    not_bookable_answers_are_documented,
    not_bookable_is_documented
);

/// A body is read as `cup_api::parse_body` reads it: an invalid identifier is refused with
/// its field before the session's data is looked up (here: another patient's prescription).
async fn body_identifiers_first(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let other = server.citizen("diagnostic_d").nre.clone();
    let response = server
        .raw()
        .post(format!("{}/v1/holds", server.url))
        .bearer_auth(session.token.expose())
        .header("x-cup-channel", "app")
        .header("idempotency-key", "body-identifiers-first")
        .json(&serde_json::json!({
            "nre": other, "line": 0, "slot_id": 1, "reschedule": "20260000000X"
        }))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["code"], "cup_number_format");
    assert_eq!(body["field"], "reschedule");
}
on_both_backends!(body_identifiers_are_checked_first, body_identifiers_first);
