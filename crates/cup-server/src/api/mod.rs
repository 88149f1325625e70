//! HTTP: the v1 routes, thin adapters from HTTP to the service layer.

mod bookings;
mod catalogue;
pub mod extract;
mod holds;
pub mod openapi;
mod ops;
mod prescriptions;
pub mod refusals;
pub mod response;
mod sessions;

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{delete, get, post};
use serde::Serialize;
use tower_http::timeout::TimeoutLayer;

use crate::infra::idempotency::{self, Claim};
use crate::service::{AppState, Caller, ServiceError, ServiceResult};
use extract::idempotency_key;
use response::{ApiFailure, json, replay};

/// The whole HTTP surface of the server.
pub fn router(state: AppState) -> Router {
    // Installed before the first request is counted (`/metrics` renders it).
    crate::infra::metrics::recorder();
    let v1 = Router::new()
        .route("/sessions/prescription", post(sessions::login_prescription))
        .route("/sessions/card", post(sessions::login_card))
        .route("/sessions/current", delete(sessions::logout))
        .route("/patient", get(sessions::patient))
        .route("/catalogue/areas", get(catalogue::areas))
        .route("/catalogue/facilities", get(catalogue::facilities))
        .route("/catalogue/services", get(catalogue::services))
        .route("/prescriptions/{nre}", get(prescriptions::read))
        .route(
            "/prescriptions/{nre}/availability",
            get(prescriptions::availability),
        )
        .route(
            "/prescriptions/{nre}/calendar",
            get(prescriptions::calendar),
        )
        .route(
            "/prescriptions/{nre}/combined-availability",
            get(prescriptions::combined),
        )
        .route("/holds", post(holds::create))
        .route("/holds/{id}", delete(holds::release))
        .route("/holds/{id}/extend", post(holds::extend))
        .route("/bookings", post(bookings::book).get(bookings::list))
        .route("/bookings/lookup", get(bookings::lookup))
        .route("/bookings/{cup_number}", get(bookings::get))
        .route("/bookings/{cup_number}/cancel", post(bookings::cancel))
        .route(
            "/bookings/{cup_number}/reschedule",
            post(bookings::reschedule),
        )
        .route("/bookings/{cup_number}/documents", get(bookings::documents))
        .route("/openapi.json", get(openapi::serve));
    Router::new()
        .nest(cup_api::API_PREFIX, v1)
        .route("/ops/stats", get(ops::stats))
        .route("/health", get(ops::health))
        .route("/metrics", get(ops::metrics))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            refusals::audit_refusals,
        ))
        .layer(axum::middleware::from_fn(crate::infra::metrics::track))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .with_state(state)
}

/// Runs a mutating operation under its idempotency key: a repeat gets the first answer.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn mutate<T, F, Fut>(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    method: &str,
    path: &str,
    body: &[u8],
    ok_status: StatusCode,
    op: F,
) -> Response
where
    T: Serialize,
    F: FnOnce(Claim) -> Fut,
    Fut: Future<Output = ServiceResult<Option<T>>>,
{
    use axum::response::IntoResponse as _;
    let key = match idempotency_key(headers) {
        Ok(key) => key,
        Err(e) => return ApiFailure(e).into_response(),
    };
    let hash = idempotency::request_hash(method, path, body);
    let claim = Claim::new(format!("session:{}", caller.session.id), key, hash);
    let failure = match op(claim.clone()).await {
        Ok(Some(value)) => return json(ok_status, &value),
        Ok(None) => return ok_status.into_response(),
        Err(e) => claim.settle_error(state, &e).await.unwrap_or(e),
    };
    match failure {
        ServiceError::Replay { status, body } => replay(status, body),
        e => ApiFailure(e).into_response(),
    }
}
