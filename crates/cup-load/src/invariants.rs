//! The invariants, read directly in the server's database (SQLite or PostgreSQL) after a run:
//! no slot booked twice and slot <-> booking consistent; no expired (or released, or used)
//! hold blocks a slot; every booking acknowledged to a client present in the state the client
//! knows; no booking the clients were not told about beyond the operations left without an
//! answer (a duplicate); and the counts add up.
//!
//! The report names no identifier: internal row ids and counts only.

use std::collections::{HashMap, HashSet};

use sqlx::{PgPool, SqlitePool};

use crate::ledger::Snapshot;

/// A connection to the server's database.
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

macro_rules! fetch_all {
    ($db:expr, $query:expr) => {
        match $db {
            Db::Sqlite(pool) => $query.fetch_all(pool).await,
            Db::Postgres(pool) => $query.fetch_all(pool).await,
        }
    };
}

impl Db {
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(2)
                .connect(url)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            let pool = sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(1)
                .connect(url)
                .await?;
            Ok(Db::Sqlite(pool))
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }

    async fn ids(&self, sql: &str, now: i64) -> Result<Vec<i64>, sqlx::Error> {
        let rows: Vec<(i64,)> = fetch_all!(self, sqlx::query_as(sql).bind(now))?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    async fn count(&self, sql: &str, now: i64) -> Result<i64, sqlx::Error> {
        Ok(self.ids(sql, now).await?.first().copied().unwrap_or(0))
    }
}

/// Slots with more than one live booking.
const DOUBLE_BOOKED: &str = "SELECT slot_id FROM booking WHERE status = 'booked' AND $1 = $1 \
     GROUP BY slot_id HAVING COUNT(*) > 1";
/// Live bookings whose slot does not point back at them.
const BOOKING_WITHOUT_SLOT: &str = "SELECT b.id FROM booking b JOIN slot s ON s.id = b.slot_id \
     WHERE b.status = 'booked' AND $1 = $1 AND (s.booking_id IS NULL OR s.booking_id <> b.id)";
/// Slots occupied by a booking that is not live, not theirs, or missing.
const SLOT_WITH_DEAD_BOOKING: &str = "SELECT s.id FROM slot s LEFT JOIN booking b ON b.id = s.booking_id \
     WHERE s.booking_id IS NOT NULL AND $1 = $1 \
     AND (b.id IS NULL OR b.status <> 'booked' OR b.slot_id <> s.id)";
/// Slots blocked (held_until in the future) by anything but a live, unexpired hold of their
/// own, or held while booked.
const SLOT_BLOCKED_BY_DEAD_HOLD: &str = "SELECT s.id FROM slot s LEFT JOIN hold h ON h.id = s.hold_id \
     WHERE s.hold_id IS NOT NULL AND s.held_until > $1 \
     AND (h.id IS NULL OR h.state <> 'live' OR h.expires_at <= $1 OR h.slot_id <> s.id \
          OR s.booking_id IS NOT NULL)";
/// Slots that block availability (held_until in the future) without any hold.
const SLOT_HELD_WITHOUT_HOLD: &str =
    "SELECT id FROM slot WHERE hold_id IS NULL AND held_until IS NOT NULL AND held_until > $1";
/// Live, unexpired holds whose slot does not carry them (a second holder could take it).
const HOLD_NOT_ON_ITS_SLOT: &str = "SELECT h.id FROM hold h JOIN slot s ON s.id = h.slot_id \
     WHERE h.state = 'live' AND h.expires_at > $1 \
     AND (s.hold_id IS NULL OR s.hold_id <> h.id OR s.held_until IS NULL \
          OR s.held_until <> h.expires_at)";
/// Expired holds still named on their slot: free for availability (the server's predicate).
const EXPIRED_HOLDS_ON_SLOTS: &str = "SELECT COUNT(*) FROM slot \
     WHERE hold_id IS NOT NULL AND held_until IS NOT NULL AND held_until <= $1 AND booking_id IS NULL";
/// Every booking, with its status and where it moved to.
const BOOKINGS: &str = "SELECT b.id, b.cup_number, b.status, mt.cup_number FROM booking b \
     LEFT JOIN booking mt ON mt.id = b.moved_to WHERE $1 = $1";
const BOOKING_IDS: &str = "SELECT id FROM booking WHERE $1 = $1";

/// The prescription lines (NRE, line) booked now: not bookable again by the run.
pub async fn booked_lines(db: &Db) -> Result<HashSet<(String, i64)>, sqlx::Error> {
    let rows: Vec<(String, i64)> = fetch_all!(
        db,
        sqlx::query_as(
            "SELECT p.nre, b.line FROM booking b JOIN prescription p ON p.id = b.prescription_id \
             WHERE b.status = 'booked'"
        )
    )?;
    Ok(rows.into_iter().collect())
}

/// The bookings that exist before a run (the demo's pre-booked ones, earlier runs'): the
/// run's are the others.
pub async fn baseline(db: &Db) -> Result<HashSet<i64>, sqlx::Error> {
    Ok(db.ids(BOOKING_IDS, 0).await?.into_iter().collect())
}

/// What the checker found.
#[derive(Debug, Default, Clone)]
pub struct Findings {
    pub violations: Vec<String>,
    /// Acknowledged bookings missing or in another state than the client knows.
    pub lost: u64,
    /// Bookings created during the run that no client was told about, beyond the operations
    /// left without an answer.
    pub duplicates: u64,
    pub double_booked_slots: u64,
    /// Bookings created during the run, by status.
    pub created: u64,
    pub live: u64,
    pub cancelled: u64,
    pub moved: u64,
    /// Expired holds whose slots are free again (informative).
    pub expired_holds_free: i64,
}

impl Findings {
    pub fn ok(&self) -> bool {
        self.violations.is_empty()
    }

    pub fn render(&self) -> String {
        let mut out = String::from("invariants:\n");
        out.push_str(&format!(
            "  bookings created in the run: {} (live {}, cancelled {}, moved {})\n",
            self.created, self.live, self.cancelled, self.moved
        ));
        out.push_str(&format!(
            "  acknowledged bookings lost: {}\n  duplicate bookings: {}\n  slots booked twice: {}\n",
            self.lost, self.duplicates, self.double_booked_slots
        ));
        out.push_str(&format!(
            "  expired holds, their slots free again: {}\n",
            self.expired_holds_free
        ));
        if self.violations.is_empty() {
            out.push_str("  all invariants hold\n");
        } else {
            out.push_str(&format!("  VIOLATIONS ({}):\n", self.violations.len()));
            for v in &self.violations {
                out.push_str(&format!("  - {v}\n"));
            }
        }
        out
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "ok": self.ok(),
            "violations": self.violations,
            "acknowledged_lost": self.lost,
            "duplicates": self.duplicates,
            "slots_booked_twice": self.double_booked_slots,
            "created": self.created,
            "live": self.live,
            "cancelled": self.cancelled,
            "moved": self.moved,
            "expired_holds_free": self.expired_holds_free,
        })
    }
}

fn few(ids: &[i64]) -> String {
    let shown: Vec<String> = ids.iter().take(5).map(i64::to_string).collect();
    let more = if ids.len() > 5 { ", ..." } else { "" };
    format!("{}{more}", shown.join(", "))
}

/// Checks the database against what the clients were told. `before`: the bookings that
/// existed before the run ([`baseline`]); `now`: the instant that decides which holds have
/// expired (epoch seconds).
pub async fn check(
    db: &Db,
    ledger: &Snapshot,
    before: &HashSet<i64>,
    now: i64,
) -> Result<Findings, sqlx::Error> {
    let mut f = Findings::default();
    let structural: [(&str, &str); 6] = [
        (DOUBLE_BOOKED, "slots booked twice (slot ids)"),
        (
            BOOKING_WITHOUT_SLOT,
            "live bookings their slot does not point to (booking row ids)",
        ),
        (
            SLOT_WITH_DEAD_BOOKING,
            "slots occupied by a booking that is not live there (slot ids)",
        ),
        (
            SLOT_BLOCKED_BY_DEAD_HOLD,
            "slots blocked by an expired, released or used hold, or held while booked (slot ids)",
        ),
        (
            SLOT_HELD_WITHOUT_HOLD,
            "slots blocked without a hold (slot ids)",
        ),
        (
            HOLD_NOT_ON_ITS_SLOT,
            "live holds their slot does not carry (hold row ids)",
        ),
    ];
    for (i, (sql, what)) in structural.iter().enumerate() {
        let ids = db.ids(sql, now).await?;
        if i == 0 {
            f.double_booked_slots = ids.len() as u64;
        }
        if !ids.is_empty() {
            f.violations
                .push(format!("{} {what}: {}", ids.len(), few(&ids)));
        }
    }
    f.expired_holds_free = db.count(EXPIRED_HOLDS_ON_SLOTS, now).await?;

    // What the clients were told, against what the database holds.
    let rows: Vec<(i64, String, String, Option<String>)> =
        fetch_all!(db, sqlx::query_as(BOOKINGS).bind(0i64))?;
    let mut all: HashMap<String, (String, Option<String>)> = HashMap::new();
    let mut found: HashMap<String, (String, Option<String>)> = HashMap::new();
    for (id, cup, status, to) in rows {
        if !before.contains(&id) {
            found.insert(cup.clone(), (status.clone(), to.clone()));
        }
        all.insert(cup, (status, to));
    }
    f.created = found.len() as u64;
    for (status, _) in found.values() {
        match status.as_str() {
            "booked" => f.live += 1,
            "cancelled" => f.cancelled += 1,
            "moved" => f.moved += 1,
            _ => {}
        }
    }
    let mut wrong_state = 0u64;
    let mut missing = 0u64;
    for (cup, known) in &ledger.bookings {
        match all.get(cup) {
            None => missing += 1,
            Some((status, to)) if !known.accepts(status, to.as_deref()) => wrong_state += 1,
            Some(_) => {}
        }
    }
    f.lost = missing + wrong_state;
    if missing > 0 {
        f.violations.push(format!(
            "{missing} bookings acknowledged to a client are missing from the database"
        ));
    }
    if wrong_state > 0 {
        f.violations.push(format!(
            "{wrong_state} acknowledged bookings are in another state than their client was told"
        ));
    }
    found.retain(|cup, _| !ledger.bookings.contains_key(cup));
    let unacknowledged = found.len() as u64;
    f.duplicates = unacknowledged.saturating_sub(ledger.creates_in_doubt);
    if f.duplicates > 0 {
        f.violations.push(format!(
            "{} bookings were created that no client was told about ({} operations were left \
             without an answer)",
            unacknowledged, ledger.creates_in_doubt
        ));
    }

    // Counts: every acknowledged book and move created one booking; every cancellation and
    // move ended one. Operations without an answer widen the bounds.
    let created_min = ledger.booked + ledger.moved;
    let created_max = created_min + ledger.creates_in_doubt;
    if f.created < created_min || f.created > created_max {
        f.violations.push(format!(
            "bookings created in the run: {} in the database, the clients were told {} \
             (+ up to {} without an answer)",
            f.created, created_min, ledger.creates_in_doubt
        ));
    }
    let doubt = ledger.creates_in_doubt + ledger.changes_in_doubt;
    let live_told = ledger.booked.saturating_sub(ledger.cancelled);
    let ended_told = ledger.cancelled + ledger.moved;
    let ended_db = f.cancelled + f.moved;
    if f.live + doubt < live_told || f.live > live_told + doubt {
        f.violations.push(format!(
            "live bookings of the run: {} in the database, {} by the acknowledgements \
             (booked {} - cancelled {}; moves keep one live), {} operations in doubt",
            f.live, live_told, ledger.booked, ledger.cancelled, doubt
        ));
    }
    if ended_db + doubt < ended_told || ended_db > ended_told + doubt {
        f.violations.push(format!(
            "cancelled + moved bookings of the run: {} in the database, {} acknowledged, {} in doubt",
            ended_db, ended_told, doubt
        ));
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Ledger;

    /// A fresh database with the server's schema and a minimal region: one service, three
    /// slots, one citizen with one prescription.
    async fn fresh(url: &str) -> Db {
        let (store, _) = cup_server::prepare_store(url, 2, None, &cup_clock::system())
            .await
            .expect("schema");
        drop(store);
        let db = Db::connect(url).await.expect("connect");
        let statements = [
            "INSERT INTO asl (id, code, name) VALUES (1, 'A1', 'ASL')",
            "INSERT INTO zone (id, asl_id, name, lat, lon) VALUES (1, 1, 'ZONA', 43.0, 11.0)",
            "INSERT INTO facility (id, zone_id, name, address, city, province, lat, lon) \
             VALUES (1, 1, 'F', 'via', 'Prato', 'PO', 43.0, 11.0)",
            "INSERT INTO service (id, code, description, branch, kind, tariff_cents) \
             VALUES (1, '89.7', 'VISITA', 'CARDIOLOGIA', 'visit', 2000)",
            "INSERT INTO unit (id, facility_id, name) VALUES (1, 1, 'U')",
            "INSERT INTO slot (id, service_id, unit_id, facility_id, zone_id, asl_id, starts_at, ends_at, local_day) \
             VALUES (1, 1, 1, 1, 1, 1, 2000000000, 2000001800, 20330518)",
            "INSERT INTO slot (id, service_id, unit_id, facility_id, zone_id, asl_id, starts_at, ends_at, local_day) \
             VALUES (2, 1, 1, 1, 1, 1, 2000003600, 2000005400, 20330518)",
            "INSERT INTO slot (id, service_id, unit_id, facility_id, zone_id, asl_id, starts_at, ends_at, local_day) \
             VALUES (3, 1, 1, 1, 1, 1, 2000007200, 2000009000, 20330518)",
            "INSERT INTO citizen (id, codice_fiscale, tessera, given_name, family_name, sex, birth_date, \
             birth_place, address, zone_id) VALUES (1, 'X', 'T', 'N', 'C', 'F', '1980-01-01', 'P', 'A', 1)",
            "INSERT INTO prescription (id, nre, citizen_id, priority, access, issued_on, doctor) \
             VALUES (1, '090A', 1, 'P', 'first', '2026-11-01', 'D')",
            "INSERT INTO prescription_item (prescription_id, line, service_id, quantity) VALUES (1, 1, 1, 1)",
            "INSERT INTO session (id, token_hash, citizen_id, kind, prescription_id, channel, created_at, expires_at) \
             VALUES (1, 'h', 1, 'prescription', 1, 'app', 1000, 3000)",
        ];
        for sql in statements {
            exec(&db, sql).await;
        }
        db
    }

    async fn exec(db: &Db, sql: &str) {
        match db {
            Db::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
            Db::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    fn booking(id: i64, cup: &str, slot: i64, status: &str, created_at: i64) -> String {
        format!(
            "INSERT INTO booking (id, cup_number, pin, notice_number, citizen_id, prescription_id, line, \
             slot_id, status, ticket_cents, channel, created_at, updated_at) VALUES \
             ({id}, '{cup}', '1', 'N{id}', 1, 1, 1, {slot}, '{status}', 0, 'app', {created_at}, {created_at})"
        )
    }

    /// Two bookings acknowledged (one then cancelled), consistent: no violation. Then the
    /// hand-made faults, one at a time, each caught.
    async fn scenario(url: &str) {
        let db = fresh(url).await;
        let now = 1_500;
        // A booking from before the run is not the run's.
        exec(&db, &booking(9, "CUP-OLD", 2, "cancelled", 900)).await;
        let before = baseline(&db).await.expect("baseline");
        assert_eq!(before.len(), 1);
        exec(&db, &booking(10, "CUP-A", 1, "booked", 1_100)).await;
        exec(&db, "UPDATE slot SET booking_id = 10 WHERE id = 1").await;
        exec(&db, &booking(11, "CUP-B", 2, "cancelled", 1_100)).await;
        // A hold left to expire: its slot is free again.
        exec(
            &db,
            "INSERT INTO hold (id, session_id, citizen_id, prescription_id, line, slot_id, created_at, \
             expires_at, state) VALUES (20, 1, 1, 1, 1, 3, 1000, 1200, 'live')",
        )
        .await;
        exec(
            &db,
            "UPDATE slot SET hold_id = 20, held_until = 1200 WHERE id = 3",
        )
        .await;
        let ledger = Ledger::default();
        ledger.create_started();
        ledger.booked("CUP-A");
        ledger.create_started();
        ledger.booked("CUP-B");
        ledger.change_started("CUP-B");
        ledger.cancelled("CUP-B");
        ledger.left_to_expire();
        let snapshot = ledger.snapshot();
        let f = check(&db, &snapshot, &before, now).await.expect("check");
        assert!(f.ok(), "{}", f.render());
        assert_eq!((f.created, f.live, f.cancelled, f.moved), (2, 1, 1, 0));
        assert_eq!(f.expired_holds_free, 1);
        assert_eq!((f.lost, f.duplicates), (0, 0));

        // A double booking (the database's own guard removed to make one).
        exec(&db, "DROP INDEX booking_one_per_slot").await;
        exec(&db, "DROP INDEX booking_one_per_line").await;
        exec(&db, &booking(12, "CUP-C", 1, "booked", 1_200)).await;
        let f = check(&db, &snapshot, &before, now).await.expect("check");
        assert!(!f.ok());
        assert_eq!(f.double_booked_slots, 1);
        assert_eq!(f.duplicates, 1, "{}", f.render());
        assert!(
            f.violations
                .iter()
                .any(|v| v.contains("slots booked twice")),
            "{}",
            f.render()
        );
        let text = f.render();
        assert!(text.contains("VIOLATIONS"), "{text}");
        assert!(
            !text.contains("CUP-"),
            "no identifiers in the report: {text}"
        );
        exec(&db, "DELETE FROM booking WHERE id = 12").await;

        // A lost acknowledged booking.
        exec(&db, "UPDATE slot SET booking_id = NULL WHERE id = 1").await;
        exec(&db, "DELETE FROM booking WHERE id = 10").await;
        let f = check(&db, &snapshot, &before, now).await.expect("check");
        assert_eq!(f.lost, 1, "{}", f.render());
        assert!(
            f.violations
                .iter()
                .any(|v| v.contains("acknowledged to a client are missing")),
            "{}",
            f.render()
        );
        assert!(!f.to_json()["ok"].as_bool().expect("ok"));

        // A booking in another state than its client was told.
        exec(&db, &booking(10, "CUP-A", 1, "cancelled", 1_100)).await;
        let f = check(&db, &snapshot, &before, now).await.expect("check");
        assert_eq!(f.lost, 1);
        assert!(
            f.violations.iter().any(|v| v.contains("another state")),
            "{}",
            f.render()
        );
        exec(&db, "UPDATE booking SET status = 'booked' WHERE id = 10").await;
        exec(&db, "UPDATE slot SET booking_id = 10 WHERE id = 1").await;
        assert!(
            check(&db, &snapshot, &before, now)
                .await
                .expect("check")
                .ok()
        );

        // A slot still blocked by a released hold.
        exec(&db, "UPDATE hold SET state = 'released' WHERE id = 20").await;
        exec(&db, "UPDATE slot SET held_until = 1800 WHERE id = 3").await;
        let f = check(&db, &snapshot, &before, now).await.expect("check");
        assert!(
            f.violations
                .iter()
                .any(|v| v.contains("blocked by an expired, released or used hold")),
            "{}",
            f.render()
        );
        db.close().await;
    }

    #[tokio::test]
    async fn catches_violations_on_sqlite() {
        let dir = tempfile::tempdir().expect("dir");
        let url = format!("sqlite://{}", dir.path().join("cup.db").display());
        scenario(&url).await;
    }

    #[tokio::test]
    async fn catches_violations_on_postgres() {
        let Some(admin) = std::env::var("CUP_TEST_PG_URL")
            .ok()
            .filter(|u| !u.is_empty())
        else {
            eprintln!("skipped: CUP_TEST_PG_URL is not set");
            return;
        };
        let fresh = crate::server::FreshPostgres::create(&admin)
            .await
            .expect("fresh database");
        scenario(&fresh.url).await;
        fresh.drop_database().await;
    }
}
