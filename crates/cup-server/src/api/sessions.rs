//! Sessions. Logins are not idempotent by key (a repeat makes a second session, harmless);
//! they are throttled instead.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cup_api::{ApiError, CardLoginRequest, PatientView, PrescriptionLoginRequest, SessionResponse};

use super::extract::{Auth, ChannelOf, ClientAddress, RawBody, parse_json};
use super::response::{ApiFailure, json};
use crate::service::{AppState, sessions};

/// Three-factor access to book a prescription.
#[utoipa::path(post, path = "/v1/sessions/prescription", tag = "sessions",
    request_body = PrescriptionLoginRequest,
    responses((status = 201, body = SessionResponse), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 429, body = ApiError)))]
pub async fn login_prescription(
    State(state): State<AppState>,
    ChannelOf(channel): ChannelOf,
    ClientAddress(address): ClientAddress,
    RawBody(body): RawBody,
) -> Result<Response, ApiFailure> {
    let request: PrescriptionLoginRequest = parse_json(&body)?;
    let session = sessions::login_prescription(&state, channel, &address, &request).await?;
    Ok(json(StatusCode::CREATED, &session))
}

/// Card access (codice fiscale + tessera sanitaria) to manage bookings.
#[utoipa::path(post, path = "/v1/sessions/card", tag = "sessions",
    request_body = CardLoginRequest,
    responses((status = 201, body = SessionResponse), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 429, body = ApiError)))]
pub async fn login_card(
    State(state): State<AppState>,
    ChannelOf(channel): ChannelOf,
    ClientAddress(address): ClientAddress,
    RawBody(body): RawBody,
) -> Result<Response, ApiFailure> {
    let request: CardLoginRequest = parse_json(&body)?;
    let session = sessions::login_card(&state, channel, &address, &request).await?;
    Ok(json(StatusCode::CREATED, &session))
}

/// Ends the session (the token stops working at once).
#[utoipa::path(delete, path = "/v1/sessions/current", tag = "sessions",
    responses((status = 204), (status = 401, body = ApiError)))]
pub async fn logout(
    State(state): State<AppState>,
    Auth(caller): Auth,
) -> Result<Response, ApiFailure> {
    sessions::logout(&state, &caller).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The patient's own data.
#[utoipa::path(get, path = "/v1/patient", tag = "sessions",
    responses((status = 200, body = PatientView), (status = 401, body = ApiError)))]
pub async fn patient(
    State(state): State<AppState>,
    Auth(caller): Auth,
) -> Result<Json<PatientView>, ApiFailure> {
    Ok(Json(sessions::patient(&state, &caller).await?))
}
