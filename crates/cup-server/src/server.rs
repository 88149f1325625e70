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

/// How long a graceful stop waits for the requests in flight.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);

/// The accept loop: each connection served by hyper (HTTP/1.1 with a header-read timeout, so
/// that a slow client is cut off instead of holding a connection for ever; or HTTP/2), the
/// peer's address given to the router, until `stopped` says so; then the requests in flight
/// are let finish.
async fn serve(
    listener: TcpListener,
    app: axum::Router,
    header_read_timeout: Duration,
    mut stopped: tokio::sync::watch::Receiver<bool>,
) {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::server::conn::auto::Builder;
    use hyper_util::service::TowerToHyperService;
    use tower::Service as _;

    let mut make = app.into_make_service_with_connect_info::<SocketAddr>();
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout);
    loop {
        let (stream, peer) = tokio::select! {
            _ = stopped.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, go on.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(service) = make.call(peer).await;
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after {DRAIN_TIMEOUT:?}: stopping anyway");
    }
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
        self.state.audit.flush().await;
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
        audit: crate::infra::audit::AuditLog::start(store.clone()),
        store,
        clock,
        config: Arc::new(config),
        sms,
    };
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let app = crate::api::router(state.clone());
    let header_read_timeout = state.config.header_read_timeout;
    let (shutdown, stopped) = tokio::sync::watch::channel(false);
    let mut sms_stopped = stopped.clone();
    let sms_state = state.clone();
    let task = tokio::spawn(async move {
        let outbox = tokio::spawn(async move {
            let mut round = 0u32;
            loop {
                tokio::select! {
                    _ = sms_stopped.changed() => break,
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {
                        if let Err(e) = deliver_pending(&sms_state).await {
                            tracing::warn!(error = %e, "SMS outbox delivery failed; will retry");
                        }
                        // Every minute: idempotency records past their retention go.
                        round = round.wrapping_add(1);
                        if round % 120 == 1
                            && let Err(e) = crate::infra::idempotency::purge_expired(&sms_state).await
                        {
                            tracing::warn!(error = %e, "purging idempotency records failed");
                        }
                    }
                }
            }
        });
        serve(listener, app, header_read_timeout, stopped).await;
        outbox.abort();
    });
    Ok(Running {
        addr,
        state,
        shutdown,
        task,
    })
}
