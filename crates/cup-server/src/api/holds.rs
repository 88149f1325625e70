//! Holds. Mutating: each takes an Idempotency-Key.

use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use cup_api::{ApiError, HoldRequest, HoldView};

use super::extract::{ApiPath, Auth, RawBody, parse_json};
use super::mutate;
use crate::service::{AppState, holds};

/// Holds a slot for a prescription line (releasing the line's previous hold).
#[utoipa::path(post, path = "/v1/holds", tag = "holds", request_body = HoldRequest,
    params(("Idempotency-Key" = String, Header, description = "Unique per request")),
    responses((status = 201, body = HoldView), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    Auth(caller): Auth,
    uri: OriginalUri,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let (state, caller, body) = (&state, &caller, &body[..]);
    mutate(
        state,
        caller,
        &headers,
        "POST",
        uri.path(),
        body,
        StatusCode::CREATED,
        |claim| async move {
            let request: HoldRequest = parse_json(body)?;
            holds::create(state, caller, &request, &claim)
                .await
                .map(Some)
        },
    )
    .await
}

/// Extends a live hold once.
#[utoipa::path(post, path = "/v1/holds/{id}/extend", tag = "holds",
    params(("id" = i64, Path), ("Idempotency-Key" = String, Header, description = "Unique per request")),
    responses((status = 200, body = HoldView), (status = 409, body = ApiError), (status = 410, body = ApiError)))]
pub async fn extend(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<i64>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> Response {
    let (state, caller) = (&state, &caller);
    mutate(
        state,
        caller,
        &headers,
        "POST",
        uri.path(),
        &[],
        StatusCode::OK,
        |claim| async move { holds::extend(state, caller, id, &claim).await.map(Some) },
    )
    .await
}

/// Releases a hold: its slot is free again at once.
#[utoipa::path(delete, path = "/v1/holds/{id}", tag = "holds",
    params(("id" = i64, Path), ("Idempotency-Key" = String, Header, description = "Unique per request")),
    responses((status = 204), (status = 404, body = ApiError)))]
pub async fn release(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<i64>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> Response {
    let (state, caller) = (&state, &caller);
    mutate(
        state,
        caller,
        &headers,
        "DELETE",
        uri.path(),
        &[],
        StatusCode::NO_CONTENT,
        |claim| async move {
            holds::release(state, caller, id, &claim)
                .await
                .map(|()| None::<()>)
        },
    )
    .await
}
