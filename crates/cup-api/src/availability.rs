//! Availability: offers for a prescription line, the month calendar, combined offers.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::catalogue::{FacilityView, ServiceView};

/// How far to search: the patient's zone, then their ASL, then the whole region.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SearchScope {
    #[default]
    Zone,
    Asl,
    Region,
}

impl SearchScope {
    /// The next wider scope ("estendi zona di ricerca").
    pub fn wider(self) -> Option<SearchScope> {
        match self {
            SearchScope::Zone => Some(SearchScope::Asl),
            SearchScope::Asl => Some(SearchScope::Region),
            SearchScope::Region => None,
        }
    }
}

/// `GET /v1/prescriptions/{nre}/availability`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, IntoParams)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
#[into_params(parameter_in = Query)]
pub struct AvailabilityQuery {
    /// Prescription line (0-based).
    pub line: u32,
    #[serde(default)]
    pub scope: SearchScope,
    /// First day (Europe/Rome), default today.
    pub from: Option<NaiveDate>,
    /// Last day (Europe/Rome), default 180 days on.
    pub to: Option<NaiveDate>,
    /// Only this day (Europe/Rome): the offers of one calendar day.
    pub day: Option<NaiveDate>,
    /// Only this facility.
    pub facility_id: Option<i64>,
    /// At most this many offers (1..=50, default 10).
    pub limit: Option<u32>,
    /// When moving a booking (spostamento): its CUP number. Its line is booked already; the
    /// offers are for the move.
    pub reschedule: Option<String>,
}

/// One bookable slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Offer {
    pub slot_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The ambulatory unit: "[104]-CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.".
    pub unit: String,
    pub facility: FacilityView,
    /// Distance from the patient's home zone centre, in km.
    pub distance_km: f64,
    /// Inside the priority's guarantee window.
    pub inside_guarantee: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GuaranteeWindowView {
    pub priority: String,
    pub ends_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AvailabilityResponse {
    pub line: u32,
    pub scope: SearchScope,
    pub service: ServiceView,
    /// Ordered by first available, then distance.
    pub offers: Vec<Offer>,
    /// The guarantee window of the priority, for a first access with a class.
    pub guarantee: Option<GuaranteeWindowView>,
    /// No offer anywhere in the region falls inside the guarantee window: the citizen is
    /// entitled to the "percorso di tutela".
    pub tutela: bool,
    /// A wider scope that can still be searched.
    pub wider_scope: Option<SearchScope>,
}

/// `GET /v1/prescriptions/{nre}/calendar`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, IntoParams)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    pub line: u32,
    #[serde(default)]
    pub scope: SearchScope,
    /// `YYYY-MM`.
    pub month: String,
    /// When moving a booking: its CUP number (see [`AvailabilityQuery::reschedule`]).
    pub reschedule: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CalendarDay {
    pub day: NaiveDate,
    pub available: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CalendarResponse {
    pub month: String,
    /// Days with at least one free slot, in order.
    pub days: Vec<CalendarDay>,
}

/// `GET /v1/prescriptions/{nre}/combined-availability`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, IntoParams)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
#[into_params(parameter_in = Query)]
pub struct CombinedQuery {
    #[serde(default)]
    pub scope: SearchScope,
    pub limit: Option<u32>,
}

/// One offer for every bookable line of a prescription.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CombinedOffer {
    /// One offer per bookable line, in line order.
    pub offers: Vec<LineOffer>,
    pub same_day: bool,
    pub same_site: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineOffer {
    pub line: u32,
    pub offer: Offer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CombinedResponse {
    pub scope: SearchScope,
    /// Same day and same site first, then same day, then earliest.
    pub combinations: Vec<CombinedOffer>,
}
