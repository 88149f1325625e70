//! The OpenAPI document, generated from the handlers and the wire types.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "CUP Toscana regional backend",
        version = "1",
        description = "Find, hold, book, cancel and reschedule public-health appointments. \
            Every request sends X-CUP-Channel; mutating requests send Idempotency-Key; \
            errors are {code, message}."
    ),
    paths(
        super::sessions::login_prescription,
        super::sessions::login_card,
        super::sessions::logout,
        super::sessions::patient,
        super::catalogue::areas,
        super::catalogue::facilities,
        super::catalogue::services,
        super::prescriptions::read,
        super::prescriptions::availability,
        super::prescriptions::calendar,
        super::prescriptions::combined,
        super::holds::create,
        super::holds::extend,
        super::holds::release,
        super::bookings::book,
        super::bookings::list,
        super::bookings::lookup,
        super::bookings::get,
        super::bookings::cancel,
        super::bookings::reschedule,
        super::bookings::documents,
        super::ops::stats,
    ),
    components(schemas(
        cup_api::ErrorCode,
        cup_api::Channel,
        cup_api::ServiceKindView,
        cup_api::SearchScope,
        cup_api::BookingStatus,
        cup_api::GuaranteeView,
        cup_api::SessionKind
    ))
)]
pub struct ApiDoc;

/// The document as served and as committed (`crates/cup-server/openapi.json`).
pub fn document() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

pub async fn serve() -> Json<serde_json::Value> {
    Json(serde_json::to_value(ApiDoc::openapi()).unwrap_or_default())
}
