//! Where the regional backend is: a [`CupClient`] (channel `app`) once the backend is ready,
//! and the embedded server of the default run, owned here until the app exits.

use std::time::Duration;

use cup_client::CupClient;
use cup_server::Running;
use tokio::sync::{Mutex, watch};

use crate::AppError;

/// How long a command waits for the embedded backend to start before answering `timeout`.
pub const READY_TIMEOUT: Duration = Duration::from_secs(30);

/// The backend's state as commands see it.
#[derive(Debug, Clone)]
enum Readiness {
    Starting,
    Ready(CupClient),
    Failed(AppError),
}

pub struct BackendHandle {
    readiness: watch::Sender<Readiness>,
    embedded: Mutex<Option<Running>>,
    ready_timeout: Duration,
}

impl BackendHandle {
    /// A backend still starting (the embedded server of the default run).
    pub fn starting() -> Self {
        Self::with(Readiness::Starting, None)
    }

    /// A backend ready to use; `embedded` when it runs in this process.
    pub fn ready(client: CupClient, embedded: Option<Running>) -> Self {
        Self::with(Readiness::Ready(client), embedded)
    }

    /// A backend that cannot be used (its URL is invalid, or it did not start).
    pub fn failed(error: AppError) -> Self {
        Self::with(Readiness::Failed(error), None)
    }

    fn with(readiness: Readiness, embedded: Option<Running>) -> Self {
        Self {
            readiness: watch::Sender::new(readiness),
            embedded: Mutex::new(embedded),
            ready_timeout: READY_TIMEOUT,
        }
    }

    /// Waits at most `timeout` for readiness (tests use short ones).
    #[cfg(test)]
    pub fn with_ready_timeout(mut self, timeout: Duration) -> Self {
        self.ready_timeout = timeout;
        self
    }

    /// The embedded server has started: commands may use it.
    pub async fn set_ready(&self, client: CupClient, embedded: Option<Running>) {
        *self.embedded.lock().await = embedded;
        self.readiness.send_replace(Readiness::Ready(client));
    }

    /// The embedded server could not start: commands answer with `error`.
    pub fn set_failed(&self, error: AppError) {
        self.readiness.send_replace(Readiness::Failed(error));
    }

    /// The client, waiting for the embedded backend to start if need be (at most the ready
    /// timeout, then `timeout`).
    pub async fn client(&self) -> Result<CupClient, AppError> {
        let mut receiver = self.readiness.subscribe();
        let wait = receiver.wait_for(|state| !matches!(state, Readiness::Starting));
        match tokio::time::timeout(self.ready_timeout, wait).await {
            Err(_) => Err(AppError::Timeout),
            // The sender lives in `self`: it cannot be dropped while we wait.
            Ok(Err(_)) => Err(AppError::Unreachable),
            Ok(Ok(state)) => match &*state {
                Readiness::Ready(client) => Ok(client.clone()),
                Readiness::Failed(error) => Err(error.clone()),
                Readiness::Starting => Err(AppError::Timeout),
            },
        }
    }

    /// Stops the embedded server (if any): in-flight requests finish, the store closes.
    /// Commands answer `unreachable` afterwards.
    pub async fn stop(&self) {
        let running = self.embedded.lock().await.take();
        if let Some(running) = running {
            running.stop().await;
        }
    }
}
