//! Sessions: three-factor access (codice fiscale + card + NRE, with the privacy consent) to
//! book a prescription, and card access (codice fiscale + card) to manage bookings.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `POST /v1/sessions/prescription`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrescriptionLoginRequest {
    pub codice_fiscale: String,
    /// The 20-digit number of the tessera sanitaria (TEAM card).
    pub tessera: String,
    /// The electronic prescription number.
    pub nre: String,
    /// The citizen has read the privacy notice and agrees.
    pub privacy_consent: bool,
}

/// `POST /v1/sessions/card`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CardLoginRequest {
    pub codice_fiscale: String,
    pub tessera: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// Three-factor: may read and book its one prescription, and manage the patient's bookings.
    Prescription,
    /// Card: may manage the patient's bookings.
    Card,
}

/// A new session. The token is opaque; send it as `Authorization: Bearer <token>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionResponse {
    pub token: String,
    pub kind: SessionKind,
    /// Sliding: every authenticated request moves it forward.
    pub expires_at: DateTime<Utc>,
    pub patient: PatientView,
}

/// The patient's data as the summary screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PatientView {
    pub given_name: String,
    pub family_name: String,
    pub codice_fiscale: String,
    /// `M` or `F`.
    pub sex: String,
    pub birth_date: NaiveDate,
    pub birth_place: String,
    pub address: String,
    /// The home zone (ambito di garanzia) from the residence.
    pub zone: String,
    /// E.164.
    pub phone: Option<String>,
    pub email: Option<String>,
}
