//! The catalogue: health authorities (ASL), zones, facilities and services.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AslView {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ZoneView {
    pub id: i64,
    pub asl_id: i64,
    /// As the CUP names it: "AREA DI PRATO - PRATESE".
    pub name: String,
}

/// `GET /v1/catalogue/areas`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AreasResponse {
    pub asls: Vec<AslView>,
    pub zones: Vec<ZoneView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FacilityView {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub city: String,
    /// Two-letter province code, e.g. `PO`.
    pub province: String,
    pub zone_id: i64,
    pub zone: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ServiceKindView {
    Visit,
    Diagnostic,
    Laboratory,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServiceView {
    pub id: i64,
    /// Catalogue code.
    pub code: String,
    pub description: String,
    pub branch: String,
    pub kind: ServiceKindView,
    pub tariff_cents: u64,
    /// Preparation notes (may be empty).
    pub preparation: String,
}

/// `GET /v1/catalogue/facilities?zone_id=`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FacilitiesResponse {
    pub facilities: Vec<FacilityView>,
}

/// `GET /v1/catalogue/services?q=`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServicesResponse {
    pub services: Vec<ServiceView>,
}
