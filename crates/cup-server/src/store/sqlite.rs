//! SQLite store: the embedded default. WAL mode; one writer connection (SQLite serialises
//! writers anyway, and one connection avoids lock upgrades between writers) and a pool of
//! readers.

use std::borrow::Cow;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool};

use super::rows::*;
use super::tx::impl_tx;
use super::{Backend, LoadReport, Store, StoreError, StoreResult, Tx, sql};
use crate::demo::DemoRegion;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// SQLite takes numbered parameters as `?N`; the shared SQL says `$N`.
fn sqlite_sql(text: &'static str) -> Cow<'static, str> {
    if !text.contains('$') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// SQLite picks the same index scans whatever the values (search p50 1.76 ms on the `full`
/// profile): keep its statements cached.
const PLAN_PER_EXECUTION: bool = false;

impl_tx!(
    SqliteTx,
    Sqlite,
    sqlite_sql,
    "SELECT COALESCE(MAX(id), 0) + 1 FROM booking"
);

/// Takes our own `synchronous=full|normal` parameter out of a `sqlite://` URL (sqlx does not
/// know it). FULL, the default, syncs the WAL at every commit: a committed booking survives a
/// power loss. NORMAL syncs at checkpoints only: a commit survives the server's crash (a
/// SIGKILL, tested by `cup-load --faults`) but the last ones may be lost in a power loss or an
/// OS crash; it saves one fsync per write transaction.
fn split_synchronous(url: &str) -> StoreResult<(String, SqliteSynchronous)> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_owned(), SqliteSynchronous::Full));
    };
    let mut synchronous = SqliteSynchronous::Full;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("synchronous", value)) => {
                synchronous = match value.to_ascii_lowercase().as_str() {
                    "full" => SqliteSynchronous::Full,
                    "normal" => SqliteSynchronous::Normal,
                    _ => return Err(StoreError::UnsupportedUrl),
                }
            }
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok((url, synchronous))
}

pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
}

impl SqliteStore {
    pub async fn open(url: &str, max_readers: u32) -> StoreResult<Self> {
        let (url, synchronous) = split_synchronous(url)?;
        // The database holds health data: its file (and so its WAL) is created 0600, in a
        // folder created 0700.
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .map(|p| p.split('?').next().unwrap_or(p))
            && !path.is_empty()
            && !path.starts_with(':')
        {
            let path = std::path::Path::new(path);
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                crate::infra::files::private_dir_all(parent).map_err(sqlx::Error::Io)?;
            }
            crate::infra::files::ensure_private_file(path).map_err(sqlx::Error::Io)?;
        }
        let options = SqliteConnectOptions::from_str(&url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(synchronous)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone())
            .await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(max_readers.max(1))
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.read_only(true))
            .await
            .or_else(|_| -> Result<SqlitePool, sqlx::Error> { Ok(writer.clone()) })?;
        Ok(Self { writer, reader })
    }

    pub(crate) fn writer(&self) -> &SqlitePool {
        &self.writer
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn write(&self) -> StoreResult<Box<dyn Tx>> {
        let tx = self.writer.begin().await.map_err(StoreError::from_sqlx)?;
        Ok(Box::new(SqliteTx { tx }))
    }

    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        let tx = self.reader.begin().await.map_err(StoreError::from_sqlx)?;
        Ok(Box::new(SqliteTx { tx }))
    }

    async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR.run(&self.writer).await?;
        Ok(())
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        let count: i64 = sqlx::query_scalar(sql::IS_EMPTY)
            .fetch_one(&self.writer)
            .await?;
        Ok(count == 0)
    }

    async fn load_demo(&self, region: &DemoRegion, now: i64) -> StoreResult<LoadReport> {
        super::load::load_sqlite(self, region, now).await
    }

    async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synchronous_parameter_is_ours() {
        let (url, sync) = split_synchronous("sqlite:///tmp/a.db").expect("plain");
        assert_eq!(url, "sqlite:///tmp/a.db");
        assert!(matches!(sync, SqliteSynchronous::Full));
        let (url, sync) =
            split_synchronous("sqlite:///tmp/a.db?mode=rwc&synchronous=normal").expect("normal");
        assert_eq!(url, "sqlite:///tmp/a.db?mode=rwc");
        assert!(matches!(sync, SqliteSynchronous::Normal));
        let (url, sync) = split_synchronous("sqlite:///tmp/a.db?synchronous=FULL").expect("full");
        assert_eq!(url, "sqlite:///tmp/a.db");
        assert!(matches!(sync, SqliteSynchronous::Full));
        assert!(split_synchronous("sqlite:///tmp/a.db?synchronous=off").is_err());
    }

    #[test]
    fn numbered_placeholders_become_sqlite_ones() {
        assert_eq!(
            sqlite_sql("a = $1 AND b = $12 AND c = '$x'"),
            "a = ?1 AND b = ?12 AND c = '$x'"
        );
        assert!(matches!(sqlite_sql("SELECT 1"), Cow::Borrowed(_)));
    }
}
