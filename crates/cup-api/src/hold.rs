//! Holds: a slot reserved for one prescription line while the citizen confirms.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::availability::Offer;

/// `POST /v1/holds`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct HoldRequest {
    pub nre: String,
    pub line: u32,
    pub slot_id: i64,
    /// When moving a booking (spostamento): its CUP number. The line is booked already, and
    /// the new slot is held for the move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reschedule: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HoldView {
    pub id: i64,
    pub nre: String,
    pub line: u32,
    pub offer: Offer,
    /// Server-authoritative expiry.
    pub expires_at: DateTime<Utc>,
    /// The server's clock when answering, so a client can correct its countdown for skew.
    pub server_time: DateTime<Utc>,
    /// One extension is allowed per hold.
    pub can_extend: bool,
    /// Free cancellation of the booking this hold would become, until this instant (the
    /// domain's notice before the start), so that the summary says it before booking.
    pub cancel_by: DateTime<Utc>,
}
