//! The OpenAPI document, generated from the handlers and the wire types.
//!
//! The handlers' annotations say what is particular to each operation; [`SharedContract`]
//! adds what the shared extractors and the idempotency wrapper do for every operation of a
//! kind, so that the document lists every status the server can really answer.

use axum::Json;
use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    Content, HeaderBuilder, ObjectBuilder, Ref, RefOr, Required, Response, ResponseBuilder, Type,
};
use utoipa::{Modify, OpenApi};

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
    )),
    modifiers(&SharedContract)
)]
pub struct ApiDoc;

/// The security scheme of a citizen's session (`Authorization: Bearer <token>`).
pub const SESSION_SCHEME: &str = "session";
/// The security scheme of the operators' token (`--ops-token`).
pub const OPS_SCHEME: &str = "ops";

/// The operations of `/v1` that need no session: logging in and the public catalogue.
pub const PUBLIC_PATHS: [&str; 5] = [
    "/v1/sessions/prescription",
    "/v1/sessions/card",
    "/v1/catalogue/areas",
    "/v1/catalogue/facilities",
    "/v1/catalogue/services",
];

/// What every operation of a kind shares: the channel header (`ChannelOf`), the session
/// (`Auth`), the idempotency key (`api::mutate`), the bounded body (`RawBody`), and the
/// errors each of them answers with.
struct SharedContract;

impl Modify for SharedContract {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for name in [SESSION_SCHEME, OPS_SCHEME] {
            components.add_security_scheme(
                name,
                SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
            );
        }
        for (path, item) in openapi.paths.paths.iter_mut() {
            let versioned = path.starts_with(cup_api::API_PREFIX);
            let scheme = match path.as_str() {
                p if p.starts_with("/ops/") => Some(OPS_SCHEME),
                p if versioned && !PUBLIC_PATHS.contains(&p) => Some(SESSION_SCHEME),
                _ => None,
            };
            for operation in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                shared_contract(operation, versioned, scheme);
            }
        }
    }
}

fn shared_contract(operation: &mut Operation, versioned: bool, scheme: Option<&str>) {
    let parameters = operation.parameters.get_or_insert_with(Vec::new);
    if versioned {
        parameters.insert(0, channel_parameter());
    }
    let mutating = parameters
        .iter_mut()
        .find(|p| {
            p.parameter_in == ParameterIn::Header && p.name.eq_ignore_ascii_case("idempotency-key")
        })
        .map(|p| *p = idempotency_parameter(&p.name))
        .is_some();
    let has_path_parameter = parameters
        .iter()
        .any(|p| p.parameter_in == ParameterIn::Path);
    let has_body = operation.request_body.is_some();

    let mut errors: Vec<(u16, &str)> = vec![(
        400,
        "Malformed request or invalid input (`field` names it), or a missing or unknown X-CUP-Channel",
    )];
    match scheme {
        Some(SESSION_SCHEME) => errors.extend([
            (401, "No valid session (`session_expired`): log in again"),
            (
                403,
                "The session may not do this (e.g. another prescription)",
            ),
            (404, "Nothing found, or not the caller's own data"),
        ]),
        Some(_) => errors.push((403, "Operators only")),
        None => {}
    }
    if has_path_parameter {
        errors.push((404, "Nothing found, or not the caller's own data"));
    }
    if mutating {
        errors.extend([
            (
                409,
                "A request with this Idempotency-Key is still being processed",
            ),
            (422, "This Idempotency-Key was used for another request"),
        ]);
    }
    if has_body {
        errors.push((413, "The request body is larger than 16 KiB"));
    }
    errors.push((503, "Temporarily unavailable: retry"));
    for (status, description) in errors {
        operation
            .responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::T(error_response(description)));
    }
    if mutating {
        for (status, response) in operation.responses.responses.iter_mut() {
            if let (true, RefOr::T(response)) = (status.starts_with('2'), response) {
                response.headers.insert(
                    cup_api::IDEMPOTENT_REPLAY_HEADER.to_owned(),
                    HeaderBuilder::new()
                        .schema(ObjectBuilder::new().schema_type(Type::String).enum_values(Some(["true"])))
                        .description(Some(
                            "`true` when the answer is the stored one of an earlier request with the same key",
                        ))
                        .build(),
                );
            }
        }
    }
    if let Some(scheme) = scheme {
        operation.security = Some(vec![SecurityRequirement::new::<_, [&str; 0], &str>(
            scheme,
            [],
        )]);
    }
}

fn error_response(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            Content::new(Some(Ref::from_schema_name("ApiError"))),
        )
        .build()
}

/// `X-CUP-Channel`, required on every request of `/v1`.
fn channel_parameter() -> Parameter {
    ParameterBuilder::new()
        .name(cup_api::CHANNEL_HEADER)
        .parameter_in(ParameterIn::Header)
        .required(Required::True)
        .description(Some("The channel of the request"))
        .schema(Some(Ref::from_schema_name("Channel")))
        .build()
}

/// `Idempotency-Key`: 1 to 128 visible ASCII characters (`extract::idempotency_key`).
fn idempotency_parameter(name: &str) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(Required::True)
        .description(Some(
            "Unique per request: a repeat with the same key and request gets the first answer",
        ))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(cup_api::limits::MAX_IDEMPOTENCY_KEY))
                .pattern(Some("^[!-~]+$")),
        ))
        .build()
}

/// The document as served and as committed (`crates/cup-server/openapi.json`).
pub fn document() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

pub async fn serve() -> Json<serde_json::Value> {
    Json(serde_json::to_value(ApiDoc::openapi()).unwrap_or_default())
}
