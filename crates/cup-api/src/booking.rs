//! Bookings: book a hold, look up, list, cancel, reschedule, documents.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::availability::Offer;
use crate::catalogue::ServiceView;
use crate::channel::Channel;
use crate::session::PatientView;

/// `POST /v1/bookings`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct BookRequest {
    pub hold_id: i64,
    /// Phone for the SMS confirmation (Italian number, any common spelling).
    pub phone: Option<String>,
}

/// `POST /v1/bookings/{cup_number}/reschedule`: the new slot must be held first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RescheduleRequest {
    pub hold_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// PRENOTATO
    Booked,
    /// DISDETTO
    Cancelled,
    /// SPOSTATO (moved to another booking)
    Moved,
    /// EROGATO
    Done,
    /// NON PRESENTATO
    NoShow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GuaranteeView {
    Kept,
    Waived,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BookingView {
    /// The 12-digit CUP booking number.
    pub cup_number: String,
    /// The call-centre PIN.
    pub pin: String,
    pub status: BookingStatus,
    pub nre: String,
    pub line: u32,
    pub service: ServiceView,
    pub quantity: u32,
    pub offer: Offer,
    /// What the citizen pays for this booking's prescription (0 when exempt).
    pub ticket_cents: u64,
    pub exemption: Option<String>,
    /// pagoPA notice number (18 digits).
    pub notice_number: String,
    /// IUV (17 digits).
    pub iuv: String,
    pub guarantee: Option<GuaranteeView>,
    /// The phone the SMS confirmation went to, masked.
    pub sms_phone: Option<String>,
    /// Free cancellation until this instant (48 hours before).
    pub cancel_by: DateTime<Utc>,
    /// A late cancellation or a no-show owes the ticket ("malum").
    pub malum_owed: bool,
    pub channel: Channel,
    pub created_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// When moved: the CUP number of the new booking.
    pub moved_to: Option<String>,
    /// When this booking replaced another: its CUP number.
    pub moved_from: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BookingsResponse {
    pub bookings: Vec<BookingView>,
}

/// `GET /v1/bookings/lookup`: exactly one of the three.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, IntoParams)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
#[into_params(parameter_in = Query)]
pub struct LookupQuery {
    /// Call-centre PIN.
    pub pin: Option<String>,
    /// CUP booking number.
    pub cup_number: Option<String>,
    /// Prescription number.
    pub nre: Option<String>,
}

/// The pagoPA payment notice of a booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentNoticeView {
    pub creditor_name: String,
    pub creditor_fiscal_code: String,
    pub notice_number: String,
    /// Printed in groups of four.
    pub notice_number_grouped: String,
    pub iuv: String,
    pub amount_cents: u64,
    pub due_date: NaiveDate,
    /// `PAGOPA|002|<notice>|<creditor>|<cents>`.
    pub qr_payload: String,
}

/// `GET /v1/bookings/{cup_number}/documents`: what the promemoria and the payment form need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BookingDocumentsView {
    pub booking: BookingView,
    pub patient: PatientView,
    pub priority: Option<String>,
    pub issued_on: NaiveDate,
    /// `None` when nothing is to be paid.
    pub payment: Option<PaymentNoticeView>,
}

/// `GET /ops/stats`: operations per channel and day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OperationCount {
    pub day: NaiveDate,
    pub channel: String,
    pub operation: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatsResponse {
    pub operations: Vec<OperationCount>,
}
