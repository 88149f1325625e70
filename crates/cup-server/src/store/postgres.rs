//! PostgreSQL store: for scale. Several stateless `cup-server` replicas can share one
//! database: everything correctness depends on (sessions, holds, idempotency records,
//! throttling counters) lives here, none of it in process memory.

use std::borrow::Cow;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Postgres};

use super::rows::*;
use super::tx::impl_tx;
use super::{Backend, LoadReport, Store, StoreError, StoreResult, Tx, sql};
use crate::demo::DemoRegion;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

fn pg_sql(text: &'static str) -> Cow<'static, str> {
    Cow::Borrowed(text)
}

/// PostgreSQL would cache a generic plan for the slot searches: see `tx.rs`.
const PLAN_PER_EXECUTION: bool = true;

impl_tx!(
    PgTx,
    Postgres,
    pg_sql,
    "SELECT nextval(pg_get_serial_sequence('booking', 'id'))"
);

// Reads run in autocommit mode: no BEGIN and COMMIT round trips around a search. Each
// statement sees its own snapshot; what a read request shows is checked again by the write
// that acts on it (conditional updates, unique indexes), never trusted from the read.
impl_tx!(
    PgRead,
    sqlx::pool::PoolConnection<Postgres>,
    Postgres,
    pg_sql,
    "SELECT nextval(pg_get_serial_sequence('booking', 'id'))",
    |connection| {
        drop(connection);
        Ok(())
    }
);

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    pub async fn open(url: &str, max_connections: u32) -> StoreResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(2))
            .acquire_timeout(Duration::from_secs(30))
            .connect(url)
            .await?;
        Ok(Self { pool })
    }

    pub(crate) fn pool(&self) -> &PgPool {
        &self.pool
    }
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn write(&self) -> StoreResult<Box<dyn Tx>> {
        let tx = self.pool.begin().await.map_err(StoreError::from_sqlx)?;
        Ok(Box::new(PgTx { tx }))
    }

    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        let tx = self.pool.acquire().await.map_err(StoreError::from_sqlx)?;
        Ok(Box::new(PgRead { tx }))
    }

    async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        let count: i64 = sqlx::query_scalar(sql::IS_EMPTY)
            .fetch_one(&self.pool)
            .await?;
        Ok(count == 0)
    }

    async fn load_demo(&self, region: &DemoRegion, now: i64) -> StoreResult<LoadReport> {
        super::load::load_postgres(self, region, now).await
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}
