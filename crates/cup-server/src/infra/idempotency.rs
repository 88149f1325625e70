//! `Idempotency-Key` semantics (IETF draft, DOMAIN.md): missing -> 400, same key with another
//! payload -> 422, same key still in flight -> 409, a repeat returns the first response.
//! Keys are scoped per session. The first response is stored in the same transaction as the
//! change it reports, so a retry after a crash never repeats a change nor loses its answer.

use cup_api::{ApiError, ErrorCode};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::service::{AppState, ServiceError, ServiceResult, epoch};
use crate::store::Tx;

/// A request in flight longer than this is taken to have died with its server.
const STALE_AFTER_SECONDS: i64 = 30;

/// A claimed idempotency key: the holder must finish or abandon it.
#[derive(Debug, Clone)]
pub struct Claim {
    scope: String,
    key: String,
}

pub enum Begin {
    /// A new request: go ahead.
    Fresh(Claim),
    /// A repeat of a finished request: answer this.
    Replay { status: u16, body: String },
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

pub async fn begin(
    state: &AppState,
    scope: String,
    key: String,
    hash: &str,
) -> ServiceResult<Begin> {
    let now = epoch(state.now());
    let mut tx = state.store.write().await?;
    if tx.idempotency_insert(&scope, &key, hash, now).await? {
        tx.commit().await?;
        return Ok(Begin::Fresh(Claim { scope, key }));
    }
    let row = tx
        .idempotency_get(&scope, &key)
        .await?
        .ok_or_else(|| ServiceError::refused(ErrorCode::IdempotencyInFlight, "retry"))?;
    if row.request_hash != hash {
        return Err(ServiceError::refused(
            ErrorCode::IdempotencyKeyReused,
            "this idempotency key was used for another request",
        ));
    }
    if row.state == "done" {
        return Ok(Begin::Replay {
            status: row.status.unwrap_or(200) as u16,
            body: row.body.unwrap_or_default(),
        });
    }
    if tx
        .idempotency_take_over(&scope, &key, now, now - STALE_AFTER_SECONDS)
        .await?
    {
        tx.commit().await?;
        return Ok(Begin::Fresh(Claim { scope, key }));
    }
    Err(ServiceError::refused(
        ErrorCode::IdempotencyInFlight,
        "a request with this idempotency key is in progress",
    ))
}

impl Claim {
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

    /// Settles the claim after a failed request: a refusal is final and replayed; a transient
    /// failure frees the key for a retry.
    pub async fn settle_error(&self, state: &AppState, error: &ServiceError) {
        let result = async {
            let mut tx = state.store.write().await?;
            if error.is_transient() {
                tx.idempotency_delete(&self.scope, &self.key).await?;
            } else {
                let body: ApiError = error.to_api();
                let json = serde_json::to_string(&body).unwrap_or_default();
                tx.idempotency_finish(&self.scope, &self.key, i64::from(error.status()), &json)
                    .await?;
            }
            tx.commit().await
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not settle an idempotency record; it expires as stale");
        }
    }
}
