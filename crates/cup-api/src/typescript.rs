//! TypeScript declarations of the wire types (feature `ts`), for the app's UI.
//!
//! The app crate writes them, with its own types, into `ui/src/backend/generated/` and a test
//! fails when the committed files are stale.

use ts_rs::{Config, ExportError, TS};

use crate::*;

/// Exports every wire type (and what it refers to) as one `.ts` file per type into the
/// configuration's output directory. Integers become `number` when the configuration says so
/// (`Config::with_large_int("number")`); dates and instants are ISO strings.
pub fn export_all(cfg: &Config) -> Result<(), ExportError> {
    // Sessions and the patient.
    PrescriptionLoginRequest::export_all(cfg)?;
    CardLoginRequest::export_all(cfg)?;
    SessionKind::export_all(cfg)?;
    SessionResponse::export_all(cfg)?;
    PatientView::export_all(cfg)?;
    // Prescriptions and the catalogue.
    PrescriptionView::export_all(cfg)?;
    AreasResponse::export_all(cfg)?;
    FacilitiesResponse::export_all(cfg)?;
    ServicesResponse::export_all(cfg)?;
    // Availability.
    AvailabilityQuery::export_all(cfg)?;
    AvailabilityResponse::export_all(cfg)?;
    CalendarQuery::export_all(cfg)?;
    CalendarResponse::export_all(cfg)?;
    CombinedQuery::export_all(cfg)?;
    CombinedResponse::export_all(cfg)?;
    // Holds and bookings.
    HoldRequest::export_all(cfg)?;
    HoldView::export_all(cfg)?;
    BookRequest::export_all(cfg)?;
    RescheduleRequest::export_all(cfg)?;
    BookingView::export_all(cfg)?;
    BookingsResponse::export_all(cfg)?;
    LookupQuery::export_all(cfg)?;
    BookingDocumentsView::export_all(cfg)?;
    StatsResponse::export_all(cfg)?;
    // Channels and errors.
    Channel::export_all(cfg)?;
    ErrorCode::export_all(cfg)?;
    ApiError::export_all(cfg)?;
    Ok(())
}
