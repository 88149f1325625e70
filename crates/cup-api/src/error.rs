//! Errors on the wire: `{code, message, field?}` with a stable `code` that clients translate.
//! `message` is English, for operators and logs; a UI never shows it or matches on it.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The API's own error codes. Validation errors of identifiers carry the domain's codes
/// (`cf_check_char`, `nre_region`, ...) in `code`, with `field` naming the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not valid JSON of the expected shape.
    MalformedRequest,
    /// An input is out of its bounds or invalid (see `field`).
    InvalidInput,
    /// The request body is larger than the API accepts.
    BodyTooLarge,
    /// The `X-CUP-Channel` header is missing or names no known channel.
    InvalidChannel,
    /// A mutating request without an `Idempotency-Key` header (or an over-long one).
    IdempotencyKeyMissing,
    /// The same idempotency key was sent with another request body.
    IdempotencyKeyReused,
    /// A request with the same idempotency key is still being processed.
    IdempotencyInFlight,
    /// The privacy notice was not accepted.
    PrivacyConsentRequired,
    /// The identifiers do not belong together (deliberately generic).
    AuthenticationFailed,
    /// Too many failed attempts: wait and try again (see `retry_after_seconds`).
    TooManyAttempts,
    /// No valid session: log in again.
    SessionExpired,
    /// The session may not do this (e.g. a prescription session asking for another NRE).
    Forbidden,
    /// Nothing found (or not the caller's own data).
    NotFound,
    /// The prescription line cannot be booked online (see the prescription's bookability).
    NotBookable,
    /// The slot is held or booked by someone else.
    SlotUnavailable,
    /// The hold expired: choose a slot again.
    HoldExpired,
    /// The hold was already extended once.
    HoldExtensionUsed,
    /// The booking is in a state that does not allow this (e.g. already cancelled).
    BookingStateConflict,
    /// The appointment has already started or passed.
    AppointmentPassed,
    /// The service is temporarily unable to answer.
    Unavailable,
    /// An unexpected error on the server.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::InvalidChannel => "invalid_channel",
            ErrorCode::IdempotencyKeyMissing => "idempotency_key_missing",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::IdempotencyInFlight => "idempotency_in_flight",
            ErrorCode::PrivacyConsentRequired => "privacy_consent_required",
            ErrorCode::AuthenticationFailed => "authentication_failed",
            ErrorCode::TooManyAttempts => "too_many_attempts",
            ErrorCode::SessionExpired => "session_expired",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::NotBookable => "not_bookable",
            ErrorCode::SlotUnavailable => "slot_unavailable",
            ErrorCode::HoldExpired => "hold_expired",
            ErrorCode::HoldExtensionUsed => "hold_extension_used",
            ErrorCode::BookingStateConflict => "booking_state_conflict",
            ErrorCode::AppointmentPassed => "appointment_passed",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Internal => "internal",
        }
    }

    /// The HTTP status the server answers with.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::MalformedRequest
            | ErrorCode::InvalidInput
            | ErrorCode::InvalidChannel
            | ErrorCode::IdempotencyKeyMissing
            | ErrorCode::PrivacyConsentRequired => 400,
            ErrorCode::AuthenticationFailed | ErrorCode::SessionExpired => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::IdempotencyInFlight
            | ErrorCode::SlotUnavailable
            | ErrorCode::HoldExtensionUsed
            | ErrorCode::BookingStateConflict
            | ErrorCode::AppointmentPassed
            | ErrorCode::NotBookable => 409,
            ErrorCode::HoldExpired => 410,
            ErrorCode::BodyTooLarge => 413,
            ErrorCode::IdempotencyKeyReused => 422,
            ErrorCode::TooManyAttempts => 429,
            ErrorCode::Internal => 500,
            ErrorCode::Unavailable => 503,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ApiError {
    /// Stable machine code: one of [`ErrorCode`] or a domain validation code.
    pub code: String,
    /// English, for operators and logs; never shown to citizens as is.
    pub message: String,
    /// The input field a validation error is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub field: Option<String>,
    /// With `too_many_attempts`: how long to wait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub retry_after_seconds: Option<u64>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code: code.as_str().to_owned(),
            message: message.into(),
            field: None,
            retry_after_seconds: None,
        }
    }

    /// A validation error with the domain's code, about one field.
    pub fn invalid_field(code: &str, field: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            field: Some(field.to_owned()),
            retry_after_seconds: None,
        }
    }

    pub fn is(&self, code: ErrorCode) -> bool {
        self.code == code.as_str()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_string() {
        let json = serde_json::to_value(ErrorCode::SlotUnavailable).unwrap();
        assert_eq!(json, "slot_unavailable");
        assert_eq!(ErrorCode::SlotUnavailable.http_status(), 409);
        let error = ApiError::invalid_field("cf_check_char", "codice_fiscale", "bad check");
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["field"], "codice_fiscale");
        assert!(json.get("retry_after_seconds").is_none());
    }
}
