//! Persistence: one [`Store`] trait with a SQLite (embedded default) and a PostgreSQL (scale)
//! implementation. A store hands out transactions ([`Tx`]); services compose store functions
//! inside one transaction. Double-booking is prevented by the database itself: conditional
//! updates on the slot and partial unique indexes on live bookings and holds.

mod load;
mod postgres;
pub mod rows;
mod sql;
mod sqlite;
mod tx;

use std::sync::Arc;

use async_trait::async_trait;

pub use postgres::PgStore;
pub use rows::*;
pub use sqlite::SqliteStore;

use crate::demo::DemoRegion;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write; says which.
    #[error("conflict on {0:?}")]
    Conflict(Conflict),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(
        "unsupported database URL (use sqlite://PATH[?synchronous=full|normal] or postgres://...)"
    )]
    UnsupportedUrl,
}

/// Which unique rule a write broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// The slot already has a live booking.
    SlotBooked,
    /// The prescription line already has a live booking.
    LineBooked,
    /// The prescription line already has a live hold (a concurrent hold won).
    LineHeld,
    /// A generated identifier (CUP number, PIN, notice) collided: retry with new ones.
    Identifier,
    Other,
}

impl StoreError {
    pub(crate) fn from_sqlx(error: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &error
            && db.is_unique_violation()
        {
            let text = format!("{} {}", db.constraint().unwrap_or(""), db.message());
            let conflict =
                if text.contains("booking_one_per_slot") || text.contains("booking.slot_id") {
                    Conflict::SlotBooked
                } else if text.contains("booking_one_per_line")
                    || text.contains("booking.prescription_id")
                {
                    Conflict::LineBooked
                } else if text.contains("hold_one_live_per_line")
                    || text.contains("hold.prescription_id")
                {
                    Conflict::LineHeld
                } else if text.contains("cup_number")
                    || text.contains("pin")
                    || text.contains("notice_number")
                {
                    Conflict::Identifier
                } else {
                    Conflict::Other
                };
            return StoreError::Conflict(conflict);
        }
        StoreError::Database(error)
    }

    /// A transient failure (lock timeout, serialization, connection lost): worth a retry.
    pub fn is_transient(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(db)) => {
                transient_code(db.code().unwrap_or_default().as_ref())
            }
            StoreError::Database(
                sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed,
            ) => true,
            _ => false,
        }
    }
}

/// SQLite BUSY / LOCKED; PostgreSQL serialization failure / deadlock, a connection lost
/// (class 08), and the server shutting down or starting up (57P01-57P03: a restart of
/// PostgreSQL ends every session with 57P01, which is no internal error of ours).
fn transient_code(code: &str) -> bool {
    matches!(
        code,
        "5" | "6" | "517" | "40001" | "40P01" | "57P01" | "57P02" | "57P03"
    ) || (code.len() == 5 && code.starts_with("08"))
}

#[cfg(test)]
#[test]
fn transient_database_codes() {
    for code in [
        "5", "517", "40001", "40P01", "57P01", "57P03", "08006", "08003",
    ] {
        assert!(transient_code(code), "{code}");
    }
    for code in ["", "19", "2067", "23505", "42P01", "57014", "08"] {
        assert!(!transient_code(code), "{code}");
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    fn backend(&self) -> Backend;
    /// A transaction that may write.
    async fn write(&self) -> StoreResult<Box<dyn Tx>>;
    /// A transaction that only reads.
    async fn read(&self) -> StoreResult<Box<dyn Tx>>;
    /// Applies this backend's migrations.
    async fn migrate(&self) -> StoreResult<()>;
    /// Whether the catalogue is empty (a fresh database).
    async fn is_empty(&self) -> StoreResult<bool>;
    /// Bulk-loads a generated demo region into an empty database; books its pre-booked
    /// lines. `now` is the load time (epoch seconds).
    async fn load_demo(&self, region: &DemoRegion, now: i64) -> StoreResult<LoadReport>;
    async fn close(&self);
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub slots: u64,
    pub citizens: u64,
    pub prescriptions: u64,
    pub prebooked: u64,
}

/// Opens the store named by a database URL (`sqlite://PATH` or `postgres://...`),
/// creating a SQLite file if missing.
pub async fn open(url: &str, max_connections: u32) -> StoreResult<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url, max_connections).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(PgStore::open(url, max_connections).await?))
    } else {
        Err(StoreError::UnsupportedUrl)
    }
}

/// One transaction. Dropped without [`Tx::commit`], it rolls back.
#[async_trait]
pub trait Tx: Send {
    async fn commit(self: Box<Self>) -> StoreResult<()>;

    // citizens and prescriptions
    async fn citizen_by_cf(&mut self, cf: &str) -> StoreResult<Option<CitizenRow>>;
    async fn citizen_by_id(&mut self, id: i64) -> StoreResult<Option<CitizenRow>>;
    async fn prescription_by_nre(&mut self, nre: &str) -> StoreResult<Option<PrescriptionRow>>;
    async fn prescription_by_id(&mut self, id: i64) -> StoreResult<Option<PrescriptionRow>>;
    async fn prescription_items(&mut self, prescription_id: i64) -> StoreResult<Vec<ItemRow>>;

    // login throttling
    async fn throttle_get(&mut self, key: &str) -> StoreResult<Option<ThrottleRow>>;
    /// Counts one attempt on each of two keys atomically, holding their rows to the end of the
    /// transaction ([`sql::THROTTLE_CHARGE_TWO`]); returns both rows as counted.
    async fn throttle_charge_two(
        &mut self,
        keys: [&str; 2],
        now: i64,
        window: i64,
    ) -> StoreResult<Vec<ThrottleRow>>;
    /// Counts one attempt on a key atomically; returns its row as counted.
    async fn throttle_charge_one(
        &mut self,
        key: &str,
        now: i64,
        window: i64,
    ) -> StoreResult<ThrottleRow>;
    async fn throttle_lock(&mut self, key: &str, until: i64, now: i64) -> StoreResult<()>;
    /// A refused attempt is taken back from the keys that counted it.
    async fn throttle_uncount_two(&mut self, keys: [&str; 2], now: i64) -> StoreResult<()>;
    /// A successful login: the pair's row goes, the identity's attempt is taken back.
    async fn throttle_success(&mut self, pair: &str, identity: &str, now: i64) -> StoreResult<()>;

    // sessions
    async fn session_insert(&mut self, session: &NewSession) -> StoreResult<i64>;
    async fn session_by_hash(&mut self, hash: &str, now: i64) -> StoreResult<Option<SessionRow>>;
    /// Slides the expiry to `expires_at`, capped at `max_lifetime` seconds after login.
    async fn session_touch(
        &mut self,
        id: i64,
        expires_at: i64,
        max_lifetime: i64,
    ) -> StoreResult<()>;
    async fn session_revoke(&mut self, id: i64, now: i64) -> StoreResult<bool>;

    // catalogue
    async fn asls(&mut self) -> StoreResult<Vec<AslRow>>;
    async fn zones(&mut self) -> StoreResult<Vec<ZoneRow>>;
    async fn facilities(&mut self, zone_id: Option<i64>) -> StoreResult<Vec<FacilityRow>>;
    async fn services(&mut self, query: &str, limit: i64) -> StoreResult<Vec<ServiceRow>>;

    // availability
    async fn search_slots(&mut self, search: &SlotSearch) -> StoreResult<Vec<OfferRow>>;
    /// Free slots per Europe/Rome day (YYYYMMDD) in `[from, to)`.
    async fn calendar(
        &mut self,
        service_id: i64,
        scope: Scope,
        from: i64,
        to: i64,
        now: i64,
    ) -> StoreResult<Vec<(i64, i64)>>;
    async fn offer_by_slot(&mut self, slot_id: i64) -> StoreResult<Option<OfferRow>>;
    async fn first_free_slot_in_zone(
        &mut self,
        service_id: i64,
        zone_id: i64,
        now: i64,
    ) -> StoreResult<Option<i64>>;

    // holds
    async fn release_line_holds(&mut self, prescription_id: i64, line: i64) -> StoreResult<()>;
    async fn hold_insert(&mut self, hold: &NewHold) -> StoreResult<i64>;
    /// Takes a free slot for a hold; false when the slot is not free (or not that service).
    async fn slot_take_for_hold(
        &mut self,
        slot_id: i64,
        service_id: i64,
        hold_id: i64,
        until: i64,
        now: i64,
    ) -> StoreResult<bool>;
    async fn hold_by_id(&mut self, id: i64) -> StoreResult<Option<HoldRow>>;
    async fn hold_extend(&mut self, id: i64, until: i64, now: i64) -> StoreResult<bool>;
    async fn hold_release(&mut self, id: i64) -> StoreResult<bool>;
    async fn hold_mark_used(&mut self, id: i64) -> StoreResult<bool>;

    // bookings
    /// The id the next booking will have (reserved: PostgreSQL's sequence; SQLite's single
    /// writer makes MAX + 1 safe).
    async fn next_booking_id(&mut self) -> StoreResult<i64>;
    async fn booking_insert(&mut self, booking: &NewBooking) -> StoreResult<()>;
    /// Books the slot held by `hold_id`; false when the hold is no longer live on it.
    async fn slot_take_for_booking(
        &mut self,
        slot_id: i64,
        hold_id: i64,
        booking_id: i64,
        now: i64,
    ) -> StoreResult<bool>;
    /// Books a free slot directly, without a hold (counter bookings of the demo loader).
    async fn slot_set_booking(
        &mut self,
        slot_id: i64,
        booking_id: i64,
        now: i64,
    ) -> StoreResult<bool>;
    async fn slot_free_booking(&mut self, slot_id: i64, booking_id: i64) -> StoreResult<bool>;
    #[allow(clippy::too_many_arguments)]
    async fn booking_set_status(
        &mut self,
        id: i64,
        from: &str,
        to: &str,
        now: i64,
        cancelled_at: Option<i64>,
        malum_owed: bool,
    ) -> StoreResult<bool>;
    async fn booking_set_moved_to(&mut self, id: i64, moved_to: i64) -> StoreResult<()>;
    async fn bookings(
        &mut self,
        citizen_id: i64,
        filter: &BookingFilter,
    ) -> StoreResult<Vec<BookingRow>>;

    // SMS outbox, audit, statistics
    async fn sms_enqueue(
        &mut self,
        booking_id: i64,
        phone: &str,
        body: &str,
        now: i64,
    ) -> StoreResult<()>;
    /// Claims up to `limit` unsent messages for this sender until `until` (see `SMS_CLAIM`).
    async fn sms_claim(&mut self, now: i64, until: i64, limit: i64) -> StoreResult<Vec<SmsRow>>;
    async fn sms_mark_sent(&mut self, id: i64, now: i64) -> StoreResult<()>;
    async fn sms_mark_failed(&mut self, id: i64) -> StoreResult<()>;
    async fn sms_of_booking(&mut self, booking_id: i64) -> StoreResult<Vec<SmsRow>>;
    async fn audit(&mut self, entry: &AuditEntry) -> StoreResult<()>;
    async fn stats(&mut self, from: i64, to: i64) -> StoreResult<Vec<StatRow>>;

    // idempotency
    /// Records a new in-flight request; false when the key already exists.
    async fn idempotency_insert(
        &mut self,
        scope: &str,
        key: &str,
        hash: &str,
        now: i64,
    ) -> StoreResult<bool>;
    async fn idempotency_get(
        &mut self,
        scope: &str,
        key: &str,
    ) -> StoreResult<Option<IdempotencyRow>>;
    async fn idempotency_take_over(
        &mut self,
        scope: &str,
        key: &str,
        now: i64,
        stale_before: i64,
    ) -> StoreResult<bool>;
    async fn idempotency_finish(
        &mut self,
        scope: &str,
        key: &str,
        status: i64,
        body: &str,
    ) -> StoreResult<()>;
    async fn idempotency_delete(&mut self, scope: &str, key: &str) -> StoreResult<()>;
    /// Claims again, for a new request, a record created before `older_than`.
    async fn idempotency_renew(
        &mut self,
        scope: &str,
        key: &str,
        request_hash: &str,
        now: i64,
        older_than: i64,
    ) -> StoreResult<bool>;
    /// Deletes the records created before `older_than`; returns how many.
    async fn idempotency_purge(&mut self, older_than: i64) -> StoreResult<u64>;
}
