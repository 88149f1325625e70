//! The audit trail of reads of health data and of refusals (GDPR art. 9: every access is
//! logged, found or not). A mutation writes its audit row in its own transaction; a read or a
//! refusal hands its row here, and one writer task stores what has queued in one transaction
//! per batch, so that a search costs no write of its own. A bounded queue: under a flood the
//! requests wait for the writer rather than drop rows. What is queued when the process is
//! killed (well under a second's worth) is lost; a graceful stop flushes it.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use crate::store::{AuditEntry, Store};

/// Rows queued at most before a request waits for the writer.
const QUEUE: usize = 8_192;
/// Rows per transaction at most.
const BATCH: usize = 1_000;

enum Message {
    Entry(AuditEntry),
    Flush(oneshot::Sender<()>),
}

/// The handle requests use: cheap to clone.
#[derive(Clone)]
pub struct AuditLog {
    queue: mpsc::Sender<Message>,
}

impl AuditLog {
    /// Starts the writer on `store`; it stops when every handle is gone.
    pub fn start(store: Arc<dyn Store>) -> Self {
        let (queue, inbox) = mpsc::channel(QUEUE);
        tokio::spawn(writer(store, inbox));
        Self { queue }
    }

    /// Queues a row (waits while the queue is full).
    pub async fn record(&self, entry: AuditEntry) {
        if self.queue.send(Message::Entry(entry)).await.is_err() {
            tracing::warn!("the audit writer has stopped: an audit row is lost");
        }
    }

    /// Returns once every row queued before the call is stored (a stop; tests).
    pub async fn flush(&self) {
        let (done, stored) = oneshot::channel();
        if self.queue.send(Message::Flush(done)).await.is_ok() {
            let _ = stored.await;
        }
    }
}

async fn writer(store: Arc<dyn Store>, mut inbox: mpsc::Receiver<Message>) {
    let mut rows = Vec::with_capacity(BATCH);
    let mut waiting = Vec::new();
    while let Some(first) = inbox.recv().await {
        let mut next = Some(first);
        while let Some(message) = next {
            match message {
                Message::Entry(entry) => rows.push(entry),
                Message::Flush(done) => waiting.push(done),
            }
            next = if rows.len() < BATCH {
                inbox.try_recv().ok()
            } else {
                None
            };
        }
        if !rows.is_empty() {
            // One retry: a busy database, a restarted PostgreSQL.
            for attempt in 0..2 {
                match store_batch(store.as_ref(), &rows).await {
                    Ok(()) => break,
                    Err(e) if attempt == 0 => {
                        tracing::warn!(error = %e, rows = rows.len(), "audit batch failed; retrying");
                        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                    }
                    Err(e) => tracing::error!(error = %e, rows = rows.len(), "audit rows lost"),
                }
            }
            rows.clear();
        }
        for done in waiting.drain(..) {
            let _ = done.send(());
        }
    }
}

async fn store_batch(store: &dyn Store, rows: &[AuditEntry]) -> crate::store::StoreResult<()> {
    let mut tx = store.write().await?;
    for row in rows {
        tx.audit(row).await?;
    }
    tx.commit().await
}
