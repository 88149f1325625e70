//! Failed-login throttling, kept in the database so that every replica sees the same counts.
//!
//! Three counters, keys never an identifier in clear: the identity at one client address
//! (the pair), the identity from every address, and the client address. An attempt is
//! counted on the pair and the identity *before* its factors are checked, atomically and
//! holding the two rows to the end of its transaction, so that concurrent attempts are judged
//! one after the other (on PostgreSQL as on SQLite): the sixth of sixty simultaneous wrong
//! attempts already finds the pair locked. A success takes its attempt back.
//!
//! Who can be locked out by whom (docs/SECURITY.md):
//! - the pair locks after `pair_max_failures`: an attacker locks out only themselves;
//! - the address locks after `address_max_failures` whatever the identities tried;
//! - the identity, after `identity_max_failures` from any addresses, does **not** lock its
//!   owner out: while it is locked, an address that already failed for that identity is
//!   refused, and any other address keeps exactly one try (a failure locks that pair). The
//!   real citizen, with the right factors, gets in from a fresh address; an attacker who
//!   rotates addresses gets one guess per address per lockout, against a 20-digit card.

use sha2::{Digest, Sha256};

use super::{ServiceError, ServiceResult};
use crate::config::ThrottleConfig;
use crate::store::{ThrottleRow, Tx};

fn digest(text: &str) -> String {
    let hash = Sha256::digest(text.as_bytes());
    hex::encode(&hash[..12])
}

/// The counters one login attempt touches.
pub struct ThrottleKeys {
    pair: String,
    identity: String,
    address: String,
}

/// One attempt, as counted before its factors were checked.
#[derive(Debug, Clone, Copy)]
pub struct Charged {
    pair_attempts: i64,
    identity_attempts: i64,
    /// The identity was locked: this is a fresh address's one try.
    identity_locked: bool,
}

/// Why an attempt is refused before its factors are checked, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttled {
    pub retry_after_seconds: u64,
}

impl From<Throttled> for ServiceError {
    fn from(t: Throttled) -> Self {
        ServiceError::TooManyAttempts {
            retry_after_seconds: t.retry_after_seconds,
        }
    }
}

/// The row of `key` as counted (both are always returned; a first attempt if not).
fn row(rows: &[ThrottleRow], key: &str, now: i64) -> ThrottleRow {
    rows.iter()
        .find(|r| r.key == key)
        .cloned()
        .unwrap_or_else(|| ThrottleRow {
            key: key.to_owned(),
            failures: 1,
            window_started_at: now,
            locked_until: 0,
        })
}

impl ThrottleKeys {
    pub fn new(identity: &str, address: &str) -> Self {
        Self {
            pair: format!("pair:{}", digest(&format!("{identity}|{address}"))),
            identity: format!("id:{}", digest(identity)),
            address: format!("addr:{}", digest(address)),
        }
    }

    /// Counts the attempt, or refuses it. A refusal may have locked a key: the caller
    /// commits the transaction before answering.
    pub async fn charge(
        &self,
        tx: &mut dyn Tx,
        config: &ThrottleConfig,
        now: i64,
    ) -> ServiceResult<Result<Charged, Throttled>> {
        let window = config.window.as_secs() as i64;
        let rows = tx
            .throttle_charge_two([&self.pair, &self.identity], now, window)
            .await?;
        let address = tx.throttle_get(&self.address).await?;
        let (pair, identity) = (row(&rows, &self.pair, now), row(&rows, &self.identity, now));
        let (pair, identity) = (&pair, &identity);
        let wait = |r: &ThrottleRow| r.locked_until - now;
        let mut refuse = wait(pair).max(address.as_ref().map_or(0, wait));
        let identity_locked = wait(identity) > 0;
        // While the identity is locked, only an address new to it (its first attempt in the
        // window) may try.
        if identity_locked && pair.failures > 1 {
            refuse = refuse.max(wait(identity));
        }
        if refuse <= 0 && pair.failures > config.pair_max_failures {
            // Attempts beyond the limit that were in flight together: the pair locks now.
            let lockout = config.pair_lockout.as_secs() as i64;
            tx.throttle_lock(&self.pair, now + lockout, now).await?;
            refuse = lockout;
        }
        if refuse > 0 {
            // A refused attempt tried nothing: it is not counted.
            tx.throttle_uncount_two([&self.pair, &self.identity], now)
                .await?;
            return Ok(Err(Throttled {
                retry_after_seconds: refuse as u64,
            }));
        }
        Ok(Ok(Charged {
            pair_attempts: pair.failures,
            identity_attempts: identity.failures,
            identity_locked,
        }))
    }

    /// The factors were wrong: the attempt stays counted, and the counters that reached
    /// their limit lock.
    pub async fn record_failure(
        &self,
        tx: &mut dyn Tx,
        config: &ThrottleConfig,
        now: i64,
        charged: Charged,
    ) -> ServiceResult<()> {
        let lock = |d: std::time::Duration| now + d.as_secs() as i64;
        if charged.identity_locked || charged.pair_attempts >= config.pair_max_failures {
            tx.throttle_lock(&self.pair, lock(config.pair_lockout), now)
                .await?;
        }
        if !charged.identity_locked && charged.identity_attempts >= config.identity_max_failures {
            tx.throttle_lock(&self.identity, lock(config.identity_lockout), now)
                .await?;
        }
        let window = config.window.as_secs() as i64;
        let address = tx.throttle_charge_one(&self.address, now, window).await?;
        if address.locked_until <= now && address.failures >= config.address_max_failures {
            tx.throttle_lock(&self.address, lock(config.address_lockout), now)
                .await?;
        }
        Ok(())
    }

    /// The factors were right: the pair is cleared and the identity's attempt taken back.
    pub async fn record_success(&self, tx: &mut dyn Tx, now: i64) -> ServiceResult<()> {
        tx.throttle_success(&self.pair, &self.identity, now).await?;
        Ok(())
    }
}
