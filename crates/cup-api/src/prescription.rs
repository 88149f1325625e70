//! A prescription as read by NRE, with what can be booked online and why not.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::catalogue::ServiceView;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrescriptionView {
    pub nre: String,
    /// ISTAT-style region code of the NRE, e.g. `090` for Toscana.
    pub region_code: String,
    pub region_name: String,
    /// Priority class as prescribed (`U`, `B`, `D`, `P`), if any.
    pub priority: Option<String>,
    /// The class that applies (a missing class counts as `P`).
    pub effective_priority: String,
    /// `first` or `follow_up`.
    pub access: String,
    pub exemption: Option<String>,
    pub issued_on: NaiveDate,
    pub doctor: String,
    pub question: String,
    pub lines: Vec<PrescriptionLineView>,
    /// The ticket the citizen pays for the whole prescription (0 when exempt).
    pub ticket_cents: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrescriptionLineView {
    /// 0-based line number on the prescription.
    pub line: u32,
    pub service: ServiceView,
    pub quantity: u32,
    pub bookability: BookabilityView,
    /// The CUP number of the live booking of this line, if booked.
    pub booked_as: Option<String>,
}

/// Whether a line can be booked online; if not, why (`reason`) and what to do (`next_step`),
/// as the domain's stable codes (`laboratory` / `zerocoda`, `urgent_priority` / `call_cup`...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BookabilityView {
    pub bookable: bool,
    pub reason: Option<String>,
    pub next_step: Option<String>,
}
