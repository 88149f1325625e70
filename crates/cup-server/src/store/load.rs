//! Bulk loading of a generated demo region: multi-row inserts (SQLite) and COPY for the
//! slots (PostgreSQL), then the pre-booked lines booked through the ordinary store functions.

use sqlx::QueryBuilder;

use super::postgres::PgStore;
use super::rows::{AuditEntry, NewBooking};
use super::sqlite::SqliteStore;
use super::{LoadReport, Store, StoreResult};
use crate::demo::DemoRegion;
use crate::service::identifiers;

/// Rows per multi-row INSERT: below both backends' bind-parameter limits.
const CHUNK: usize = 2_000;

macro_rules! insert_rows {
    ($conn:expr, $db:ty, $head:literal, $rows:expr, |$b:ident, $r:ident| $push:block) => {{
        for chunk in $rows.chunks(CHUNK) {
            let mut qb: QueryBuilder<$db> = QueryBuilder::new($head);
            qb.push_values(chunk, |mut $b, $r| $push);
            qb.build().execute(&mut *$conn).await?;
        }
    }};
}

macro_rules! load_catalogue {
    ($conn:expr, $db:ty, $region:expr) => {{
        let region: &DemoRegion = $region;
        insert_rows!($conn, $db, "INSERT INTO asl (id, code, name) ", region.asls, |b, r| {
            b.push_bind(r.id).push_bind(r.code.clone()).push_bind(r.name.clone());
        });
        insert_rows!($conn, $db, "INSERT INTO zone (id, asl_id, name, lat, lon) ", region.zones, |b, r| {
            b.push_bind(r.id).push_bind(r.asl_id).push_bind(r.name.clone()).push_bind(r.lat).push_bind(r.lon);
        });
        insert_rows!(
            $conn,
            $db,
            "INSERT INTO facility (id, zone_id, name, address, city, province, lat, lon) ",
            region.facilities,
            |b, r| {
                b.push_bind(r.id)
                    .push_bind(r.zone_id)
                    .push_bind(r.name.clone())
                    .push_bind(r.address.clone())
                    .push_bind(r.city.clone())
                    .push_bind(r.province.clone())
                    .push_bind(r.lat)
                    .push_bind(r.lon);
            }
        );
        insert_rows!(
            $conn,
            $db,
            "INSERT INTO service (id, code, description, branch, kind, tariff_cents, preparation, preparation_en) ",
            region.services,
            |b, r| {
                b.push_bind(r.id)
                    .push_bind(r.code.clone())
                    .push_bind(r.description.clone())
                    .push_bind(r.branch.clone())
                    .push_bind(r.kind.to_string())
                    .push_bind(r.tariff_cents)
                    .push_bind(r.preparation.clone())
                    .push_bind(r.preparation_en.clone());
            }
        );
        insert_rows!($conn, $db, "INSERT INTO unit (id, facility_id, name) ", region.units, |b, r| {
            b.push_bind(r.id).push_bind(r.facility_id).push_bind(r.name.clone());
        });
        insert_rows!(
            $conn,
            $db,
            "INSERT INTO citizen (id, codice_fiscale, tessera, given_name, family_name, sex, birth_date, \
             birth_place, address, zone_id, phone, email) ",
            region.citizens,
            |b, r| {
                b.push_bind(r.id)
                    .push_bind(r.codice_fiscale.clone())
                    .push_bind(r.tessera.clone())
                    .push_bind(r.given_name.clone())
                    .push_bind(r.family_name.clone())
                    .push_bind(r.sex.to_string())
                    .push_bind(r.birth_date.clone())
                    .push_bind(r.birth_place.clone())
                    .push_bind(r.address.clone())
                    .push_bind(r.zone_id)
                    .push_bind(r.phone.clone())
                    .push_bind(r.email.clone());
            }
        );
        insert_rows!(
            $conn,
            $db,
            "INSERT INTO prescription (id, nre, citizen_id, priority, access, exemption, issued_on, doctor, question) ",
            region.prescriptions,
            |b, r| {
                b.push_bind(r.id)
                    .push_bind(r.nre.clone())
                    .push_bind(r.citizen_id)
                    .push_bind(r.priority.clone())
                    .push_bind(r.access.to_string())
                    .push_bind(r.exemption.clone())
                    .push_bind(r.issued_on.clone())
                    .push_bind(r.doctor.clone())
                    .push_bind(r.question.clone());
            }
        );
        insert_rows!(
            $conn,
            $db,
            "INSERT INTO prescription_item (prescription_id, line, service_id, quantity) ",
            region.items,
            |b, r| {
                b.push_bind(r.prescription_id).push_bind(r.line).push_bind(r.service_id).push_bind(r.quantity);
            }
        );
    }};
}

pub(super) async fn load_sqlite(
    store: &SqliteStore,
    region: &DemoRegion,
    now: i64,
) -> StoreResult<LoadReport> {
    let mut tx = store.writer().begin().await?;
    load_catalogue!(tx, sqlx::Sqlite, region);
    let mut slots = 0_u64;
    let mut batch = Vec::with_capacity(CHUNK);
    for slot in region.slots() {
        batch.push(slot);
        if batch.len() == CHUNK {
            slots += insert_slots(&mut tx, &batch).await?;
            batch.clear();
        }
    }
    slots += insert_slots(&mut tx, &batch).await?;
    tx.commit().await?;
    let prebooked = book_prebooked(store, region, now).await?;
    Ok(report(region, slots, prebooked))
}

async fn insert_slots(
    conn: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    batch: &[crate::demo::SlotRow],
) -> StoreResult<u64> {
    if batch.is_empty() {
        return Ok(0);
    }
    let mut qb: QueryBuilder<sqlx::Sqlite> = QueryBuilder::new(
        "INSERT INTO slot (id, service_id, unit_id, facility_id, zone_id, asl_id, starts_at, ends_at, local_day) ",
    );
    qb.push_values(batch, |mut b, r| {
        b.push_bind(r.id)
            .push_bind(r.service_id)
            .push_bind(r.unit_id)
            .push_bind(r.facility_id)
            .push_bind(r.zone_id)
            .push_bind(r.asl_id)
            .push_bind(r.starts_at)
            .push_bind(r.ends_at)
            .push_bind(r.local_day);
    });
    qb.build().execute(&mut **conn).await?;
    Ok(batch.len() as u64)
}

pub(super) async fn load_postgres(
    store: &PgStore,
    region: &DemoRegion,
    now: i64,
) -> StoreResult<LoadReport> {
    let mut tx = store.pool().begin().await?;
    load_catalogue!(tx, sqlx::Postgres, region);
    // The slots go through COPY: millions of rows in the full profile.
    let mut copy = tx
        .copy_in_raw(
            "COPY slot (id, service_id, unit_id, facility_id, zone_id, asl_id, starts_at, ends_at, local_day) \
             FROM STDIN WITH (FORMAT text)",
        )
        .await?;
    let mut slots = 0_u64;
    let mut buffer = String::with_capacity(1 << 20);
    for r in region.slots() {
        use std::fmt::Write as _;
        let _ = writeln!(
            buffer,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.id,
            r.service_id,
            r.unit_id,
            r.facility_id,
            r.zone_id,
            r.asl_id,
            r.starts_at,
            r.ends_at,
            r.local_day
        );
        slots += 1;
        if buffer.len() > (1 << 20) - 256 {
            copy.send(buffer.as_bytes()).await?;
            buffer.clear();
        }
    }
    if !buffer.is_empty() {
        copy.send(buffer.as_bytes()).await?;
    }
    copy.finish().await?;
    // Identity columns do not advance on explicit ids: move them past the loaded rows.
    for table in [
        "asl",
        "zone",
        "facility",
        "service",
        "unit",
        "slot",
        "citizen",
        "prescription",
    ] {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1))"
        );
        sqlx::query(&sql).execute(&mut *tx).await?;
    }
    sqlx::query("ANALYZE").execute(&mut *tx).await?;
    tx.commit().await?;
    let prebooked = book_prebooked(store, region, now).await?;
    Ok(report(region, slots, prebooked))
}

fn report(region: &DemoRegion, slots: u64, prebooked: u64) -> LoadReport {
    LoadReport {
        slots,
        citizens: region.citizens.len() as u64,
        prescriptions: region.prescriptions.len() as u64,
        prebooked,
    }
}

/// Books each pre-booked line on the first free slot of its service in the citizen's zone
/// (or anywhere), through the same store functions a counter booking uses.
async fn book_prebooked(store: &dyn Store, region: &DemoRegion, now: i64) -> StoreResult<u64> {
    let mut booked = 0;
    for line in &region.prebooked {
        // Each counter booking's PIN comes from its own prescription: the same PIN on every
        // day the region is generated, whatever happens to the other pre-booked lines.
        let mut rng = identifiers::seeded_rng(0xC0FFEE ^ line.prescription_id.unsigned_abs());
        let mut tx = store.write().await?;
        let Some(prescription) = tx.prescription_by_id(line.prescription_id).await? else {
            continue;
        };
        let Some(citizen) = tx.citizen_by_id(prescription.citizen_id).await? else {
            continue;
        };
        let items = tx.prescription_items(prescription.id).await?;
        let Some(item) = items.iter().find(|i| i.line == line.line) else {
            continue;
        };
        let slot = match tx
            .first_free_slot_in_zone(item.service_id, citizen.zone_id, now)
            .await?
        {
            Some(slot) => slot,
            None => continue,
        };
        let booking_id = tx.next_booking_id().await?;
        let ids = identifiers::BookingIdentifiers::generate(&mut rng, now, booking_id);
        tx.booking_insert(&NewBooking {
            id: booking_id,
            cup_number: ids.cup_number,
            pin: ids.pin,
            notice_number: ids.notice_number,
            citizen_id: citizen.id,
            prescription_id: prescription.id,
            line: item.line,
            slot_id: slot,
            ticket_cents: identifiers::line_ticket_cents(&items, &prescription, item.line),
            guarantee: None,
            phone: None,
            channel: "sportello",
            created_at: now,
            moved_from: None,
        })
        .await?;
        tx.audit(&AuditEntry {
            at: now,
            channel: "sportello",
            actor: "demo-loader".into(),
            citizen_id: Some(citizen.id),
            action: "book",
            object: format!("booking:{booking_id}"),
            outcome: "ok",
            address: None,
        })
        .await?;
        // A counter booking takes the free slot directly (no hold at a counter).
        if !tx.slot_set_booking(slot, booking_id, now).await? {
            continue;
        }
        tx.commit().await?;
        booked += 1;
    }
    Ok(booked)
}
