//! Retrying a mutating call with the same idempotency key: a hold or a booking must never be
//! doubled (the server replays the first answer) nor lost (a transport failure is retried).

use std::future::Future;
use std::time::Duration;

use cup_client::{ClientError, IdempotencyKey};

/// How often and how patiently to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// Wait before the first retry; doubled before each next one.
    pub backoff: Duration,
}

impl RetryPolicy {
    /// Three retries after 250 ms, 500 ms and 1 s.
    pub const DEFAULT: RetryPolicy = RetryPolicy {
        retries: 3,
        backoff: Duration::from_millis(250),
    };
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Calls `attempt` with `key` until it succeeds, fails with an error not worth retrying
/// (see [`ClientError::retryable`]: transport failures, 503, `idempotency_in_flight`), or the
/// retries are used up. Every attempt carries the same key.
pub async fn with_same_key<T, F, Fut>(
    policy: RetryPolicy,
    key: &IdempotencyKey,
    mut attempt: F,
) -> Result<T, ClientError>
where
    F: FnMut(IdempotencyKey) -> Fut,
    Fut: Future<Output = Result<T, ClientError>>,
{
    let mut wait = policy.backoff;
    let mut retries_left = policy.retries;
    loop {
        match attempt(key.clone()).await {
            Err(error) if error.retryable() && retries_left > 0 => {
                tracing::warn!(
                    code = error.code(),
                    retries_left,
                    "retrying with the same key"
                );
                retries_left -= 1;
                tokio::time::sleep(wait).await;
                wait = wait.saturating_mul(2);
            }
            result => return result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cup_api::{ApiError, ErrorCode};
    use std::sync::Mutex;

    fn unavailable() -> ClientError {
        ClientError::Api {
            status: 503,
            error: ApiError::new(ErrorCode::Unavailable, "busy"),
        }
    }

    const FAST: RetryPolicy = RetryPolicy {
        retries: 3,
        backoff: Duration::from_millis(1),
    };

    #[tokio::test]
    async fn retries_with_the_same_key_until_success() {
        let key = IdempotencyKey::new();
        let seen = Mutex::new(Vec::new());
        let result = with_same_key(FAST, &key, |k| {
            let mut seen = seen.lock().unwrap();
            seen.push(k);
            let n = seen.len();
            async move { if n < 3 { Err(unavailable()) } else { Ok(n) } }
        })
        .await;
        assert_eq!(result.unwrap(), 3);
        let seen = seen.into_inner().unwrap();
        assert!(seen.iter().all(|k| *k == key));
    }

    #[tokio::test]
    async fn gives_up_after_three_retries() {
        let key = IdempotencyKey::new();
        let calls = Mutex::new(0);
        let result: Result<(), _> = with_same_key(FAST, &key, |_| {
            *calls.lock().unwrap() += 1;
            async { Err(unavailable()) }
        })
        .await;
        assert!(result.unwrap_err().is(ErrorCode::Unavailable));
        assert_eq!(calls.into_inner().unwrap(), 4);
    }

    #[tokio::test]
    async fn does_not_retry_a_refusal() {
        let key = IdempotencyKey::new();
        let calls = Mutex::new(0);
        let result: Result<(), _> = with_same_key(FAST, &key, |_| {
            *calls.lock().unwrap() += 1;
            async {
                Err(ClientError::Api {
                    status: 409,
                    error: ApiError::new(ErrorCode::SlotUnavailable, "taken"),
                })
            }
        })
        .await;
        assert!(result.unwrap_err().is(ErrorCode::SlotUnavailable));
        assert_eq!(calls.into_inner().unwrap(), 1);
    }
}
