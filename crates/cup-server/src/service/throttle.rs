//! Failed-login throttling, kept in the database so that every replica sees the same counts.

use sha2::{Digest, Sha256};

use super::{ServiceError, ServiceResult};
use crate::config::ThrottleConfig;
use crate::store::{ThrottleRow, Tx};

/// Whether the identity-and-address counter had a row when the attempt was checked.
#[derive(Debug, Clone, Copy)]
pub struct PairCounted(bool);

/// The counters one login attempt touches. Keys never hold an identifier in clear.
pub struct ThrottleKeys {
    keys: [(String, i64, i64); 3],
}

fn digest(text: &str) -> String {
    let hash = Sha256::digest(text.as_bytes());
    hex::encode(&hash[..12])
}

impl ThrottleKeys {
    pub fn new(config: &ThrottleConfig, identity: &str, address: &str) -> Self {
        let id = digest(identity);
        Self {
            keys: [
                (
                    format!("pair:{}", digest(&format!("{identity}|{address}"))),
                    config.pair_max_failures,
                    config.pair_lockout.as_secs() as i64,
                ),
                (
                    format!("id:{id}"),
                    config.identity_max_failures,
                    config.identity_lockout.as_secs() as i64,
                ),
                (
                    format!("addr:{}", digest(address)),
                    config.address_max_failures,
                    config.address_lockout.as_secs() as i64,
                ),
            ],
        }
    }

    /// Refuses while any counter is locked (one query for the three counters). Returns
    /// whether the pair counter has a row, that is whether a success has one to clear.
    pub async fn check(&self, tx: &mut dyn Tx, now: i64) -> ServiceResult<PairCounted> {
        let rows = tx
            .throttle_get_three([&self.keys[0].0, &self.keys[1].0, &self.keys[2].0])
            .await?;
        let wait = rows
            .iter()
            .map(|row| row.locked_until - now)
            .max()
            .unwrap_or(0);
        if wait > 0 {
            return Err(ServiceError::TooManyAttempts {
                retry_after_seconds: wait as u64,
            });
        }
        Ok(PairCounted(
            rows.iter().any(|row| row.key == self.keys[0].0),
        ))
    }

    pub async fn record_failure(
        &self,
        tx: &mut dyn Tx,
        config: &ThrottleConfig,
        now: i64,
    ) -> ServiceResult<()> {
        let window = config.window.as_secs() as i64;
        for (key, max, lockout) in &self.keys {
            let mut row = tx.throttle_get(key).await?.unwrap_or(ThrottleRow {
                key: key.clone(),
                failures: 0,
                window_started_at: now,
                locked_until: 0,
            });
            if now - row.window_started_at >= window {
                row.failures = 0;
                row.window_started_at = now;
            }
            row.failures += 1;
            if row.failures >= *max {
                row.locked_until = now + lockout;
                row.failures = 0;
                row.window_started_at = now;
            }
            tx.throttle_put(&row).await?;
        }
        Ok(())
    }

    /// A successful login clears the pair counter (not the others), if it has one.
    pub async fn record_success(&self, tx: &mut dyn Tx, pair: PairCounted) -> ServiceResult<()> {
        if pair.0 {
            tx.throttle_clear(&self.keys[0].0).await?;
        }
        Ok(())
    }
}
