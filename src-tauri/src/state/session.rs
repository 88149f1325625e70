//! The citizen's session. The bearer token stays here, in Rust: it never reaches the UI.
//! Beside it, the key of the logged-in patient's records in the device store.

use cup_client::Token;
use tokio::sync::Mutex;

use crate::AppError;
use crate::state::device_store::PatientKey;

#[derive(Debug)]
struct Active {
    /// `None` for a device-only session: the backend could not be reached at login and the
    /// citizen sees what this device kept for them.
    token: Option<Token>,
    /// `None` when the device store is off.
    patient: Option<PatientKey>,
    /// Holds made in this session and not yet booked or released: released when the session
    /// ends, so that a citizen who walks away (a kiosk reset, a new login) leaves no slot
    /// blocked until its hold expires.
    holds: Vec<i64>,
}

/// What an ended session leaves to clean up on the server.
#[derive(Debug)]
pub struct Ended {
    pub token: Token,
    pub holds: Vec<i64>,
}

#[derive(Debug, Default)]
pub struct SessionState {
    active: Mutex<Option<Active>>,
}

impl SessionState {
    pub fn new() -> Self {
        Self::default()
    }

    /// The current token, or `session_expired`.
    pub async fn token(&self) -> Result<Token, AppError> {
        self.active
            .lock()
            .await
            .as_ref()
            .and_then(|active| active.token.clone())
            .ok_or(AppError::SessionExpired)
    }

    /// The key of the logged-in patient's records on this device, if any.
    pub async fn patient(&self) -> Option<PatientKey> {
        self.active
            .lock()
            .await
            .as_ref()
            .and_then(|active| active.patient.clone())
    }

    /// A new session, replacing any previous one.
    pub async fn set(&self, token: Token, patient: Option<PatientKey>) {
        *self.active.lock().await = Some(Active {
            token: Some(token),
            patient,
            holds: Vec::new(),
        });
    }

    /// A session without the backend: only what this device kept for `patient` can be read
    /// (bookings and their documents), until a real login or a logout.
    pub async fn set_device_only(&self, patient: PatientKey) {
        *self.active.lock().await = Some(Active {
            token: None,
            patient: Some(patient),
            holds: Vec::new(),
        });
    }

    /// True for a session opened on this device's records only.
    pub async fn is_device_only(&self) -> bool {
        self.active
            .lock()
            .await
            .as_ref()
            .is_some_and(|active| active.token.is_none())
    }

    /// Notes a hold made in this session.
    pub async fn held(&self, hold_id: i64) {
        if let Some(active) = self.active.lock().await.as_mut()
            && !active.holds.contains(&hold_id)
        {
            active.holds.push(hold_id);
        }
    }

    /// A hold booked, released or consumed by a move: nothing left to release.
    pub async fn hold_done(&self, hold_id: i64) {
        if let Some(active) = self.active.lock().await.as_mut() {
            active.holds.retain(|id| *id != hold_id);
        }
    }

    /// Ends the session; returns its token and its live holds, to release and revoke them on
    /// the server.
    pub async fn end(&self) -> Option<Ended> {
        let active = self.active.lock().await.take()?;
        let token = active.token?;
        Some(Ended {
            token,
            holds: active.holds,
        })
    }

    /// Forgets the session; returns its token if there was one.
    pub async fn clear(&self) -> Option<Token> {
        self.active
            .lock()
            .await
            .take()
            .and_then(|active| active.token)
    }

    /// Passes a backend result through, forgetting the session when the backend says it is
    /// gone (so the next call fails fast with `session_expired`). A device-only session stays:
    /// it has no token to lose.
    pub async fn check<T>(&self, result: Result<T, AppError>) -> Result<T, AppError> {
        if let Err(error) = &result
            && error.is_session_expired()
            && !self.is_device_only().await
        {
            self.clear().await;
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn no_token_means_session_expired() {
        let session = SessionState::new();
        assert_eq!(session.token().await, Err(AppError::SessionExpired));
        session.set(Token::new("t"), None).await;
        assert!(session.token().await.is_ok());
        let _ = session.check::<()>(Err(AppError::SessionExpired)).await;
        assert_eq!(session.token().await, Err(AppError::SessionExpired));
    }

    #[tokio::test]
    async fn a_device_only_session_has_no_token_and_survives_session_expired() {
        let session = SessionState::new();
        let patient = PatientKey::for_tests("p");
        session.set_device_only(patient.clone()).await;
        assert!(session.is_device_only().await);
        assert_eq!(session.token().await, Err(AppError::SessionExpired));
        let _ = session.check::<()>(Err(AppError::SessionExpired)).await;
        assert_eq!(session.patient().await, Some(patient));
        assert_eq!(session.clear().await, None);
        assert!(!session.is_device_only().await);
    }
}
