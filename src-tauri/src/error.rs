//! The app's error type. It crosses into the UI as `{code, message, field?}`: the UI
//! translates the stable `code` (and names `field` in a form) and never shows or matches on
//! `message`, which is English, for logs. Messages never carry identifiers.

use cup_client::ClientError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    /// An input rejected by the domain before any network call (`cf_check_char`, ...).
    #[error("{message}")]
    Invalid {
        code: &'static str,
        field: &'static str,
        message: String,
    },
    /// The backend answered with an error: its code (and field) pass through.
    #[error("{message}")]
    Api {
        code: String,
        message: String,
        field: Option<String>,
        /// For `too_many_attempts`: how long the backend asks to wait.
        retry_after_seconds: Option<u64>,
    },
    /// The backend could not be reached (or the embedded one did not start).
    #[error("the backend could not be reached")]
    Unreachable,
    /// The backend did not answer in time (or the embedded one is still starting).
    #[error("the backend did not answer in time")]
    Timeout,
    /// No session in the app: log in again.
    #[error("no valid session: log in again")]
    SessionExpired,
    /// An answer or a setting the app could not use.
    #[error("{message}")]
    Other { code: &'static str, message: String },
}

/// Codes the app makes itself (the others are the server's and the domain's).
pub mod codes {
    pub use cup_client::codes::{INVALID_RESPONSE, INVALID_URL, TIMEOUT, UNREACHABLE};
    pub const SESSION_EXPIRED: &str = "session_expired";
    pub const INTERNAL: &str = "internal";
    /// The OS keyring refused to forget the remembered card.
    pub const KEYRING_FAILED: &str = "keyring_failed";
}

impl AppError {
    pub fn code(&self) -> &str {
        match self {
            AppError::Invalid { code, .. } | AppError::Other { code, .. } => code,
            AppError::Api { code, .. } => code,
            AppError::Unreachable => codes::UNREACHABLE,
            AppError::Timeout => codes::TIMEOUT,
            AppError::SessionExpired => codes::SESSION_EXPIRED,
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } => Some(field),
            AppError::Api { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// How long to wait before trying again, when the backend said so.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            AppError::Api {
                retry_after_seconds,
                ..
            } => *retry_after_seconds,
            _ => None,
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        AppError::Other {
            code: codes::INTERNAL,
            message: message.into(),
        }
    }

    /// Whether the backend could not be reached or did not answer in time: what the device
    /// store may stand in for.
    pub fn is_offline(&self) -> bool {
        matches!(self, AppError::Unreachable | AppError::Timeout)
    }

    /// Whether this is the backend (or the app) saying the session is gone.
    pub fn is_session_expired(&self) -> bool {
        self.code() == codes::SESSION_EXPIRED
    }
}

impl From<ClientError> for AppError {
    fn from(error: ClientError) -> Self {
        match error {
            ClientError::Api { error, .. } => AppError::Api {
                code: error.code,
                message: error.message,
                field: error.field,
                retry_after_seconds: error.retry_after_seconds,
            },
            ClientError::Transport(ref e) if e.is_timeout() => AppError::Timeout,
            ClientError::Transport(_) => AppError::Unreachable,
            ClientError::Decode { .. } => AppError::Other {
                code: codes::INVALID_RESPONSE,
                message: "the backend answered with an unexpected body".into(),
            },
            ClientError::InvalidUrl(reason) => AppError::Other {
                code: codes::INVALID_URL,
                message: format!("invalid backend URL: {reason}"),
            },
            other @ ClientError::InvalidInput { .. } => AppError::Api {
                code: other.code().to_owned(),
                message: other.to_string(),
                field: None,
                retry_after_seconds: None,
            },
        }
    }
}

/// What the UI receives for an [`AppError`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "AppError"))]
pub struct AppErrorBody<'a> {
    /// Stable machine code: the UI translates it.
    pub code: &'a str,
    /// English, for logs; never shown as is.
    pub message: String,
    /// The input a validation error is about (`codice_fiscale`, `tessera`, `nre`, `phone`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub field: Option<&'a str>,
    /// For `too_many_attempts`: seconds to wait before trying again.
    #[serde(rename = "retryAfterSeconds", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional, type = "number"))]
    pub retry_after_seconds: Option<u64>,
}

impl Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        AppErrorBody {
            code: self.code(),
            message: self.to_string(),
            field: self.field(),
            retry_after_seconds: self.retry_after_seconds(),
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cup_api::{ApiError, ErrorCode};

    #[test]
    fn serialises_as_code_message_and_field() {
        let json = serde_json::to_value(AppError::internal("boom")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "internal", "message": "boom"})
        );
        let invalid = AppError::Invalid {
            code: "cf_check_char",
            field: "codice_fiscale",
            message: "bad".into(),
        };
        let json = serde_json::to_value(invalid).unwrap();
        assert_eq!(json["field"], "codice_fiscale");
        assert_eq!(json["code"], "cf_check_char");
    }

    #[test]
    fn api_errors_pass_through_with_their_field() {
        let error = ClientError::Api {
            status: 400,
            error: ApiError::invalid_field("nre_region", "nre", "not Toscana"),
        };
        let app = AppError::from(error);
        assert_eq!(app.code(), "nre_region");
        assert_eq!(app.field(), Some("nre"));
        let expired = AppError::from(ClientError::Api {
            status: 401,
            error: ApiError::new(ErrorCode::SessionExpired, "gone"),
        });
        assert!(expired.is_session_expired());
        assert!(AppError::SessionExpired.is_session_expired());
    }

    #[test]
    fn too_many_attempts_carries_how_long_to_wait() {
        let mut api = ApiError::new(ErrorCode::TooManyAttempts, "wait");
        api.retry_after_seconds = Some(300);
        let app = AppError::from(ClientError::Api {
            status: 429,
            error: api,
        });
        let json = serde_json::to_value(&app).unwrap();
        assert_eq!(json["code"], "too_many_attempts");
        assert_eq!(json["retryAfterSeconds"], 300);
        let plain = serde_json::to_value(AppError::Unreachable).unwrap();
        assert!(plain.get("retryAfterSeconds").is_none());
    }
}
