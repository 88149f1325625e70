//! Client-side values: the session token, idempotency keys, replay-aware results.

use chrono::{DateTime, Utc};
use cup_api::limits::MAX_IDEMPOTENCY_KEY;
use cup_api::{PatientView, SessionKind, SessionResponse};

use crate::error::ClientError;

/// An opaque session token (citizen or ops), sent as `Authorization: Bearer <token>`.
/// Its `Debug` is redacted and it has no `Display`: tokens are never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(token: impl Into<String>) -> Self {
        Token(token.into())
    }

    /// The token itself, to store it; never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Token {
    fn from(token: String) -> Self {
        Token(token)
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// A new session, as returned by the logins: [`SessionResponse`] with the token wrapped.
/// Its `Debug` shows neither the token nor the patient.
#[derive(Clone, PartialEq)]
pub struct Session {
    pub token: Token,
    pub kind: SessionKind,
    /// Sliding: every authenticated request moves it forward.
    pub expires_at: DateTime<Utc>,
    pub patient: PatientView,
}

impl From<SessionResponse> for Session {
    fn from(response: SessionResponse) -> Self {
        Session {
            token: Token(response.token),
            kind: response.kind,
            expires_at: response.expires_at,
            patient: response.patient,
        }
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("token", &self.token)
            .field("kind", &self.kind)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// The `Idempotency-Key` of a mutating request: reuse the same key to retry the same request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// A fresh random key (a UUID v4).
    pub fn new() -> Self {
        IdempotencyKey(uuid::Uuid::new_v4().to_string())
    }

    /// A caller-chosen key: 1 to [`MAX_IDEMPOTENCY_KEY`] visible ASCII characters.
    pub fn from_string(key: impl Into<String>) -> Result<Self, ClientError> {
        let key = key.into();
        let invalid = |reason| ClientError::InvalidInput {
            field: "idempotency_key",
            reason,
        };
        if key.is_empty() {
            return Err(invalid("empty"));
        }
        if key.len() > MAX_IDEMPOTENCY_KEY {
            return Err(invalid("longer than the API accepts"));
        }
        if !key.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err(invalid("not visible ASCII"));
        }
        Ok(IdempotencyKey(key))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        IdempotencyKey::new()
    }
}

impl std::fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The result of a mutating call, and whether the server replayed it from an earlier request
/// with the same idempotency key (header `idempotent-replayed: true`).
#[derive(Debug, Clone, PartialEq)]
pub struct Replayable<T> {
    pub value: T,
    pub replayed: bool,
}

impl<T> Replayable<T> {
    pub fn into_inner(self) -> T {
        self.value
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Replayable<U> {
        Replayable {
            value: f(self.value),
            replayed: self.replayed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_debug_is_redacted() {
        let token = Token::new("s3cr3t-token");
        assert_eq!(format!("{token:?}"), "Token(<redacted>)");
        assert_eq!(token.expose(), "s3cr3t-token");
    }

    #[test]
    fn session_debug_hides_token_and_patient() {
        let response: SessionResponse = serde_json::from_value(serde_json::json!({
            "token": "s3cr3t-token",
            "kind": "card",
            "expires_at": "2025-03-04T10:00:00Z",
            "patient": {
                "given_name": "Mario", "family_name": "Rossi",
                "codice_fiscale": "RSSMRA80A01G999X", "sex": "M",
                "birth_date": "1980-01-01", "birth_place": "Prato",
                "address": "Via Roma 1", "zone": "PRATESE",
                "phone": null, "email": null
            }
        }))
        .expect("session");
        let session = Session::from(response);
        let debug = format!("{session:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        assert!(!debug.contains("RSSMRA"), "{debug}");
        assert!(debug.contains("Card"), "{debug}");
        assert_eq!(session.token.expose(), "s3cr3t-token");
    }

    #[test]
    fn fresh_keys_are_uuids_and_distinct() {
        let a = IdempotencyKey::new();
        let b = IdempotencyKey::default();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 36);
        assert!(uuid::Uuid::parse_str(a.as_str()).is_ok());
        assert_eq!(a.to_string(), a.as_str());
        assert!(IdempotencyKey::from_string(a.to_string()).is_ok());
    }

    #[test]
    fn key_bounds() {
        let longest = "k".repeat(MAX_IDEMPOTENCY_KEY);
        assert_eq!(
            IdempotencyKey::from_string(longest.clone())
                .expect("fits")
                .as_str(),
            longest
        );
        let too_long = "k".repeat(MAX_IDEMPOTENCY_KEY + 1);
        let error = IdempotencyKey::from_string(too_long).expect_err("too long");
        assert_eq!(error.code(), "invalid_input");
        assert!(IdempotencyKey::from_string("").is_err());
        assert!(IdempotencyKey::from_string("with space").is_err());
        assert!(IdempotencyKey::from_string("line\nbreak").is_err());
        assert!(IdempotencyKey::from_string("àccent").is_err());
        assert!(IdempotencyKey::from_string("retry-42:book").is_ok());
    }

    #[test]
    fn replayable_maps() {
        let replayed = Replayable {
            value: 2,
            replayed: true,
        }
        .map(|value| value * 10);
        assert_eq!(replayed.value, 20);
        assert!(replayed.replayed);
        assert_eq!(replayed.into_inner(), 20);
    }
}
