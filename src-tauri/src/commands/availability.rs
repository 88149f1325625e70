//! `availability`, `calendar` and `combined_availability`: the offer for a prescription
//! (first available, month calendar, one combined offer for several services).

use cup_api::{
    AvailabilityQuery, AvailabilityResponse, CalendarQuery, CalendarResponse, CombinedQuery,
    CombinedResponse,
};

use crate::AppError;
use crate::state::{BackendHandle, SessionState};

pub async fn availability_with(
    backend: &BackendHandle,
    session: &SessionState,
    nre: &str,
    query: &AvailabilityQuery,
) -> Result<AvailabilityResponse, AppError> {
    let client = backend.client().await?;
    let token = session.token().await?;
    let result = client.availability(&token, nre, query).await;
    session.check(result.map_err(AppError::from)).await
}

pub async fn calendar_with(
    backend: &BackendHandle,
    session: &SessionState,
    nre: &str,
    query: &CalendarQuery,
) -> Result<CalendarResponse, AppError> {
    let client = backend.client().await?;
    let token = session.token().await?;
    let result = client.calendar(&token, nre, query).await;
    session.check(result.map_err(AppError::from)).await
}

pub async fn combined_availability_with(
    backend: &BackendHandle,
    session: &SessionState,
    nre: &str,
    query: &CombinedQuery,
) -> Result<CombinedResponse, AppError> {
    let client = backend.client().await?;
    let token = session.token().await?;
    let result = client.combined_availability(&token, nre, query).await;
    session.check(result.map_err(AppError::from)).await
}

#[tauri::command]
#[tracing::instrument(name = "availability", skip_all)]
pub async fn availability(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    nre: String,
    query: AvailabilityQuery,
) -> Result<AvailabilityResponse, AppError> {
    availability_with(&backend, &session, &nre, &query).await
}

#[tauri::command]
#[tracing::instrument(name = "calendar", skip_all)]
pub async fn calendar(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    nre: String,
    query: CalendarQuery,
) -> Result<CalendarResponse, AppError> {
    calendar_with(&backend, &session, &nre, &query).await
}

#[tauri::command]
#[tracing::instrument(name = "combined_availability", skip_all)]
pub async fn combined_availability(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    nre: String,
    query: CombinedQuery,
) -> Result<CombinedResponse, AppError> {
    combined_availability_with(&backend, &session, &nre, &query).await
}
