//! Bookings.

use axum::Json;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use cup_api::{
    ApiError, BookRequest, BookingDocumentsView, BookingView, BookingsResponse, LookupQuery,
    RescheduleRequest,
};

use super::extract::{ApiPath, ApiQuery, Auth, RawBody, parse_json};
use super::mutate;
use super::response::ApiFailure;
use crate::service::{AppState, bookings};

/// Books a live hold: the answer carries the CUP number, PIN, ticket and payment notice.
#[utoipa::path(post, path = "/v1/bookings", tag = "bookings", request_body = BookRequest,
    params(("Idempotency-Key" = String, Header, description = "Unique per request")),
    responses((status = 201, body = BookingView), (status = 409, body = ApiError), (status = 410, body = ApiError)))]
pub async fn book(
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
            let request: BookRequest = parse_json(body)?;
            bookings::book(state, caller, &request, &claim)
                .await
                .map(Some)
        },
    )
    .await
}

/// All the patient's bookings, newest appointment first.
#[utoipa::path(get, path = "/v1/bookings", tag = "bookings",
    responses((status = 200, body = BookingsResponse), (status = 401, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
) -> Result<Json<BookingsResponse>, ApiFailure> {
    Ok(Json(BookingsResponse {
        bookings: bookings::list(&state, &caller).await?,
    }))
}

/// Finds bookings by call-centre PIN, CUP number or NRE, within the patient's own.
#[utoipa::path(get, path = "/v1/bookings/lookup", tag = "bookings", params(LookupQuery),
    responses((status = 200, body = BookingsResponse), (status = 400, body = ApiError)))]
pub async fn lookup(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<LookupQuery>,
) -> Result<Json<BookingsResponse>, ApiFailure> {
    Ok(Json(BookingsResponse {
        bookings: bookings::lookup(&state, &caller, &query).await?,
    }))
}

#[utoipa::path(get, path = "/v1/bookings/{cup_number}", tag = "bookings",
    params(("cup_number" = String, Path)),
    responses((status = 200, body = BookingView), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(cup_number): ApiPath<String>,
) -> Result<Json<BookingView>, ApiFailure> {
    Ok(Json(bookings::get(&state, &caller, &cup_number).await?))
}

/// Cancels (disdetta); past the 48-hour deadline the ticket is owed (malum).
#[utoipa::path(post, path = "/v1/bookings/{cup_number}/cancel", tag = "bookings",
    params(("cup_number" = String, Path), ("Idempotency-Key" = String, Header, description = "Unique per request")),
    responses((status = 200, body = BookingView), (status = 409, body = ApiError)))]
pub async fn cancel(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(cup_number): ApiPath<String>,
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
        |claim| async move {
            bookings::cancel(state, caller, &cup_number, &claim)
                .await
                .map(Some)
        },
    )
    .await
}

/// Moves a booking to a held slot in one atomic step (spostamento).
#[utoipa::path(post, path = "/v1/bookings/{cup_number}/reschedule", tag = "bookings",
    request_body = RescheduleRequest,
    params(("cup_number" = String, Path), ("Idempotency-Key" = String, Header, description = "Unique per request")),
    responses((status = 200, body = BookingView), (status = 409, body = ApiError), (status = 410, body = ApiError)))]
pub async fn reschedule(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(cup_number): ApiPath<String>,
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
        StatusCode::OK,
        |claim| async move {
            let request: RescheduleRequest = parse_json(body)?;
            bookings::reschedule(state, caller, &cup_number, &request, &claim)
                .await
                .map(Some)
        },
    )
    .await
}

/// What the promemoria and the payment notice print.
#[utoipa::path(get, path = "/v1/bookings/{cup_number}/documents", tag = "bookings",
    params(("cup_number" = String, Path)),
    responses((status = 200, body = BookingDocumentsView), (status = 404, body = ApiError)))]
pub async fn documents(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(cup_number): ApiPath<String>,
) -> Result<Json<BookingDocumentsView>, ApiFailure> {
    Ok(Json(
        bookings::documents(&state, &caller, &cup_number).await?,
    ))
}
