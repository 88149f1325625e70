//! SMS confirmations. Messages are queued in the `sms_outbox` table in the booking's own
//! transaction; a sender delivers them. The real SMS gateway is out of reach from here, so the
//! reference sender writes each message to a spool file (one JSON line each) behind the
//! [`SmsSender`] trait; a gateway adapter implements the same trait.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use async_trait::async_trait;

#[async_trait]
pub trait SmsSender: Send + Sync + 'static {
    /// Delivers one message; Err leaves it queued for a later attempt.
    async fn send(&self, phone: &str, body: &str) -> Result<(), String>;
}

/// Appends messages to a spool file (the reference sender).
pub struct SpoolSender {
    path: Option<PathBuf>,
    lock: Mutex<()>,
}

impl SpoolSender {
    /// `None` discards messages after marking them sent (the embedded demo).
    pub fn new(path: Option<PathBuf>) -> Self {
        Self {
            path,
            lock: Mutex::new(()),
        }
    }
}

#[async_trait]
impl SmsSender for SpoolSender {
    async fn send(&self, phone: &str, body: &str) -> Result<(), String> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let line = serde_json::json!({ "to": phone, "body": body }).to_string();
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        // Phone numbers: the spool is the server's alone (0600).
        let mut file = super::files::private_options()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| e.to_string())?;
        writeln!(file, "{line}").map_err(|e| e.to_string())
    }
}

/// How long a sender owns the messages it claimed; if it dies before marking them, another
/// sender (or replica) sends them after this (at least once, never by two senders at once).
const CLAIM_SECONDS: i64 = 60;

/// Delivers what is queued in the outbox; returns how many were sent. Each round claims a
/// batch in one transaction (so several replicas never send the same message) and records
/// the results in one more: two commits per batch, not one per message.
pub async fn deliver_pending(
    state: &crate::service::AppState,
) -> Result<usize, crate::store::StoreError> {
    let now = crate::service::epoch(state.now());
    let mut tx = state.store.write().await?;
    let claimed = tx.sms_claim(now, now + CLAIM_SECONDS, 100).await?;
    if claimed.is_empty() {
        return Ok(0);
    }
    tx.commit().await?;
    let mut results = Vec::with_capacity(claimed.len());
    for message in &claimed {
        let sent = state.sms.send(&message.phone, &message.body).await.is_ok();
        results.push((message.id, sent));
    }
    let done = crate::service::epoch(state.now());
    let mut tx = state.store.write().await?;
    for &(id, sent) in &results {
        if sent {
            tx.sms_mark_sent(id, done).await?;
        } else {
            tx.sms_mark_failed(id).await?;
        }
    }
    tx.commit().await?;
    Ok(results.iter().filter(|(_, sent)| *sent).count())
}
