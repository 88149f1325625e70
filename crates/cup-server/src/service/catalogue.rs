//! The public catalogue: ASLs and zones, facilities, services.

use cup_api::{
    AreasResponse, AslView, FacilitiesResponse, FacilityView, ServicesResponse, ZoneView,
};

use super::views::service_view;
use super::{AppState, ServiceError, ServiceResult};

pub async fn areas(state: &AppState) -> ServiceResult<AreasResponse> {
    let mut tx = state.store.read().await?;
    let asls = tx.asls().await?;
    let zones = tx.zones().await?;
    Ok(AreasResponse {
        asls: asls
            .into_iter()
            .map(|a| AslView {
                id: a.id,
                code: a.code,
                name: a.name,
            })
            .collect(),
        zones: zones
            .into_iter()
            .map(|z| ZoneView {
                id: z.id,
                asl_id: z.asl_id,
                name: z.name,
            })
            .collect(),
    })
}

pub async fn facilities(
    state: &AppState,
    zone_id: Option<i64>,
) -> ServiceResult<FacilitiesResponse> {
    let mut tx = state.store.read().await?;
    let rows = tx.facilities(zone_id).await?;
    Ok(FacilitiesResponse {
        facilities: rows
            .into_iter()
            .map(|f| FacilityView {
                id: f.id,
                name: f.name,
                address: f.address,
                city: f.city,
                province: f.province,
                zone_id: f.zone_id,
                zone: f.zone_name,
                lat: f.lat,
                lon: f.lon,
            })
            .collect(),
    })
}

/// Services whose description contains `query` (case-insensitive) or whose code is it.
pub async fn services(state: &AppState, query: Option<&str>) -> ServiceResult<ServicesResponse> {
    let query = query.unwrap_or("").trim().to_uppercase();
    if query.chars().count() > 60 {
        return Err(ServiceError::invalid("query_too_long", "q"));
    }
    let mut tx = state.store.read().await?;
    let rows = tx.services(&query, 100).await?;
    Ok(ServicesResponse {
        services: rows.iter().map(service_view).collect(),
    })
}
