//! The client's errors: the server's [`ApiError`]s, transport failures, undecodable answers.
//!
//! Nothing here ever prints a token, and transport errors are stripped of their URL, whose
//! path may carry a prescription or booking number.

use std::time::Duration;

use cup_api::{ApiError, ErrorCode};

/// Stable codes of the errors that do not come from the server, as [`ClientError::code`]
/// gives them (the others are the server's [`ErrorCode`]s or the domain's validation codes).
pub mod codes {
    /// The backend could not be reached (connection refused, DNS, reset...).
    pub const UNREACHABLE: &str = "unreachable";
    /// The backend did not answer in time.
    pub const TIMEOUT: &str = "timeout";
    /// The backend answered with a success body the client could not decode.
    pub const INVALID_RESPONSE: &str = "invalid_response";
    /// The configured base URL is not usable.
    pub const INVALID_URL: &str = "invalid_url";
}

/// Longest excerpt of a non-JSON error body kept in a synthesized [`ApiError`] message.
const MAX_ERROR_EXCERPT_CHARS: usize = 200;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with a non-2xx status and this error body (synthesized from the
    /// status when the body was not an [`ApiError`], e.g. from a proxy).
    #[error("HTTP {status}: {error}")]
    Api { status: u16, error: ApiError },
    /// The request did not complete: connection refused, timeout, reset.
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
    /// A success response whose body is not what the endpoint promises.
    #[error("undecodable response body (HTTP {status})")]
    Decode {
        status: u16,
        #[source]
        source: serde_json::Error,
    },
    /// The base URL is not an absolute http(s) URL without credentials, query or fragment.
    #[error("invalid base URL: {0}")]
    InvalidUrl(&'static str),
    /// An input rejected before sending (over-long idempotency key, empty path segment...).
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        field: &'static str,
        reason: &'static str,
    },
}

impl ClientError {
    /// Wraps a reqwest error, dropping its URL (which may carry identifiers).
    pub(crate) fn transport(error: reqwest::Error) -> Self {
        ClientError::Transport(error.without_url())
    }

    /// A stable code for any error: the server's code for [`ClientError::Api`],
    /// `invalid_input` for inputs rejected before sending, or one of [`codes`].
    pub fn code(&self) -> &str {
        match self {
            ClientError::Api { error, .. } => &error.code,
            ClientError::Transport(error) if error.is_timeout() => codes::TIMEOUT,
            ClientError::Transport(_) => codes::UNREACHABLE,
            ClientError::Decode { .. } => codes::INVALID_RESPONSE,
            ClientError::InvalidUrl(_) => codes::INVALID_URL,
            ClientError::InvalidInput { .. } => ErrorCode::InvalidInput.as_str(),
        }
    }

    /// Whether [`code`](Self::code) is this API error code.
    pub fn is(&self, code: ErrorCode) -> bool {
        self.code() == code.as_str()
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api { status, .. } | ClientError::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The server's error body, when it answered with one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            ClientError::Api { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The backend could not be reached at all (connection refused, DNS failure).
    pub fn is_connect(&self) -> bool {
        matches!(self, ClientError::Transport(error) if error.is_connect())
    }

    /// The request timed out (connecting or waiting for the answer).
    pub fn is_timeout(&self) -> bool {
        matches!(self, ClientError::Transport(error) if error.is_timeout())
    }

    /// Any transport failure: for the app, "backend unreachable".
    pub fn is_transport(&self) -> bool {
        matches!(self, ClientError::Transport(_))
    }

    /// Worth retrying as is (with the same idempotency key for a mutating call): transport
    /// failures, 503 / `unavailable`, and `idempotency_in_flight`.
    pub fn retryable(&self) -> bool {
        match self {
            ClientError::Transport(error) => !error.is_builder() && !error.is_redirect(),
            ClientError::Api { status, error } => {
                *status == 503
                    || error.is(ErrorCode::Unavailable)
                    || error.is(ErrorCode::IdempotencyInFlight)
            }
            _ => false,
        }
    }

    /// How long the server asked to wait (with `too_many_attempts`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.api_error()
            .and_then(|error| error.retry_after_seconds)
            .map(Duration::from_secs)
    }
}

/// The error of a non-2xx response: its [`ApiError`] body, or one synthesized from the status
/// (`unavailable` for 502/503/504, `body_too_large` for 413, `too_many_attempts` for 429,
/// `internal` otherwise) with an excerpt of the body as the message.
pub(crate) fn decode_error(status: u16, body: &[u8]) -> ClientError {
    if let Ok(error) = serde_json::from_slice::<ApiError>(body)
        && !error.code.is_empty()
    {
        return ClientError::Api { status, error };
    }
    let code = match status {
        502..=504 => ErrorCode::Unavailable,
        413 => ErrorCode::BodyTooLarge,
        429 => ErrorCode::TooManyAttempts,
        _ => ErrorCode::Internal,
    };
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let message = if text.is_empty() {
        format!("HTTP {status} without an error body")
    } else {
        let mut excerpt: String = text.chars().take(MAX_ERROR_EXCERPT_CHARS).collect();
        if text.chars().nth(MAX_ERROR_EXCERPT_CHARS).is_some() {
            excerpt.push('…');
        }
        format!("HTTP {status}: {excerpt}")
    };
    ClientError::Api {
        status,
        error: ApiError::new(code, message),
    }
}

/// The body of a 2xx response, decoded as the endpoint promises.
pub(crate) fn decode_body<T: serde::de::DeserializeOwned>(
    status: u16,
    body: &[u8],
) -> Result<T, ClientError> {
    serde_json::from_slice(body).map_err(|source| ClientError::Decode { status, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_an_api_error_body() {
        let body = br#"{"code":"cf_check_char","message":"bad check","field":"codice_fiscale"}"#;
        let error = decode_error(400, body);
        assert_eq!(error.code(), "cf_check_char");
        assert_eq!(error.status(), Some(400));
        let api = error.api_error().expect("api error");
        assert_eq!(api.field.as_deref(), Some("codice_fiscale"));
        assert!(!error.retryable());
        assert!(!error.is_transport());
    }

    #[test]
    fn keeps_retry_after() {
        let body = br#"{"code":"too_many_attempts","message":"wait","retry_after_seconds":30}"#;
        let error = decode_error(429, body);
        assert!(error.is(ErrorCode::TooManyAttempts));
        assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    }

    #[test]
    fn synthesizes_from_the_status_when_the_body_is_not_an_api_error() {
        let error = decode_error(502, b"<html>Bad Gateway</html>");
        assert!(error.is(ErrorCode::Unavailable));
        assert!(error.retryable());
        let api = error.api_error().expect("api error");
        assert_eq!(api.message, "HTTP 502: <html>Bad Gateway</html>");

        let error = decode_error(503, b"");
        assert!(error.is(ErrorCode::Unavailable));
        assert_eq!(
            error.api_error().expect("api error").message,
            "HTTP 503 without an error body"
        );

        assert!(decode_error(404, b"").is(ErrorCode::Internal));
        assert!(decode_error(500, b"{\"other\":1}").is(ErrorCode::Internal));
        assert!(decode_error(400, b"{\"code\":\"\",\"message\":\"\"}").is(ErrorCode::Internal));
        assert!(decode_error(413, b"Length limit exceeded").is(ErrorCode::BodyTooLarge));
        assert!(decode_error(429, b"slow down").is(ErrorCode::TooManyAttempts));
    }

    #[test]
    fn truncates_long_bodies_on_a_char_boundary() {
        let body = "è".repeat(1000);
        let error = decode_error(500, body.as_bytes());
        let message = &error.api_error().expect("api error").message;
        assert!(message.ends_with('…'));
        assert_eq!(message.chars().filter(|c| *c == 'è').count(), 200);

        let exact = "x".repeat(200);
        let error = decode_error(500, exact.as_bytes());
        assert!(!error.api_error().expect("api error").message.ends_with('…'));
    }

    #[test]
    fn retryable_errors() {
        let in_flight = decode_error(
            409,
            br#"{"code":"idempotency_in_flight","message":"still running"}"#,
        );
        assert!(in_flight.retryable());
        let taken = decode_error(409, br#"{"code":"slot_unavailable","message":"taken"}"#);
        assert!(!taken.retryable());
        assert!(taken.is(ErrorCode::SlotUnavailable));
        let unavailable = decode_error(503, br#"{"code":"unavailable","message":"busy"}"#);
        assert!(unavailable.retryable());
        let internal = decode_error(500, br#"{"code":"internal","message":"oops"}"#);
        assert!(!internal.retryable());
    }

    #[test]
    fn client_side_codes() {
        assert_eq!(ClientError::InvalidUrl("x").code(), codes::INVALID_URL);
        let input = ClientError::InvalidInput {
            field: "nre",
            reason: "empty",
        };
        assert!(input.is(ErrorCode::InvalidInput));
        assert!(!input.retryable());
        let source = serde_json::from_slice::<u32>(b"\"secret\"").expect_err("not a number");
        let decode = ClientError::Decode {
            status: 200,
            source,
        };
        assert_eq!(decode.code(), codes::INVALID_RESPONSE);
        // The body excerpt stays out of the message.
        assert!(!decode.to_string().contains("secret"));
    }

    #[test]
    fn decodes_success_bodies() {
        let value: cup_api::CalendarResponse = decode_body(
            200,
            br#"{"month":"2025-03","days":[{"day":"2025-03-04","available":2}]}"#,
        )
        .expect("decodes");
        assert_eq!(value.days.len(), 1);
        let error = decode_body::<cup_api::CalendarResponse>(200, b"{}").expect_err("missing");
        assert_eq!(error.status(), Some(200));
        assert_eq!(error.code(), codes::INVALID_RESPONSE);
    }
}
