//! Starting the server: open the store, migrate, seed the demo region when empty, serve.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use cup_domain::time::rome_date;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::ServerConfig;
use crate::demo::{DemoConfig, DemoRegion, Profile};
use crate::infra::sms::{SmsSender, deliver_pending};
use crate::service::{AppState, epoch};
use crate::store::{self, LoadReport, Store, StoreError};

/// Seed the demo region into an empty database.
#[derive(Debug, Clone, Copy)]
pub struct DemoSeed {
    pub profile: Profile,
    pub seed: u64,
}

/// Opens and migrates the store; loads the demo region if the database is empty.
pub async fn prepare_store(
    url: &str,
    max_connections: u32,
    demo: Option<DemoSeed>,
    clock: &dyn Clock,
) -> Result<(Arc<dyn Store>, Option<LoadReport>), StoreError> {
    let store = store::open(url, max_connections).await?;
    store.migrate().await?;
    let mut report = None;
    if let Some(demo) = demo
        && store.is_empty().await?
    {
        let started = Instant::now();
        let now = clock.now();
        let region = DemoRegion::generate(&DemoConfig {
            seed: demo.seed,
            profile: demo.profile,
            start_day: demo_start_day(rome_date(now)),
        });
        let loaded = store.load_demo(&region, epoch(now)).await?;
        tracing::info!(
            slots = loaded.slots,
            citizens = loaded.citizens,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "demo region loaded"
        );
        report = Some(loaded);
    }
    Ok((store, report))
}

/// Agendas start tomorrow, so every generated slot is in the future at load time.
pub fn demo_start_day(today: NaiveDate) -> NaiveDate {
    today.succ_opt().unwrap_or(today)
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: tokio::sync::watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting requests, lets those in flight finish, and closes the store.
    pub async fn stop(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
        self.state.store.close().await;
    }
}

/// Serves the API on `listen` (port 0: any free port) until stopped; also delivers queued
/// SMS confirmations in the background.
pub async fn start(
    listen: SocketAddr,
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    config: ServerConfig,
    sms: Arc<dyn SmsSender>,
) -> std::io::Result<Running> {
    let state = AppState {
        store,
        clock,
        config: Arc::new(config),
        sms,
    };
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let app = crate::api::router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let (shutdown, mut stopped) = tokio::sync::watch::channel(false);
    let mut sms_stopped = stopped.clone();
    let sms_state = state.clone();
    let task = tokio::spawn(async move {
        let outbox = tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = sms_stopped.changed() => break,
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {
                        if let Err(e) = deliver_pending(&sms_state).await {
                            tracing::warn!(error = %e, "SMS outbox delivery failed; will retry");
                        }
                    }
                }
            }
        });
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.changed().await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "server stopped with an error");
        }
        outbox.abort();
    });
    Ok(Running {
        addr,
        state,
        shutdown,
        task,
    })
}
