//! Operations: health and statistics per channel and day (operators only).

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use chrono::NaiveDate;
use cup_api::{ApiError, ErrorCode, OperationCount, StatsResponse};
use cup_domain::time::{rome_date, rome_start_of_day};
use serde::Deserialize;
use utoipa::IntoParams;

use super::extract::ApiQuery;
use super::response::ApiFailure;
use crate::service::{AppState, ServiceError, epoch};

pub async fn health(State(state): State<AppState>) -> Result<&'static str, ApiFailure> {
    let mut tx = state.store.read().await.map_err(ServiceError::from)?;
    tx.asls().await.map_err(ServiceError::from)?;
    Ok("ok")
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// Day (Europe/Rome), default today.
    pub day: Option<NaiveDate>,
}

/// Operations per channel on one day (logins, holds, bookings, cancellations, moves, reads).
#[utoipa::path(get, path = "/ops/stats", tag = "ops", params(StatsQuery),
    responses((status = 200, body = StatsResponse), (status = 403, body = ApiError)))]
pub async fn stats(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<StatsQuery>,
) -> Result<Json<StatsResponse>, ApiFailure> {
    require_operator(&state, &headers)?;
    let day = query.day.unwrap_or_else(|| rome_date(state.now()));
    let next = day
        .succ_opt()
        .ok_or_else(|| ServiceError::invalid("day_range", "day"))?;
    let mut tx = state.store.read().await.map_err(ServiceError::from)?;
    let rows = tx
        .stats(
            epoch(rome_start_of_day(day)),
            epoch(rome_start_of_day(next)),
        )
        .await
        .map_err(ServiceError::from)?;
    Ok(Json(StatsResponse {
        operations: rows
            .into_iter()
            .map(|r| OperationCount {
                day,
                channel: r.channel,
                operation: r.action,
                count: r.count.max(0) as u64,
            })
            .collect(),
    }))
}

/// The operators' door: `Authorization: Bearer <ops token>`; closed when no token is set.
pub fn require_operator(state: &AppState, headers: &HeaderMap) -> Result<(), ApiFailure> {
    let presented = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match (&state.config.ops_token, presented) {
        (Some(expected), Some(given))
            if constant_time_eq(expected.as_bytes(), given.as_bytes()) =>
        {
            Ok(())
        }
        _ => Err(ServiceError::refused(ErrorCode::Forbidden, "operators only").into()),
    }
}

/// The Prometheus metrics, for operators only: they show what every route answered.
pub async fn metrics(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<String, ApiFailure> {
    require_operator(&state, &headers)?;
    Ok(crate::infra::metrics::recorder().render())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
