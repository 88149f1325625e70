//! The citizen's session. The bearer token stays here, in Rust: it never reaches the UI.
//! Beside it, the key of the logged-in patient's records in the device store.
//!
//! Ending a session (a logout, a kiosk reset, the next login) must end it on the server too:
//! the token of an ended session is revoked there. When the server cannot be reached at that
//! moment the token is kept here, unusable, and revoked at the next end or login
//! ([`SessionState::unrevoked`]); and a login the server answers after the session was ended
//! (a kiosk reset while it was in flight) is not adopted: its token is revoked instead
//! ([`SessionState::adopt`]).

use cup_client::Token;
use tokio::sync::Mutex;

use crate::AppError;
use crate::state::device_store::PatientKey;

/// At most this many tokens wait for their revocation (each expires on the server anyway).
const MAX_UNREVOKED: usize = 32;

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

/// Taken when a login starts: the login's session is adopted only if no session was ended
/// meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginTicket(u64);

#[derive(Debug, Default)]
struct Inner {
    active: Option<Active>,
    /// How many times a session was ended (the tickets' clock).
    ends: u64,
}

#[derive(Debug, Default)]
pub struct SessionState {
    inner: Mutex<Inner>,
    /// Tokens of ended sessions the server could not be told about yet.
    unrevoked: Mutex<Vec<Ended>>,
}

impl SessionState {
    pub fn new() -> Self {
        Self::default()
    }

    /// The current token, or `session_expired`.
    pub async fn token(&self) -> Result<Token, AppError> {
        self.inner
            .lock()
            .await
            .active
            .as_ref()
            .and_then(|active| active.token.clone())
            .ok_or(AppError::SessionExpired)
    }

    /// The key of the logged-in patient's records on this device, if any.
    pub async fn patient(&self) -> Option<PatientKey> {
        self.inner
            .lock()
            .await
            .active
            .as_ref()
            .and_then(|active| active.patient.clone())
    }

    /// A new session, replacing any previous one.
    #[cfg(test)]
    pub async fn set(&self, token: Token, patient: Option<PatientKey>) {
        self.inner.lock().await.active = Some(Active {
            token: Some(token),
            patient,
            holds: Vec::new(),
        });
    }

    /// A login starts: the previous session ends (to be closed on the server by the caller),
    /// and the ticket the login's answer is adopted with.
    pub async fn begin_login(&self) -> (Option<Ended>, LoginTicket) {
        let mut inner = self.inner.lock().await;
        let ended = end(&mut inner);
        (ended, LoginTicket(inner.ends))
    }

    /// The session a login answered with becomes the current one, unless a session was
    /// ended since the login began (a kiosk reset, a logout, another login): then nothing
    /// changes here and the token is handed back, to be revoked.
    pub async fn adopt(
        &self,
        ticket: LoginTicket,
        token: Token,
        patient: Option<PatientKey>,
    ) -> Result<(), Token> {
        let mut inner = self.inner.lock().await;
        if inner.ends != ticket.0 {
            return Err(token);
        }
        inner.active = Some(Active {
            token: Some(token),
            patient,
            holds: Vec::new(),
        });
        Ok(())
    }

    /// A session without the backend: only what this device kept for `patient` can be read
    /// (bookings and their documents), until a real login or a logout.
    pub async fn set_device_only(&self, patient: PatientKey) {
        self.inner.lock().await.active = Some(Active {
            token: None,
            patient: Some(patient),
            holds: Vec::new(),
        });
    }

    /// True for a session opened on this device's records only.
    pub async fn is_device_only(&self) -> bool {
        self.inner
            .lock()
            .await
            .active
            .as_ref()
            .is_some_and(|active| active.token.is_none())
    }

    /// Notes a hold made in this session.
    pub async fn held(&self, hold_id: i64) {
        if let Some(active) = self.inner.lock().await.active.as_mut()
            && !active.holds.contains(&hold_id)
        {
            active.holds.push(hold_id);
        }
    }

    /// A hold booked, released or consumed by a move: nothing left to release.
    pub async fn hold_done(&self, hold_id: i64) {
        if let Some(active) = self.inner.lock().await.active.as_mut() {
            active.holds.retain(|id| *id != hold_id);
        }
    }

    /// Ends the session; returns its token and its live holds, to release and revoke them on
    /// the server. A login in flight will not be adopted.
    pub async fn end(&self) -> Option<Ended> {
        end(&mut *self.inner.lock().await)
    }

    /// Forgets the session (the server said it is gone); returns its token if there was one.
    pub async fn clear(&self) -> Option<Token> {
        self.inner
            .lock()
            .await
            .active
            .take()
            .and_then(|active| active.token)
    }

    /// Keeps an ended session whose token the server could not revoke now (it cannot be used
    /// here any more): tried again at the next end or login. The oldest go first when too
    /// many wait.
    pub async fn unrevoked(&self, ended: Ended) {
        let mut waiting = self.unrevoked.lock().await;
        if waiting.len() >= MAX_UNREVOKED {
            waiting.remove(0);
        }
        waiting.push(ended);
    }

    /// The ended sessions still to revoke on the server (taken: the caller puts back those it
    /// could not revoke).
    pub async fn take_unrevoked(&self) -> Vec<Ended> {
        std::mem::take(&mut *self.unrevoked.lock().await)
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

fn end(inner: &mut Inner) -> Option<Ended> {
    inner.ends = inner.ends.wrapping_add(1);
    let active = inner.active.take()?;
    let token = active.token?;
    Some(Ended {
        token,
        holds: active.holds,
    })
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

    #[tokio::test]
    async fn a_login_answered_after_the_session_ended_is_not_adopted() {
        let session = SessionState::new();
        let (none, ticket) = session.begin_login().await;
        assert!(none.is_none());
        session.adopt(ticket, Token::new("a"), None).await.unwrap();
        assert!(session.token().await.is_ok());

        // A reset while the next login is in flight: its answer comes too late.
        let (previous, late) = session.begin_login().await;
        assert_eq!(previous.map(|e| e.token), Some(Token::new("a")));
        assert!(session.end().await.is_none());
        assert_eq!(
            session.adopt(late, Token::new("b"), None).await,
            Err(Token::new("b")),
            "handed back, to be revoked"
        );
        assert_eq!(session.token().await, Err(AppError::SessionExpired));
    }

    #[tokio::test]
    async fn unrevoked_tokens_wait_and_the_oldest_go_first() {
        let session = SessionState::new();
        for n in 0..MAX_UNREVOKED + 2 {
            session
                .unrevoked(Ended {
                    token: Token::new(format!("t{n}")),
                    holds: Vec::new(),
                })
                .await;
        }
        let waiting = session.take_unrevoked().await;
        assert_eq!(waiting.len(), MAX_UNREVOKED);
        assert_eq!(waiting[0].token, Token::new("t2"));
        assert!(session.take_unrevoked().await.is_empty());
    }
}
