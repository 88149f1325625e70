//! The public catalogue.

use axum::Json;
use axum::extract::State;
use cup_api::{ApiError, AreasResponse, FacilitiesResponse, ServicesResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::extract::{ApiQuery, ChannelOf};
use super::response::ApiFailure;
use crate::service::{AppState, ServiceError, catalogue};

#[utoipa::path(get, path = "/v1/catalogue/areas", tag = "catalogue",
    responses((status = 200, body = AreasResponse), (status = 400, body = ApiError)))]
pub async fn areas(
    State(state): State<AppState>,
    _: ChannelOf,
) -> Result<Json<AreasResponse>, ApiFailure> {
    Ok(Json(catalogue::areas(&state).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FacilitiesQuery {
    pub zone_id: Option<i64>,
}

#[utoipa::path(get, path = "/v1/catalogue/facilities", tag = "catalogue", params(FacilitiesQuery),
    responses((status = 200, body = FacilitiesResponse), (status = 400, body = ApiError)))]
pub async fn facilities(
    State(state): State<AppState>,
    _: ChannelOf,
    ApiQuery(query): ApiQuery<FacilitiesQuery>,
) -> Result<Json<FacilitiesResponse>, ApiFailure> {
    Ok(Json(catalogue::facilities(&state, query.zone_id).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServicesQuery {
    /// Part of the description, or a catalogue code: at most 60 characters, no control
    /// characters.
    pub q: Option<String>,
}

#[utoipa::path(get, path = "/v1/catalogue/services", tag = "catalogue", params(ServicesQuery),
    responses((status = 200, body = ServicesResponse), (status = 400, body = ApiError)))]
pub async fn services(
    State(state): State<AppState>,
    _: ChannelOf,
    ApiQuery(query): ApiQuery<ServicesQuery>,
) -> Result<Json<ServicesResponse>, ApiFailure> {
    // Text goes to the store as is: PostgreSQL refuses a NUL in it (a 500 before this check).
    if query
        .q
        .as_deref()
        .is_some_and(|q| q.chars().any(char::is_control))
    {
        return Err(ServiceError::invalid("query_format", "q").into());
    }
    Ok(Json(catalogue::services(&state, query.q.as_deref()).await?))
}
