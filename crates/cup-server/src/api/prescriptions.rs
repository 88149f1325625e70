//! Prescriptions and their availability.

use axum::Json;
use axum::extract::State;
use cup_api::{
    ApiError, AvailabilityQuery, AvailabilityResponse, CalendarQuery, CalendarResponse,
    CombinedQuery, CombinedResponse, PrescriptionView,
};

use super::extract::{ApiPath, ApiQuery, Auth};
use super::response::ApiFailure;
use crate::service::{AppState, availability, prescriptions};

/// A prescription by NRE, with each service's bookability.
#[utoipa::path(get, path = "/v1/prescriptions/{nre}", tag = "prescriptions",
    params(("nre" = String, Path, description = "Electronic prescription number")),
    responses((status = 200, body = PrescriptionView), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn read(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(nre): ApiPath<String>,
) -> Result<Json<PrescriptionView>, ApiFailure> {
    Ok(Json(prescriptions::read(&state, &caller, &nre).await?))
}

/// Offers for one line: first available, then distance; guarantee window and tutela.
#[utoipa::path(get, path = "/v1/prescriptions/{nre}/availability", tag = "prescriptions",
    params(("nre" = String, Path, description = "Electronic prescription number"), AvailabilityQuery),
    responses((status = 200, body = AvailabilityResponse), (status = 400, body = ApiError), (status = 409, body = ApiError)))]
pub async fn availability(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(nre): ApiPath<String>,
    ApiQuery(query): ApiQuery<AvailabilityQuery>,
) -> Result<Json<AvailabilityResponse>, ApiFailure> {
    Ok(Json(
        availability::search(&state, &caller, &nre, &query).await?,
    ))
}

/// Days of a month with free slots.
#[utoipa::path(get, path = "/v1/prescriptions/{nre}/calendar", tag = "prescriptions",
    params(("nre" = String, Path, description = "Electronic prescription number"), CalendarQuery),
    responses((status = 200, body = CalendarResponse), (status = 400, body = ApiError), (status = 409, body = ApiError)))]
pub async fn calendar(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(nre): ApiPath<String>,
    ApiQuery(query): ApiQuery<CalendarQuery>,
) -> Result<Json<CalendarResponse>, ApiFailure> {
    Ok(Json(
        availability::calendar(&state, &caller, &nre, &query).await?,
    ))
}

/// One combined offer for all the bookable services of a prescription.
#[utoipa::path(get, path = "/v1/prescriptions/{nre}/combined-availability", tag = "prescriptions",
    params(("nre" = String, Path, description = "Electronic prescription number"), CombinedQuery),
    responses((status = 200, body = CombinedResponse), (status = 400, body = ApiError), (status = 409, body = ApiError)))]
pub async fn combined(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(nre): ApiPath<String>,
    ApiQuery(query): ApiQuery<CombinedQuery>,
) -> Result<Json<CombinedResponse>, ApiFailure> {
    Ok(Json(
        availability::combined(&state, &caller, &nre, &query).await?,
    ))
}
