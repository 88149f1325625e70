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
//!
//! A record keeps no secret and does not last (issue 13): the key is stored as a hash, the
//! request as a hash keyed by it, and the answer (a PIN, an NRE...) sealed with
//! XChaCha20-Poly1305 under a key derived from the Idempotency-Key, which only the client
//! holds: a copy of the database reads nothing from it, and a repeat with the key still
//! gets the very answer. Records are purged [`RETENTION_SECONDS`] after their request (a
//! session, and so the key's scope, lives at most hours); one older than that counts as
//! absent.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};

use cup_api::{ApiError, ErrorCode};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::service::{AppState, ServiceError, ServiceResult, epoch};
use crate::store::{IdempotencyRow, Tx};

/// A claim left committed in flight (by an earlier server version, which claimed keys in a
/// transaction of their own) older than this is taken to have died with its server.
const STALE_AFTER_SECONDS: i64 = 30;

/// How long an idempotency record is kept: 24 hours.
pub const RETENTION_SECONDS: i64 = 24 * 3600;

/// An idempotency key and the fingerprint of its request; claimed by [`Claim::write`].
/// Holds the key's hash (what is stored) and the answer's sealing key (never stored).
#[derive(Clone)]
pub struct Claim {
    scope: String,
    key: String,
    hash: String,
    seal: [u8; 32],
}

impl std::fmt::Debug for Claim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Claim")
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

fn derive(purpose: &str, scope: &str, key: &str, extra: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in [purpose, scope, key, extra] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher.finalize().into()
}

const NONCE_LEN: usize = 24;

/// `hex(nonce || sealed answer)`.
fn seal(key: &[u8; 32], scope: &str, answer: &str) -> String {
    let nonce: [u8; NONCE_LEN] = rand::random();
    let sealed = XChaCha20Poly1305::new(&Key::from(*key))
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: answer.as_bytes(),
                aad: scope.as_bytes(),
            },
        )
        .unwrap_or_default();
    let mut bytes = nonce.to_vec();
    bytes.extend_from_slice(&sealed);
    hex::encode(bytes)
}

fn unseal(key: &[u8; 32], scope: &str, stored: &str) -> Option<String> {
    let bytes = hex::decode(stored).ok()?;
    let (nonce, sealed) = bytes.split_at_checked(NONCE_LEN)?;
    let nonce: [u8; NONCE_LEN] = nonce.try_into().ok()?;
    let answer = XChaCha20Poly1305::new(&Key::from(*key))
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: sealed,
                aad: scope.as_bytes(),
            },
        )
        .ok()?;
    String::from_utf8(answer).ok()
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
    /// The claim of `key` (the client's Idempotency-Key) in `scope` for the request whose
    /// fingerprint is `request` ([`request_hash`]).
    pub fn new(scope: String, key: String, request: String) -> Self {
        Self {
            hash: hex::encode(derive("cup-idempotency-request", &scope, &key, &request)),
            seal: derive("cup-idempotency-seal", &scope, &key, ""),
            key: hex::encode(derive("cup-idempotency-key", &scope, &key, "")),
            scope,
        }
    }

    /// What a record of this claim stores as its key and its request's fingerprint (both
    /// hashes).
    pub fn stored(&self) -> (&str, &str) {
        (&self.key, &self.hash)
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
        // A record past its retention counts as absent: claimed again for this request.
        if row.created_at < now - RETENTION_SECONDS
            && tx
                .idempotency_renew(
                    &self.scope,
                    &self.key,
                    &self.hash,
                    now,
                    now - RETENTION_SECONDS,
                )
                .await?
        {
            return Ok(tx);
        }
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
        if row.state != "done" {
            return None;
        }
        // Sealed with this key: it opens unless the record was tampered with.
        let body = row
            .body
            .as_deref()
            .and_then(|sealed| unseal(&self.seal, &self.scope, sealed));
        Some(match body {
            Some(body) => ServiceError::Replay {
                status: row.status.unwrap_or(200) as u16,
                body,
            },
            None => reused(),
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
        let sealed = seal(&self.seal, &self.scope, &json);
        tx.idempotency_finish(&self.scope, &self.key, i64::from(status), &sealed)
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
                let sealed = seal(&self.seal, &self.scope, &json);
                tx.idempotency_finish(&self.scope, &self.key, i64::from(error.status()), &sealed)
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

/// Deletes the records past their retention; returns how many (the server runs it every
/// minute).
pub async fn purge_expired(state: &AppState) -> ServiceResult<u64> {
    let now = epoch(state.now());
    let mut tx = state.store.write().await?;
    let purged = tx.idempotency_purge(now - RETENTION_SECONDS).await?;
    tx.commit().await?;
    Ok(purged)
}
