//! The service layer's error: a stable API code, or a store failure.

use cup_api::{ApiError, ErrorCode};

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// A refusal the caller can act on.
    #[error("{code}: {message}")]
    Refused {
        code: ErrorCode,
        message: &'static str,
    },
    /// An input failed validation; `code` is the domain's code.
    #[error("invalid {field}: {code}")]
    Invalid {
        code: &'static str,
        field: &'static str,
    },
    #[error("too many failed attempts")]
    TooManyAttempts { retry_after_seconds: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The request's idempotency key was answered already: the stored answer, to replay.
    #[error("replay of a stored answer")]
    Replay { status: u16, body: String },
}

pub type ServiceResult<T> = Result<T, ServiceError>;

impl ServiceError {
    pub fn refused(code: ErrorCode, message: &'static str) -> Self {
        ServiceError::Refused { code, message }
    }

    pub fn invalid(code: &'static str, field: &'static str) -> Self {
        ServiceError::Invalid { code, field }
    }

    pub fn not_found() -> Self {
        Self::refused(ErrorCode::NotFound, "not found")
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> u16 {
        match self {
            ServiceError::Refused { code, .. } => code.http_status(),
            ServiceError::Invalid { .. } => ErrorCode::InvalidInput.http_status(),
            ServiceError::TooManyAttempts { .. } => ErrorCode::TooManyAttempts.http_status(),
            ServiceError::Store(e) if e.is_transient() => ErrorCode::Unavailable.http_status(),
            ServiceError::Store(_) => ErrorCode::Internal.http_status(),
            ServiceError::Replay { status, .. } => *status,
        }
    }

    /// Whether the same request may succeed later (the idempotency record is not kept).
    pub fn is_transient(&self) -> bool {
        matches!(self, ServiceError::Store(_))
    }

    /// Whether this is an answer about the idempotency key itself (a replay, the key reused
    /// or in flight) rather than about the request: such answers are never stored under it.
    pub fn concerns_the_key(&self) -> bool {
        matches!(
            self,
            ServiceError::Replay { .. }
                | ServiceError::Refused {
                    code: ErrorCode::IdempotencyKeyReused | ErrorCode::IdempotencyInFlight,
                    ..
                }
        )
    }

    pub fn to_api(&self) -> ApiError {
        match self {
            ServiceError::Refused { code, message } => ApiError::new(*code, *message),
            ServiceError::Invalid { code, field } => {
                ApiError::invalid_field(code, field, format!("invalid {field}"))
            }
            ServiceError::TooManyAttempts {
                retry_after_seconds,
            } => {
                let mut error = ApiError::new(
                    ErrorCode::TooManyAttempts,
                    "too many failed attempts: try again later",
                );
                error.retry_after_seconds = Some(*retry_after_seconds);
                error
            }
            ServiceError::Store(e) if e.is_transient() => {
                ApiError::new(ErrorCode::Unavailable, "temporarily unavailable: retry")
            }
            ServiceError::Store(_) => ApiError::new(ErrorCode::Internal, "internal error"),
            // Answered by replaying the stored body (api::mutate); this is only a fallback.
            ServiceError::Replay { body, .. } => serde_json::from_str(body)
                .unwrap_or_else(|_| ApiError::new(ErrorCode::Internal, "internal error")),
        }
    }
}
