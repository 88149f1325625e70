//! Test harness: a real cup-server on port 0 over a fresh database (a new SQLite file, or a
//! new PostgreSQL database on the server named by `CUP_TEST_PG_URL`), seeded with the `small`
//! demo region, with a clock the test controls.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use cup_api::{Channel, PrescriptionLoginRequest};
use cup_client::{CupClient, Session};
use cup_server::demo::{DemoConfig, DemoRegion, Profile, ShowcaseCitizen};
use cup_server::infra::sms::SpoolSender;
use cup_server::{DemoSeed, ManualClock, Running, ServerConfig};
use sqlx::Connection;

pub const DEMO_SEED: u64 = 42;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub struct TestServer {
    pub running: Option<Running>,
    pub clock: Arc<ManualClock>,
    pub client: CupClient,
    pub url: String,
    pub db: Db,
    pub showcase: Vec<ShowcaseCitizen>,
    pub sms_spool: std::path::PathBuf,
    dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

/// The instant the tests start at: a Tuesday morning in Rome.
pub fn start_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 7, 30, 0).single().expect("valid instant")
}

fn pg_admin_url() -> Option<String> {
    match std::env::var("CUP_TEST_PG_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").is_ok() => {
            panic!("CUP_TEST_PG_URL must be set in CI: the PostgreSQL tests may not be skipped")
        }
        _ => None,
    }
}

impl TestServer {
    /// Starts a server, or `None` for PostgreSQL when no server is configured (never in CI).
    pub async fn start(db: Db) -> Option<TestServer> {
        Self::start_with(db, ServerConfig::default()).await
    }

    pub async fn start_with(db: Db, config: ServerConfig) -> Option<TestServer> {
        let dir = tempfile::tempdir().expect("temp dir");
        let (url, pg) = match db {
            Db::Sqlite => (format!("sqlite://{}", dir.path().join("cup.db").display()), None),
            Db::Postgres => {
                let Some(admin) = pg_admin_url() else {
                    eprintln!("skipped: CUP_TEST_PG_URL is not set");
                    return None;
                };
                let name = format!("cup_t_{}", uuid::Uuid::new_v4().simple());
                let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect to PostgreSQL");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                let _ = conn.close().await;
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap_or(admin.clone());
                (format!("{base}/{name}"), Some((admin, name)))
            }
        };
        let clock = Arc::new(ManualClock::new(start_instant()));
        let (store, _) = cup_server::prepare_store(
            &url,
            16,
            Some(DemoSeed {
                profile: Profile::Small,
                seed: DEMO_SEED,
            }),
            clock.as_ref(),
        )
        .await
        .expect("prepare store");
        let sms_spool = dir.path().join("sms.jsonl");
        let running = cup_server::start(
            "127.0.0.1:0".parse().expect("address"),
            store,
            clock.clone(),
            config,
            Arc::new(SpoolSender::new(Some(sms_spool.clone()))),
        )
        .await
        .expect("start server");
        let url = running.url();
        let client = CupClient::new(&url, Channel::App).expect("client");
        let showcase = DemoRegion::generate(&DemoConfig {
            seed: DEMO_SEED,
            profile: Profile::Small,
            start_day: start_instant().date_naive(),
        })
        .showcase;
        Some(TestServer {
            running: Some(running),
            clock,
            client,
            url,
            db,
            showcase,
            sms_spool,
            dir,
            pg,
        })
    }

    /// A client of another channel.
    pub fn client_for(&self, channel: Channel) -> CupClient {
        CupClient::new(&self.url, channel).expect("client")
    }

    pub fn citizen(&self, case: &str) -> &ShowcaseCitizen {
        self.showcase
            .iter()
            .find(|c| c.case == case)
            .unwrap_or_else(|| panic!("no showcase citizen {case}"))
    }

    /// Three-factor login of a showcase citizen.
    pub async fn login(&self, case: &str) -> Session {
        let c = self.citizen(case);
        self.client
            .login_prescription(&PrescriptionLoginRequest {
                codice_fiscale: c.codice_fiscale.clone(),
                tessera: c.tessera.clone(),
                nre: c.nre.clone(),
                privacy_consent: true,
            })
            .await
            .expect("login")
    }

    pub fn advance(&self, by: TimeDelta) {
        self.clock.advance(by);
    }

    /// Stops the server and drops its database.
    pub async fn stop(mut self) {
        if let Some(running) = self.running.take() {
            running.stop().await;
        }
        if let Some((admin, name)) = self.pg.take()
            && let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await
        {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut conn)
                .await;
        }
    }
}

/// Declares one test per backend from one async body taking a started `TestServer`.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let server = common::TestServer::start(common::Db::Sqlite).await.expect("sqlite");
                ($body)(&server).await;
                server.stop().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(server) = common::TestServer::start(common::Db::Postgres).await else {
                    return;
                };
                ($body)(&server).await;
                server.stop().await;
            }
        }
    };
}
