//! The citizen's session. The bearer token stays here, in Rust: it never reaches the UI.

use cup_client::Token;
use tokio::sync::Mutex;

use crate::AppError;

#[derive(Debug, Default)]
pub struct SessionState {
    token: Mutex<Option<Token>>,
}

impl SessionState {
    pub fn new() -> Self {
        Self::default()
    }

    /// The current token, or `session_expired`.
    pub async fn token(&self) -> Result<Token, AppError> {
        self.token
            .lock()
            .await
            .clone()
            .ok_or(AppError::SessionExpired)
    }

    pub async fn set(&self, token: Token) {
        *self.token.lock().await = Some(token);
    }

    /// Forgets the token; returns it if there was one.
    pub async fn clear(&self) -> Option<Token> {
        self.token.lock().await.take()
    }

    /// Passes a backend result through, forgetting the token when the backend says the
    /// session is gone (so the next call fails fast with `session_expired`).
    pub async fn check<T>(&self, result: Result<T, AppError>) -> Result<T, AppError> {
        if let Err(error) = &result
            && error.is_session_expired()
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
        session.set(Token::new("t")).await;
        assert!(session.token().await.is_ok());
        let _ = session.check::<()>(Err(AppError::SessionExpired)).await;
        assert_eq!(session.token().await, Err(AppError::SessionExpired));
    }
}
