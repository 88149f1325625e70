//! The default run: the reference backend in this process, on 127.0.0.1 (any free port), with
//! an SQLite file in the app's data directory seeded with the `small` demo region.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use cup_api::Channel;
use cup_client::CupClient;
use cup_server::demo::Profile;
use cup_server::infra::sms::SpoolSender;
use cup_server::{DemoSeed, Running, ServerConfig, SystemClock};

use crate::AppError;

/// The demo database's file name, in the app's data directory.
pub const DATABASE_FILE: &str = "cup-demo.db";
/// The demo region's seed: the README's demo citizens come from it.
pub const DEMO_SEED: u64 = 42;
/// Connections of the embedded store.
const MAX_CONNECTIONS: u32 = 4;

/// Starts the embedded backend on a database in `data_dir` (created if missing); returns the
/// client of channel `app` and the running server.
pub async fn start(data_dir: &Path, hold_ttl: Duration) -> Result<(CupClient, Running), AppError> {
    std::fs::create_dir_all(data_dir)
        .map_err(|e| AppError::internal(format!("cannot create the data directory: {e}")))?;
    let url = format!("sqlite://{}", data_dir.join(DATABASE_FILE).display());
    start_on(&url, hold_ttl).await
}

/// Starts the embedded backend on the database at `database_url`.
pub async fn start_on(
    database_url: &str,
    hold_ttl: Duration,
) -> Result<(CupClient, Running), AppError> {
    let seed = DemoSeed {
        profile: Profile::Small,
        seed: DEMO_SEED,
    };
    let (store, _report) =
        cup_server::prepare_store(database_url, MAX_CONNECTIONS, Some(seed), &SystemClock)
            .await
            .map_err(|e| AppError::internal(format!("the demo database did not open: {e}")))?;
    let config = ServerConfig {
        hold_ttl,
        ..ServerConfig::default()
    };
    let listen = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let running = cup_server::start(
        listen,
        store,
        Arc::new(SystemClock),
        config,
        Arc::new(SpoolSender::new(None)),
    )
    .await
    .map_err(|e| AppError::internal(format!("the demo backend did not start: {e}")))?;
    let client = CupClient::new(&running.url(), Channel::App)?;
    tracing::info!(addr = %running.addr, "embedded demo backend ready");
    Ok((client, running))
}
