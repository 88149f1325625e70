//! `Idempotency-Key` semantics (IETF draft, DOMAIN.md): missing -> 400, same key with another
//! payload -> 422, same key still in flight -> 409, a repeat returns the first response.
//! Keys are scoped per session.
//!
//! The key is claimed inside the transaction that makes the change, and the response is
//! stored in that same transaction: the record and the change commit together or not at all.
//! A retry after a crash (of the server or of the database) therefore finds either nothing
//! (the change did not happen: it runs again) or the stored answer (the change happened,
//! even if its answer never reached the client) — never a change made twice nor an answer
//! lost. A concurrent repeat waits on the first attempt's uncommitted claim and then replays
//! its answer (PostgreSQL: the unique index; SQLite: the single writer).

use cup_api::{ApiError, ErrorCode};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::service::{AppState, ServiceError, ServiceResult, epoch};
use crate::store::{IdempotencyRow, Tx};

/// A claim left committed in flight (by an earlier server version, which claimed keys in a
/// transaction of their own) older than this is taken to have died with its server.
const STALE_AFTER_SECONDS: i64 = 30;

/// An idempotency key and the fingerprint of its request; claimed by [`Claim::write`].
#[derive(Debug, Clone)]
pub struct Claim {
    scope: String,
    key: String,
    hash: String,
}

/// The fingerprint of a request: method, path and body.
pub fn request_hash(method: &str, path: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(method.as_bytes());
    hasher.update([0]);
    hasher.update(path.as_bytes());
    hasher.update([0]);
    hasher.update(body);
    hex::encode(hasher.finalize())
}

fn in_flight() -> ServiceError {
    ServiceError::refused(
        ErrorCode::IdempotencyInFlight,
        "a request with this idempotency key is in progress",
    )
}

fn reused() -> ServiceError {
    ServiceError::refused(
        ErrorCode::IdempotencyKeyReused,
        "this idempotency key was used for another request",
    )
}

impl Claim {
    pub fn new(scope: String, key: String, hash: String) -> Self {
        Self { scope, key, hash }
    }

    /// Opens the write transaction of the change and claims the key in it. A key already
    /// answered ends the request with [`ServiceError::Replay`] (same request) or
    /// `idempotency_key_reused` (another request).
    pub async fn write(&self, state: &AppState) -> ServiceResult<Box<dyn Tx>> {
        let now = epoch(state.now());
        let mut tx = state.store.write().await?;
        if tx
            .idempotency_insert(&self.scope, &self.key, &self.hash, now)
            .await?
        {
            return Ok(tx);
        }
        let row = tx
            .idempotency_get(&self.scope, &self.key)
            .await?
            .ok_or_else(in_flight)?;
        if let Some(answer) = self.answered(row) {
            return Err(answer);
        }
        if tx
            .idempotency_take_over(&self.scope, &self.key, now, now - STALE_AFTER_SECONDS)
            .await?
        {
            return Ok(tx);
        }
        Err(in_flight())
    }

    /// What a record already under this key answers: `idempotency_key_reused` if it belongs
    /// to another request, its stored answer if it is done, nothing while it is in flight.
    fn answered(&self, row: IdempotencyRow) -> Option<ServiceError> {
        if row.request_hash != self.hash {
            return Some(reused());
        }
        (row.state == "done").then(|| ServiceError::Replay {
            status: row.status.unwrap_or(200) as u16,
            body: row.body.unwrap_or_default(),
        })
    }

    /// Records the response inside the transaction that makes the change.
    pub async fn finish_in<T: Serialize>(
        &self,
        tx: &mut dyn Tx,
        status: u16,
        body: &T,
    ) -> ServiceResult<()> {
        let json = serde_json::to_string(body).unwrap_or_default();
        tx.idempotency_finish(&self.scope, &self.key, i64::from(status), &json)
            .await?;
        Ok(())
    }

    /// Settles the key after a failed request (whose transaction rolled back): a refusal is
    /// final and recorded, so a repeat gets the same answer; a transient failure leaves the key
    /// free for a retry. Returns what to answer instead when the key turns out to be answered
    /// already (another attempt with this key finished meanwhile, or the key belongs to
    /// another request).
    pub async fn settle_error(
        &self,
        state: &AppState,
        error: &ServiceError,
    ) -> Option<ServiceError> {
        if error.is_transient() || error.concerns_the_key() {
            return None;
        }
        let now = epoch(state.now());
        let result: ServiceResult<Option<ServiceError>> = async {
            let mut tx = state.store.write().await?;
            if tx
                .idempotency_insert(&self.scope, &self.key, &self.hash, now)
                .await?
            {
                let body: ApiError = error.to_api();
                let json = serde_json::to_string(&body).unwrap_or_default();
                tx.idempotency_finish(&self.scope, &self.key, i64::from(error.status()), &json)
                    .await?;
                tx.commit().await?;
                return Ok(None);
            }
            let row = tx.idempotency_get(&self.scope, &self.key).await?;
            Ok(row.and_then(|row| self.answered(row)))
        }
        .await;
        result.unwrap_or_else(|e| {
            tracing::warn!(error = %e, "could not record a refusal under its idempotency key");
            None
        })
    }
}
