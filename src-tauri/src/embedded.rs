//! The default run: the reference backend in this process, on 127.0.0.1 (any free port), with
//! an SQLite file in the app's data directory seeded with the `small` demo region.
//!
//! The demo agendas run 180 days from the day they were generated. A demo database older than
//! [`MAX_DEMO_AGE_DAYS`] is generated again at start (bookings made on it go with it), so the
//! demo citizens' cases keep working months later.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use cup_api::Channel;
use cup_client::CupClient;
use cup_domain::time::rome_date;
use cup_server::demo::Profile;
use cup_server::infra::sms::SpoolSender;
use cup_server::{DemoSeed, Running, ServerConfig};

use crate::AppError;

/// The demo database's file name, in the app's data directory.
pub const DATABASE_FILE: &str = "cup-demo.db";
/// The demo region's seed: the README's demo citizens come from it.
pub const DEMO_SEED: u64 = 42;
/// Beside the database: the day its demo region was generated (`YYYY-MM-DD`).
pub const DEMO_DAY_FILE: &str = "cup-demo.day";
/// A demo database older than this is generated again at start.
pub const MAX_DEMO_AGE_DAYS: i64 = 30;
/// Connections of the embedded store.
const MAX_CONNECTIONS: u32 = 4;

/// Starts the embedded backend on a database in `data_dir` (created if missing); returns the
/// client of channel `app` and the running server.
pub async fn start(data_dir: &Path, hold_ttl: Duration) -> Result<(CupClient, Running), AppError> {
    // The app's data directory, private (0700 on Unix): the demo database holds the bookings
    // made on it, and the device store, documents and reminders live there too.
    crate::private_files::create_dir(data_dir)
        .map_err(|e| AppError::internal(format!("cannot create the data directory: {e}")))?;
    let today = rome_date(cup_clock::now());
    if discard_if_aged(data_dir, today)
        .map_err(|e| AppError::internal(format!("cannot renew the demo database: {e}")))?
    {
        tracing::info!(
            "the demo database was older than {MAX_DEMO_AGE_DAYS} days: generating it again"
        );
    }
    let url = format!("sqlite://{}", data_dir.join(DATABASE_FILE).display());
    let started = start_on(&url, hold_ttl).await?;
    if !data_dir.join(DEMO_DAY_FILE).exists() {
        std::fs::write(data_dir.join(DEMO_DAY_FILE), today.to_string())
            .map_err(|e| AppError::internal(format!("cannot record the demo day: {e}")))?;
    }
    Ok(started)
}

/// Removes the demo database (and its WAL files) when it was generated more than
/// [`MAX_DEMO_AGE_DAYS`] before `today`, or when its day is unknown. Returns whether it did.
fn discard_if_aged(data_dir: &Path, today: NaiveDate) -> std::io::Result<bool> {
    let database = data_dir.join(DATABASE_FILE);
    if !database.exists() {
        // A new database: record its day afresh.
        remove_if_exists(&data_dir.join(DEMO_DAY_FILE))?;
        return Ok(false);
    }
    let generated = std::fs::read_to_string(data_dir.join(DEMO_DAY_FILE))
        .ok()
        .and_then(|day| day.trim().parse::<NaiveDate>().ok());
    // A database made on a later day (the app run once with CUP_TODAY ahead) is not fresh
    // either: its prescriptions would be dated after today.
    let fresh =
        generated.is_some_and(|day| (0..=MAX_DEMO_AGE_DAYS).contains(&(today - day).num_days()));
    if fresh {
        return Ok(false);
    }
    for name in [
        DATABASE_FILE.to_owned(),
        format!("{DATABASE_FILE}-wal"),
        format!("{DATABASE_FILE}-shm"),
        DEMO_DAY_FILE.to_owned(),
    ] {
        remove_if_exists(&data_dir.join(name))?;
    }
    Ok(true)
}

fn remove_if_exists(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
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
    let (store, _report) = cup_server::prepare_store(
        database_url,
        MAX_CONNECTIONS,
        Some(seed),
        &cup_clock::system(),
    )
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
        Arc::new(cup_clock::system()),
        config,
        Arc::new(SpoolSender::new(None)),
    )
    .await
    .map_err(|e| AppError::internal(format!("the demo backend did not start: {e}")))?;
    let client = CupClient::new(&running.url(), Channel::App)?;
    tracing::info!(addr = %running.addr, "embedded demo backend ready");
    Ok((client, running))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn demo_files(dir: &Path, generated: Option<&str>) {
        for name in [DATABASE_FILE, "cup-demo.db-wal", "cup-demo.db-shm"] {
            std::fs::write(dir.join(name), b"x").unwrap();
        }
        if let Some(generated) = generated {
            std::fs::write(dir.join(DEMO_DAY_FILE), generated).unwrap();
        }
    }

    #[test]
    fn a_recent_demo_database_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        demo_files(dir.path(), Some("2026-11-01"));
        assert!(!discard_if_aged(dir.path(), day("2026-12-01")).unwrap());
        assert!(dir.path().join(DATABASE_FILE).exists());
    }

    #[test]
    fn an_aged_or_undated_demo_database_is_discarded_with_its_wal() {
        // Too old, undated, or made on a later day (a run with CUP_TODAY ahead: its
        // prescriptions would be dated after today).
        for generated in [
            Some("2026-10-01"),
            Some("not a day"),
            None,
            Some("2026-11-27"),
        ] {
            let dir = tempfile::tempdir().unwrap();
            demo_files(dir.path(), generated);
            assert!(
                discard_if_aged(dir.path(), day("2026-11-26")).unwrap(),
                "{generated:?}"
            );
            let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            assert!(left.is_empty(), "{generated:?}: {left:?}");
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn start_records_the_demo_day_and_regenerates_an_aged_database() {
        let dir = tempfile::tempdir().unwrap();
        let (_, running) = start(dir.path(), Duration::from_secs(600)).await.unwrap();
        running.stop().await;
        let today = rome_date(cup_clock::now());
        let recorded = std::fs::read_to_string(dir.path().join(DEMO_DAY_FILE)).unwrap();
        assert_eq!(recorded, today.to_string());

        // Forty days later the database is generated again: even one that no longer opens
        // (standing for the old agendas) is replaced and the backend starts.
        let old = today - chrono::Days::new(40);
        std::fs::write(dir.path().join(DEMO_DAY_FILE), old.to_string()).unwrap();
        std::fs::write(dir.path().join(DATABASE_FILE), b"not a database").unwrap();
        let (client, running) = start(dir.path(), Duration::from_secs(600)).await.unwrap();
        client.health().await.unwrap();
        running.stop().await;
        let recorded = std::fs::read_to_string(dir.path().join(DEMO_DAY_FILE)).unwrap();
        assert_eq!(
            recorded,
            today.to_string(),
            "the new database is dated today"
        );
    }
}
