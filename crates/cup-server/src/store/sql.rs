//! The SQL of the store, one text for both backends: `$N` placeholders (SQLite reads them as
//! numbered parameters), integer times and flags, `RETURNING`, partial unique indexes.
//! Where the dialects differ, the backend module has its own text.

pub const CITIZEN_SELECT: &str = "SELECT c.id, c.codice_fiscale, c.tessera, c.given_name, c.family_name, c.sex, \
     c.birth_date, c.birth_place, c.address, c.zone_id, z.name AS zone_name, z.asl_id, \
     z.lat AS zone_lat, z.lon AS zone_lon, c.phone, c.email \
     FROM citizen c JOIN zone z ON z.id = c.zone_id";
pub const CITIZEN_BY_CF: &str =
    const_format::concatcp!(CITIZEN_SELECT, " WHERE c.codice_fiscale = $1");
pub const CITIZEN_BY_ID: &str = const_format::concatcp!(CITIZEN_SELECT, " WHERE c.id = $1");

pub const PRESCRIPTION_SELECT: &str = "SELECT id, nre, citizen_id, priority, access, exemption, issued_on, doctor, question FROM prescription";
pub const PRESCRIPTION_BY_NRE: &str =
    const_format::concatcp!(PRESCRIPTION_SELECT, " WHERE nre = $1");
pub const PRESCRIPTION_BY_ID: &str = const_format::concatcp!(PRESCRIPTION_SELECT, " WHERE id = $1");

pub const ITEMS_OF_PRESCRIPTION: &str = "SELECT i.line, i.quantity, s.id AS service_id, s.code, s.description, s.branch, s.kind, \
     s.tariff_cents, s.preparation, s.preparation_en, \
     (SELECT b.cup_number FROM booking b WHERE b.prescription_id = i.prescription_id \
        AND b.line = i.line AND b.status = 'booked') AS booked_as \
     FROM prescription_item i JOIN service s ON s.id = i.service_id \
     WHERE i.prescription_id = $1 ORDER BY i.line";

pub const THROTTLE_GET: &str =
    "SELECT key, failures, window_started_at, locked_until FROM login_throttle WHERE key = $1";
/// Counts one attempt on each key, atomically (the row's lock is held to the transaction's
/// end, so concurrent attempts on one key are counted one after the other): a window older
/// than `$4` seconds starts again at 1; a locked key is not counted. `$3` is now.
pub const THROTTLE_CHARGE_TWO: &str = "INSERT INTO login_throttle (key, failures, window_started_at, locked_until) \
     VALUES ($1, 1, $3, 0), ($2, 1, $3, 0) ON CONFLICT (key) DO UPDATE SET \
     failures = CASE WHEN login_throttle.locked_until > $3 THEN login_throttle.failures \
       WHEN $3 - login_throttle.window_started_at >= $4 THEN 1 ELSE login_throttle.failures + 1 END, \
     window_started_at = CASE WHEN login_throttle.locked_until <= $3 \
       AND $3 - login_throttle.window_started_at >= $4 THEN $3 ELSE login_throttle.window_started_at END \
     RETURNING key, failures, window_started_at, locked_until";
/// [`THROTTLE_CHARGE_TWO`] for one key (`$2` now, `$3` the window).
pub const THROTTLE_CHARGE_ONE: &str = "INSERT INTO login_throttle (key, failures, window_started_at, locked_until) \
     VALUES ($1, 1, $2, 0) ON CONFLICT (key) DO UPDATE SET \
     failures = CASE WHEN login_throttle.locked_until > $2 THEN login_throttle.failures \
       WHEN $2 - login_throttle.window_started_at >= $3 THEN 1 ELSE login_throttle.failures + 1 END, \
     window_started_at = CASE WHEN login_throttle.locked_until <= $2 \
       AND $2 - login_throttle.window_started_at >= $3 THEN $2 ELSE login_throttle.window_started_at END \
     RETURNING key, failures, window_started_at, locked_until";
/// Locks a key until `$2`; its count starts again (`$3` now).
pub const THROTTLE_LOCK: &str = "UPDATE login_throttle SET locked_until = $2, failures = 0, \
     window_started_at = $3 WHERE key = $1";
/// A successful login: its pair's row goes, and the attempt counted on the identity is taken
/// back (the row goes when nothing else is left on it). `$3` is now.
pub const THROTTLE_SUCCESS_DELETE: &str = "DELETE FROM login_throttle WHERE key = $1 \
     OR (key = $2 AND failures <= 1 AND locked_until <= $3)";
pub const THROTTLE_SUCCESS_UNCOUNT: &str =
    "UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0";
/// A refused attempt is taken back from the keys that counted it (a locked key did not).
pub const THROTTLE_UNCOUNT_TWO: &str = "UPDATE login_throttle SET failures = failures - 1 \
     WHERE key IN ($1, $2) AND failures > 0 AND locked_until <= $3";
pub const SESSION_INSERT: &str = "INSERT INTO session (token_hash, citizen_id, kind, prescription_id, channel, created_at, expires_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
pub const SESSION_BY_HASH: &str = "SELECT id, citizen_id, kind, prescription_id, channel, expires_at FROM session \
     WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2";
/// Slides a session's expiry to `$2`, never past its absolute end (`$3` seconds after login).
pub const SESSION_TOUCH: &str = "UPDATE session SET expires_at = CASE WHEN $2 < created_at + $3 \
     THEN $2 ELSE created_at + $3 END WHERE id = $1 AND revoked_at IS NULL";
pub const SESSION_REVOKE: &str =
    "UPDATE session SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";

pub const ASLS: &str = "SELECT id, code, name FROM asl ORDER BY id";
pub const ZONES: &str = "SELECT id, asl_id, name, lat, lon FROM zone ORDER BY id";
pub const FACILITY_SELECT: &str = "SELECT f.id, f.name, f.address, f.city, f.province, f.zone_id, z.name AS zone_name, f.lat, f.lon \
     FROM facility f JOIN zone z ON z.id = f.zone_id";
pub const FACILITIES_ALL: &str = const_format::concatcp!(FACILITY_SELECT, " ORDER BY f.id");
pub const FACILITIES_OF_ZONE: &str =
    const_format::concatcp!(FACILITY_SELECT, " WHERE f.zone_id = $1 ORDER BY f.id");
pub const SERVICES_MATCHING: &str = "SELECT id, code, description, branch, kind, tariff_cents, preparation, preparation_en FROM service \
     WHERE ($1 = '' OR description LIKE $2 OR code = $1) ORDER BY description LIMIT $3";

/// The free-slot predicate: not booked, and not held by a live hold. An expired hold frees
/// its slot by itself: nothing has to sweep it first.
macro_rules! free {
    () => {
        " s.booking_id IS NULL AND (s.held_until IS NULL OR s.held_until <= $4) "
    };
}

macro_rules! offer_select {
    () => {
        "SELECT s.id AS slot_id, s.service_id, s.starts_at, s.ends_at, u.name AS unit_name, \
         f.id AS facility_id, f.name AS facility_name, f.address, f.city, f.province, \
         f.zone_id, z.name AS zone_name, f.lat, f.lon \
         FROM slot s JOIN unit u ON u.id = s.unit_id JOIN facility f ON f.id = s.facility_id \
         JOIN zone z ON z.id = f.zone_id "
    };
}

// $1 service, $2 from, $3 to, $4 now, $5 limit, $6 zone/asl, $7 facility (0 = any)
pub const SEARCH_ZONE: &str = concat!(
    offer_select!(),
    "WHERE s.service_id = $1 AND s.zone_id = $6 AND s.starts_at >= $2 AND s.starts_at < $3 AND ",
    free!(),
    "AND ($7 = 0 OR s.facility_id = $7) ORDER BY s.starts_at, s.id LIMIT $5"
);
pub const SEARCH_ASL: &str = concat!(
    offer_select!(),
    "WHERE s.service_id = $1 AND s.asl_id = $6 AND s.starts_at >= $2 AND s.starts_at < $3 AND ",
    free!(),
    "AND ($7 = 0 OR s.facility_id = $7) ORDER BY s.starts_at, s.id LIMIT $5"
);
pub const SEARCH_REGION: &str = concat!(
    offer_select!(),
    "WHERE s.service_id = $1 AND $6 = $6 AND s.starts_at >= $2 AND s.starts_at < $3 AND ",
    free!(),
    "AND ($7 = 0 OR s.facility_id = $7) ORDER BY s.starts_at, s.id LIMIT $5"
);

// $1 service, $2 from, $3 to, $4 now, $5 zone/asl
pub const CALENDAR_ZONE: &str = concat!(
    "SELECT s.local_day, COUNT(*) AS available FROM slot s WHERE s.service_id = $1 AND s.zone_id = $5 \
     AND s.starts_at >= $2 AND s.starts_at < $3 AND ",
    free!(),
    "GROUP BY s.local_day ORDER BY s.local_day"
);
pub const CALENDAR_ASL: &str = concat!(
    "SELECT s.local_day, COUNT(*) AS available FROM slot s WHERE s.service_id = $1 AND s.asl_id = $5 \
     AND s.starts_at >= $2 AND s.starts_at < $3 AND ",
    free!(),
    "GROUP BY s.local_day ORDER BY s.local_day"
);
pub const CALENDAR_REGION: &str = concat!(
    "SELECT s.local_day, COUNT(*) AS available FROM slot s WHERE s.service_id = $1 AND $5 = $5 \
     AND s.starts_at >= $2 AND s.starts_at < $3 AND ",
    free!(),
    "GROUP BY s.local_day ORDER BY s.local_day"
);

pub const OFFER_BY_SLOT: &str = concat!(offer_select!(), "WHERE s.id = $1");

pub const HOLDS_RELEASE_SLOTS_OF_LINE: &str = "UPDATE slot SET hold_id = NULL, held_until = NULL WHERE hold_id IN \
     (SELECT id FROM hold WHERE prescription_id = $1 AND line = $2 AND state = 'live')";
pub const HOLDS_RELEASE_LINE: &str = "UPDATE hold SET state = 'released' WHERE prescription_id = $1 AND line = $2 AND state = 'live'";
pub const HOLD_INSERT: &str = "INSERT INTO hold (session_id, citizen_id, prescription_id, line, slot_id, first_offer_slot_id, \
     created_at, expires_at, extended, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 'live') RETURNING id";
/// Takes a free slot for a hold: the condition is the whole guarantee against two holds.
pub const SLOT_TAKE_FOR_HOLD: &str = "UPDATE slot SET hold_id = $2, held_until = $3 WHERE id = $1 AND service_id = $5 \
     AND booking_id IS NULL AND (held_until IS NULL OR held_until <= $4)";
pub const HOLD_BY_ID: &str = "SELECT id, session_id, citizen_id, prescription_id, line, slot_id, first_offer_slot_id, \
     created_at, expires_at, extended, state FROM hold WHERE id = $1";
pub const HOLD_EXTEND: &str = "UPDATE hold SET expires_at = $2, extended = 1 WHERE id = $1 AND state = 'live' \
     AND extended = 0 AND expires_at > $3";
pub const SLOT_EXTEND_HOLD: &str =
    "UPDATE slot SET held_until = $2 WHERE hold_id = $1 AND booking_id IS NULL";
pub const HOLD_RELEASE: &str =
    "UPDATE hold SET state = 'released' WHERE id = $1 AND state = 'live'";
pub const SLOT_RELEASE_HOLD: &str =
    "UPDATE slot SET hold_id = NULL, held_until = NULL WHERE hold_id = $1 AND booking_id IS NULL";
pub const HOLD_MARK_USED: &str = "UPDATE hold SET state = 'used' WHERE id = $1 AND state = 'live'";

pub const BOOKING_INSERT: &str = "INSERT INTO booking (id, cup_number, pin, notice_number, citizen_id, prescription_id, line, slot_id, \
     status, ticket_cents, guarantee, phone, channel, created_at, updated_at, malum_owed, moved_from) \
     VALUES ($14, $1, $2, $3, $4, $5, $6, $7, 'booked', $8, $9, $10, $11, $12, $12, 0, $13)";
/// Books a held slot: only while this hold is live and nobody booked it.
pub const SLOT_TAKE_FOR_BOOKING: &str = "UPDATE slot SET booking_id = $3, hold_id = NULL, held_until = NULL \
     WHERE id = $1 AND hold_id = $2 AND held_until > $4 AND booking_id IS NULL";
/// A counter booking without a hold (the demo loader's pre-booked lines).
pub const SLOT_SET_BOOKING: &str = "UPDATE slot SET booking_id = $2 WHERE id = $1 AND booking_id IS NULL AND (held_until IS NULL OR held_until <= $3)";
pub const SLOT_FREE_BOOKING: &str =
    "UPDATE slot SET booking_id = NULL WHERE id = $1 AND booking_id = $2";
pub const BOOKING_SET_STATUS: &str = "UPDATE booking SET status = $3, updated_at = $4, \
     cancelled_at = COALESCE($5, cancelled_at), malum_owed = $6 WHERE id = $1 AND status = $2";
pub const BOOKING_SET_MOVED_TO: &str = "UPDATE booking SET moved_to = $2 WHERE id = $1";

pub const BOOKING_SELECT: &str = "SELECT b.id, b.cup_number, b.pin, b.notice_number, b.citizen_id, b.prescription_id, b.line, \
     b.status, b.ticket_cents, b.guarantee, b.phone, b.channel, b.created_at, b.cancelled_at, b.malum_owed, \
     mf.cup_number AS moved_from_cup, mt.cup_number AS moved_to_cup, \
     p.nre, p.exemption, p.priority, p.issued_on, i.quantity, \
     s.id AS slot_id, s.service_id, s.starts_at, s.ends_at, u.name AS unit_name, f.id AS facility_id, \
     f.name AS facility_name, f.address, f.city, f.province, f.zone_id, z.name AS zone_name, f.lat, f.lon, \
     z.asl_id, a.name AS asl_name, a.code AS asl_code, sv.code, sv.description, sv.branch, sv.kind, sv.tariff_cents, sv.preparation, sv.preparation_en \
     FROM booking b \
     JOIN prescription p ON p.id = b.prescription_id \
     JOIN prescription_item i ON i.prescription_id = b.prescription_id AND i.line = b.line \
     JOIN slot s ON s.id = b.slot_id \
     JOIN unit u ON u.id = s.unit_id \
     JOIN facility f ON f.id = s.facility_id \
     JOIN zone z ON z.id = f.zone_id \
     JOIN asl a ON a.id = z.asl_id \
     JOIN service sv ON sv.id = s.service_id \
     LEFT JOIN booking mf ON mf.id = b.moved_from \
     LEFT JOIN booking mt ON mt.id = b.moved_to";
pub const BOOKING_BY_ID: &str =
    const_format::concatcp!(BOOKING_SELECT, " WHERE b.citizen_id = $1 AND b.id = $2");
pub const BOOKING_BY_CUP: &str = const_format::concatcp!(
    BOOKING_SELECT,
    " WHERE b.citizen_id = $1 AND b.cup_number = $2"
);
pub const BOOKING_BY_PIN: &str =
    const_format::concatcp!(BOOKING_SELECT, " WHERE b.citizen_id = $1 AND b.pin = $2");
pub const BOOKING_BY_NRE: &str = const_format::concatcp!(
    BOOKING_SELECT,
    " WHERE b.citizen_id = $1 AND p.nre = $2 ORDER BY s.starts_at DESC, b.id DESC"
);
pub const BOOKINGS_OF_CITIZEN: &str = const_format::concatcp!(
    BOOKING_SELECT,
    " WHERE b.citizen_id = $1 AND $2 = $2 ORDER BY s.starts_at DESC, b.id DESC"
);

pub const SMS_ENQUEUE: &str =
    "INSERT INTO sms_outbox (booking_id, phone, body, created_at) VALUES ($1, $2, $3, $4)";
/// Claims up to $3 messages for one sender until $2: only unsent messages whose claim (if
/// any) has lapsed. The outer conditions are checked again on the row's latest version, so
/// two replicas claiming at once never both get a message (PostgreSQL re-evaluates them after
/// waiting on the other's row lock; SQLite has one writer).
pub const SMS_CLAIM: &str = "UPDATE sms_outbox SET claimed_until = $2 \
     WHERE id IN (SELECT id FROM sms_outbox WHERE sent_at IS NULL \
     AND (claimed_until IS NULL OR claimed_until <= $1) ORDER BY id LIMIT $3) \
     AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $1) \
     RETURNING id, booking_id, phone, body, created_at, sent_at";
pub const SMS_MARK_SENT: &str =
    "UPDATE sms_outbox SET sent_at = $2, attempts = attempts + 1 WHERE id = $1";
/// A failed attempt: counted, and the claim released so that a later round tries again.
pub const SMS_MARK_FAILED: &str =
    "UPDATE sms_outbox SET claimed_until = NULL, attempts = attempts + 1 WHERE id = $1";
pub const SMS_OF_BOOKING: &str = "SELECT id, booking_id, phone, body, created_at, sent_at FROM sms_outbox \
     WHERE booking_id = $1 ORDER BY id";

pub const AUDIT_INSERT: &str = "INSERT INTO audit (at, channel, actor, citizen_id, action, object, outcome, address) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
pub const STATS: &str = "SELECT channel, action, COUNT(*) AS count FROM audit WHERE at >= $1 AND at < $2 \
     AND outcome = 'ok' GROUP BY channel, action ORDER BY channel, action";

pub const IDEMPOTENCY_INSERT: &str = "INSERT INTO idempotency (scope, key, request_hash, state, created_at) \
     VALUES ($1, $2, $3, 'in_flight', $4) ON CONFLICT (scope, key) DO NOTHING";
pub const IDEMPOTENCY_GET: &str = "SELECT request_hash, state, status, body, created_at FROM idempotency \
     WHERE scope = $1 AND key = $2";
/// Takes over a record left in flight by a request that died (server killed mid-request).
pub const IDEMPOTENCY_TAKE_OVER: &str = "UPDATE idempotency SET created_at = $3 WHERE scope = $1 AND key = $2 \
     AND state = 'in_flight' AND created_at < $4";
pub const IDEMPOTENCY_FINISH: &str =
    "UPDATE idempotency SET state = 'done', status = $3, body = $4 WHERE scope = $1 AND key = $2";
pub const IDEMPOTENCY_DELETE: &str = "DELETE FROM idempotency WHERE scope = $1 AND key = $2";
/// Claims again a record older than `$5` for a new request (`$3`, `$4` now).
pub const IDEMPOTENCY_RENEW: &str = "UPDATE idempotency SET request_hash = $3, state = 'in_flight', \
     status = NULL, body = NULL, created_at = $4 WHERE scope = $1 AND key = $2 AND created_at < $5";
pub const IDEMPOTENCY_PURGE: &str = "DELETE FROM idempotency WHERE created_at < $1";

pub const IS_EMPTY: &str = "SELECT COUNT(*) FROM asl";
pub const FIRST_FREE_SLOT_IN_ZONE: &str = "SELECT s.id FROM slot s WHERE s.service_id = $1 AND s.zone_id = $2 \
     AND s.starts_at >= $3 AND s.booking_id IS NULL AND (s.held_until IS NULL OR s.held_until <= $3) \
     ORDER BY s.starts_at, s.id LIMIT 1";
