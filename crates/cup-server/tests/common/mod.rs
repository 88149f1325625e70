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
    /// The database URL the server runs on (for direct reads in assertions).
    pub db_url: String,
    dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

/// The demo region exactly as the server generated it (agendas start the day after
/// [`start_instant`], as `prepare_store` does).
pub fn demo_region() -> DemoRegion {
    DemoRegion::generate(&DemoConfig {
        seed: DEMO_SEED,
        profile: Profile::Small,
        start_day: cup_domain::time::rome_date(start_instant())
            .succ_opt()
            .expect("next day"),
    })
}

/// The instant the tests start at: a Tuesday morning in Rome.
pub fn start_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 7, 30, 0)
        .single()
        .expect("valid instant")
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
            Db::Sqlite => (
                format!("sqlite://{}", dir.path().join("cup.db").display()),
                None,
            ),
            Db::Postgres => {
                let Some(admin) = pg_admin_url() else {
                    eprintln!("skipped: CUP_TEST_PG_URL is not set");
                    return None;
                };
                let name = format!("cup_t_{}", uuid::Uuid::new_v4().simple());
                let mut conn = sqlx::PgConnection::connect(&admin)
                    .await
                    .expect("connect to PostgreSQL");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                let _ = conn.close().await;
                let base = admin
                    .rsplit_once('/')
                    .map(|(b, _)| b.to_owned())
                    .unwrap_or(admin.clone());
                (format!("{base}/{name}"), Some((admin, name)))
            }
        };
        let url_for_db = url.clone();
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
        let showcase = demo_region().showcase;
        Some(TestServer {
            running: Some(running),
            clock,
            client,
            url,
            db,
            showcase,
            sms_spool,
            db_url: url_for_db,
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

    /// A showcase citizen's prescription, as that citizen sees it after a three-factor login.
    pub async fn prescription_of(&self, case: &str) -> cup_api::PrescriptionView {
        let session = self.login(case).await;
        self.client
            .prescription(&session.token, &self.citizen(case).nre)
            .await
            .expect("prescription")
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
                let server = common::TestServer::start(common::Db::Sqlite)
                    .await
                    .expect("sqlite");
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

/// Declares one test per backend, each server started with the given `ServerConfig`.
#[macro_export]
macro_rules! on_both_backends_with {
    ($name:ident, $config:expr, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let server = common::TestServer::start_with(common::Db::Sqlite, $config)
                    .await
                    .expect("sqlite");
                ($body)(&server).await;
                server.stop().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(server) =
                    common::TestServer::start_with(common::Db::Postgres, $config).await
                else {
                    return;
                };
                ($body)(&server).await;
                server.stop().await;
            }
        }
    };
}

/// Asserts that a call failed with this HTTP status and error code; returns the error body.
#[track_caller]
pub fn expect_err<T: std::fmt::Debug>(
    result: Result<T, cup_client::ClientError>,
    status: u16,
    code: &str,
) -> cup_api::ApiError {
    match result {
        Ok(value) => panic!("expected HTTP {status} {code}, got success: {value:?}"),
        Err(e) => {
            assert_eq!(e.status(), Some(status), "status of {e}");
            assert_eq!(e.code(), code, "code of {e}");
            e.api_error().cloned().expect("an API error body")
        }
    }
}

pub fn key() -> cup_client::IdempotencyKey {
    cup_client::IdempotencyKey::new()
}

/// A synthetic patient added to the test database (not from the demo generator).
#[derive(Debug, Clone)]
pub struct ExtraPatient {
    pub codice_fiscale: String,
    pub tessera: String,
    pub nre: String,
}

/// A direct connection to the test database, for assertions on the stored state.
pub enum DbConn {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl DbConn {
    /// One integer from a query with literal values only (no binds: the same text runs on both).
    pub async fn scalar(&self, sql: &str) -> i64 {
        match self {
            DbConn::Sqlite(pool) => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await,
            DbConn::Postgres(pool) => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await,
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    pub async fn execute(&self, sql: &str) {
        match self {
            DbConn::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
            DbConn::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    pub async fn close(self) {
        match self {
            DbConn::Sqlite(pool) => pool.close().await,
            DbConn::Postgres(pool) => pool.close().await,
        }
    }
}

impl TestServer {
    pub fn now(&self) -> DateTime<Utc> {
        use cup_server::Clock as _;
        self.clock.now()
    }

    /// A direct connection to the server's database.
    pub async fn db(&self) -> DbConn {
        match self.db {
            Db::Sqlite => {
                let options: sqlx::sqlite::SqliteConnectOptions =
                    self.db_url.parse().expect("sqlite url");
                let options = options.busy_timeout(std::time::Duration::from_secs(10));
                DbConn::Sqlite(
                    sqlx::sqlite::SqlitePoolOptions::new()
                        .max_connections(1)
                        .connect_with(options)
                        .await
                        .expect("open sqlite"),
                )
            }
            Db::Postgres => DbConn::Postgres(
                sqlx::postgres::PgPoolOptions::new()
                    .max_connections(1)
                    .connect(&self.db_url)
                    .await
                    .expect("open postgres"),
            ),
        }
    }

    /// Three-factor login with explicit identifiers.
    pub async fn login_as(&self, cf: &str, tessera: &str, nre: &str) -> Session {
        self.client
            .login_prescription(&PrescriptionLoginRequest {
                codice_fiscale: cf.to_owned(),
                tessera: tessera.to_owned(),
                nre: nre.to_owned(),
                privacy_consent: true,
            })
            .await
            .expect("login")
    }

    /// Card login of a showcase citizen.
    pub async fn login_card(&self, case: &str) -> Session {
        let c = self.citizen(case);
        self.client
            .login_card(&cup_api::CardLoginRequest {
                codice_fiscale: c.codice_fiscale.clone(),
                tessera: c.tessera.clone(),
            })
            .await
            .expect("card login")
    }

    /// Offers of line `line` of a prescription in the patient's zone (`limit` at most 50).
    pub async fn offers(
        &self,
        session: &Session,
        nre: &str,
        line: u32,
        limit: u32,
    ) -> Vec<cup_api::Offer> {
        self.client
            .availability(
                &session.token,
                nre,
                &cup_api::AvailabilityQuery {
                    line,
                    limit: Some(limit),
                    ..Default::default()
                },
            )
            .await
            .expect("availability")
            .offers
    }

    pub async fn hold(
        &self,
        session: &Session,
        nre: &str,
        line: u32,
        slot_id: i64,
    ) -> cup_api::HoldView {
        self.client
            .hold(
                &session.token,
                &key(),
                &cup_api::HoldRequest {
                    nre: nre.to_owned(),
                    line,
                    slot_id,
                    reschedule: None,
                },
            )
            .await
            .expect("hold")
            .value
    }

    pub async fn book_hold(
        &self,
        session: &Session,
        hold_id: i64,
        phone: Option<&str>,
    ) -> cup_api::BookingView {
        self.client
            .book(
                &session.token,
                &key(),
                &cup_api::BookRequest {
                    hold_id,
                    phone: phone.map(str::to_owned),
                },
            )
            .await
            .expect("book")
            .value
    }

    /// Logs a showcase citizen in and books offer number `index` of line 0.
    pub async fn book_case(&self, case: &str, index: usize) -> (Session, cup_api::BookingView) {
        let session = self.login(case).await;
        let nre = self.citizen(case).nre.clone();
        let offers = self.offers(&session, &nre, 0, 50).await;
        let offer = offers.get(index).expect("enough offers");
        let hold = self.hold(&session, &nre, 0, offer.slot_id).await;
        let booking = self.book_hold(&session, hold.id, None).await;
        (session, booking)
    }

    /// Adds `count` patients, each with a one-line priority-P first-access prescription for
    /// the service of line 0 of `like_case`, living in that citizen's zone.
    pub async fn add_patients(&self, like_case: &str, count: usize) -> Vec<ExtraPatient> {
        let template = self.citizen(like_case).clone();
        let db = self.db().await;
        let zone_id = db
            .scalar(&format!(
                "SELECT zone_id FROM citizen WHERE id = {}",
                template.citizen_id
            ))
            .await;
        let service_id = db
            .scalar(&format!(
                "SELECT service_id FROM prescription_item WHERE prescription_id = {} AND line = 0",
                template.prescription_id
            ))
            .await;
        let first_citizen = db
            .scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM citizen")
            .await;
        let first_prescription = db
            .scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM prescription")
            .await;
        let issued = cup_domain::time::rome_date(start_instant());
        let mut patients = Vec::with_capacity(count);
        let mut citizens = Vec::new();
        let mut prescriptions = Vec::new();
        let mut items = Vec::new();
        for i in 0..count {
            let letters: String = [i / 676, (i / 26) % 26, i % 26]
                .iter()
                .map(|n| char::from(b'A' + *n as u8))
                .collect();
            let first15 = format!("QZX{letters}80A01H501");
            let cf = format!(
                "{first15}{}",
                cup_domain::check_char(&first15).expect("check char")
            );
            let tessera = cup_domain::TesseraSanitaria::compose(&format!("803800009{i:010}"))
                .expect("tessera")
                .as_str()
                .to_owned();
            let nre = format!("0900B2{:07}{:02}", 7_000_000 + i, i % 100);
            let citizen_id = first_citizen + i as i64;
            let prescription_id = first_prescription + i as i64;
            citizens.push(format!(
                "({citizen_id}, '{cf}', '{tessera}', 'TEST', 'PAZIENTE', 'M', '1980-01-01', 'ROMA', 'VIA DI PROVA 1', {zone_id}, NULL, NULL)"
            ));
            prescriptions.push(format!(
                "({prescription_id}, '{nre}', {citizen_id}, 'P', 'first', NULL, '{issued}', 'DR. PROVA', '')"
            ));
            items.push(format!("({prescription_id}, 0, {service_id}, 1)"));
            patients.push(ExtraPatient {
                codice_fiscale: cf,
                tessera,
                nre,
            });
        }
        for chunk in citizens.chunks(200) {
            db.execute(&format!(
                "INSERT INTO citizen (id, codice_fiscale, tessera, given_name, family_name, sex, birth_date, birth_place, address, zone_id, phone, email) VALUES {}",
                chunk.join(", ")
            ))
            .await;
        }
        for chunk in prescriptions.chunks(200) {
            db.execute(&format!(
                "INSERT INTO prescription (id, nre, citizen_id, priority, access, exemption, issued_on, doctor, question) VALUES {}",
                chunk.join(", ")
            ))
            .await;
        }
        for chunk in items.chunks(200) {
            db.execute(&format!(
                "INSERT INTO prescription_item (prescription_id, line, service_id, quantity) VALUES {}",
                chunk.join(", ")
            ))
            .await;
        }
        db.close().await;
        patients
    }

    /// Logs in many patients, a few at a time.
    pub async fn login_all(&self, patients: &[ExtraPatient]) -> Vec<Session> {
        use futures::StreamExt as _;
        futures::stream::iter(
            patients
                .iter()
                .map(|p| self.login_as(&p.codice_fiscale, &p.tessera, &p.nre)),
        )
        .buffered(16)
        .collect()
        .await
    }

    /// A plain HTTP client for header-level tests.
    pub fn raw(&self) -> reqwest::Client {
        reqwest::Client::new()
    }
}
