//! Responses: JSON bodies, `{code, message}` errors, idempotent replays.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cup_api::IDEMPOTENT_REPLAY_HEADER;
use serde::Serialize;

use crate::service::ServiceError;

/// An error on its way out as `{code, message}`.
#[derive(Debug)]
pub struct ApiFailure(pub ServiceError);

impl From<ServiceError> for ApiFailure {
    fn from(error: ServiceError) -> Self {
        ApiFailure(error)
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if status.is_server_error() {
            // The store's error text holds no request values (sqlx does not echo binds).
            tracing::error!(error = %self.0, "request failed");
        }
        let mut response = (status, Json(self.0.to_api())).into_response();
        if let ServiceError::TooManyAttempts {
            retry_after_seconds,
        } = &self.0
            && let Ok(value) = HeaderValue::from_str(&retry_after_seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    (status, Json(value)).into_response()
}

/// The stored first response of a repeated request.
pub fn replay(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut response = if status == StatusCode::NO_CONTENT {
        status.into_response()
    } else {
        (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    response
        .headers_mut()
        .insert(IDEMPOTENT_REPLAY_HEADER, HeaderValue::from_static("true"));
    response
}
