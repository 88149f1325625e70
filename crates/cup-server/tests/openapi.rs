//! The committed OpenAPI document (`crates/cup-server/openapi.json`) must be the one the code
//! generates, so that clients built from it match the server.

#[test]
fn committed_openapi_document_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
    let generated = cup_server::api::openapi::document();
    if std::env::var_os("CUP_UPDATE_OPENAPI").is_some() {
        std::fs::write(path, format!("{generated}\n")).expect("write openapi.json");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed.trim_end() == generated.trim_end(),
        "crates/cup-server/openapi.json is stale: run `CUP_UPDATE_OPENAPI=1 cargo test -p cup-server --test openapi` and commit it"
    );
}

#[test]
fn every_route_is_documented() {
    let doc: serde_json::Value =
        serde_json::from_str(&cup_server::api::openapi::document()).expect("valid JSON");
    let paths = doc["paths"].as_object().expect("paths");
    for path in [
        "/v1/sessions/prescription",
        "/v1/sessions/card",
        "/v1/prescriptions/{nre}/availability",
        "/v1/holds",
        "/v1/holds/{id}/extend",
        "/v1/bookings",
        "/v1/bookings/{cup_number}/reschedule",
        "/v1/bookings/{cup_number}/documents",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} is missing from the OpenAPI document"
        );
    }
}
