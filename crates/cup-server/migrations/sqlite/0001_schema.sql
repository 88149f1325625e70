-- CUP Toscana reference backend: schema for SQLite. Times are UTC epoch seconds (INTEGER);
-- `local_day` is the appointment's calendar day in Europe/Rome as YYYYMMDD.

CREATE TABLE asl (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE zone (
    id INTEGER PRIMARY KEY,
    asl_id INTEGER NOT NULL REFERENCES asl(id),
    name TEXT NOT NULL UNIQUE,
    lat REAL NOT NULL,
    lon REAL NOT NULL
);

CREATE TABLE facility (
    id INTEGER PRIMARY KEY,
    zone_id INTEGER NOT NULL REFERENCES zone(id),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    city TEXT NOT NULL,
    province TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL
);

CREATE TABLE service (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    branch TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('visit', 'diagnostic', 'laboratory')),
    tariff_cents INTEGER NOT NULL CHECK (tariff_cents >= 0),
    preparation TEXT NOT NULL DEFAULT ''
);

-- An ambulatory unit of a facility that delivers services: "[104]-CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC."
CREATE TABLE unit (
    id INTEGER PRIMARY KEY,
    facility_id INTEGER NOT NULL REFERENCES facility(id),
    name TEXT NOT NULL
);

CREATE TABLE slot (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES service(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    facility_id INTEGER NOT NULL REFERENCES facility(id),
    zone_id INTEGER NOT NULL REFERENCES zone(id),
    asl_id INTEGER NOT NULL REFERENCES asl(id),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    local_day INTEGER NOT NULL,
    -- Held: hold_id set and held_until in the future. An expired hold frees the slot by itself.
    hold_id INTEGER,
    held_until INTEGER,
    -- Booked: the live booking occupying the slot.
    booking_id INTEGER,
    CHECK (ends_at > starts_at)
);
CREATE INDEX slot_by_service_zone ON slot (service_id, zone_id, starts_at);
CREATE INDEX slot_by_service ON slot (service_id, starts_at);
-- Few slots are held at a time: a small partial index finds a hold's slot.
CREATE INDEX slot_by_hold ON slot (hold_id) WHERE hold_id IS NOT NULL;

CREATE TABLE citizen (
    id INTEGER PRIMARY KEY,
    codice_fiscale TEXT NOT NULL UNIQUE,
    tessera TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    birth_date TEXT NOT NULL,
    birth_place TEXT NOT NULL,
    address TEXT NOT NULL,
    zone_id INTEGER NOT NULL REFERENCES zone(id),
    phone TEXT,
    email TEXT
);

CREATE TABLE prescription (
    id INTEGER PRIMARY KEY,
    nre TEXT NOT NULL UNIQUE,
    citizen_id INTEGER NOT NULL REFERENCES citizen(id),
    priority TEXT CHECK (priority IN ('U', 'B', 'D', 'P')),
    access TEXT NOT NULL CHECK (access IN ('first', 'follow_up')),
    exemption TEXT,
    issued_on TEXT NOT NULL,
    doctor TEXT NOT NULL,
    question TEXT NOT NULL DEFAULT ''
);
CREATE INDEX prescription_by_citizen ON prescription (citizen_id);

CREATE TABLE prescription_item (
    prescription_id INTEGER NOT NULL REFERENCES prescription(id),
    line INTEGER NOT NULL,
    service_id INTEGER NOT NULL REFERENCES service(id),
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    PRIMARY KEY (prescription_id, line)
);

CREATE TABLE session (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    citizen_id INTEGER NOT NULL REFERENCES citizen(id),
    kind TEXT NOT NULL CHECK (kind IN ('prescription', 'card')),
    prescription_id INTEGER REFERENCES prescription(id),
    channel TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE hold (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id),
    citizen_id INTEGER NOT NULL REFERENCES citizen(id),
    prescription_id INTEGER NOT NULL REFERENCES prescription(id),
    line INTEGER NOT NULL,
    slot_id INTEGER NOT NULL REFERENCES slot(id),
    -- The first slot the search offered for this line, to decide the guarantee.
    first_offer_slot_id INTEGER,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    extended INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL CHECK (state IN ('live', 'released', 'used'))
);
CREATE INDEX hold_by_line ON hold (prescription_id, line, state);
-- One live hold per prescription line: a new hold releases the previous one first.
CREATE UNIQUE INDEX hold_one_live_per_line ON hold (prescription_id, line) WHERE state = 'live';

CREATE TABLE booking (
    id INTEGER PRIMARY KEY,
    cup_number TEXT NOT NULL UNIQUE,
    -- Random, not unique: a PIN finds bookings only within the patient's own data.
    pin TEXT NOT NULL,
    notice_number TEXT NOT NULL UNIQUE,
    citizen_id INTEGER NOT NULL REFERENCES citizen(id),
    prescription_id INTEGER NOT NULL REFERENCES prescription(id),
    line INTEGER NOT NULL,
    slot_id INTEGER NOT NULL REFERENCES slot(id),
    status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'moved', 'done', 'no_show')),
    ticket_cents INTEGER NOT NULL,
    guarantee TEXT CHECK (guarantee IN ('kept', 'waived')),
    phone TEXT,
    channel TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    cancelled_at INTEGER,
    malum_owed INTEGER NOT NULL DEFAULT 0,
    moved_from INTEGER REFERENCES booking(id),
    moved_to INTEGER REFERENCES booking(id)
);
-- The database itself guarantees that a slot is booked at most once, and a prescription
-- line at most once at a time.
CREATE UNIQUE INDEX booking_one_per_slot ON booking (slot_id) WHERE status = 'booked';
CREATE UNIQUE INDEX booking_one_per_line ON booking (prescription_id, line) WHERE status = 'booked';
CREATE INDEX booking_by_citizen ON booking (citizen_id);
CREATE INDEX booking_by_prescription ON booking (prescription_id);

CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_started_at INTEGER NOT NULL,
    locked_until INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
    status INTEGER,
    body TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    channel TEXT NOT NULL,
    actor TEXT NOT NULL,
    citizen_id INTEGER,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE INDEX audit_by_citizen ON audit (citizen_id, at);
CREATE INDEX audit_by_time ON audit (at);

CREATE TABLE sms_outbox (
    id INTEGER PRIMARY KEY,
    booking_id INTEGER NOT NULL REFERENCES booking(id),
    phone TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sms_pending ON sms_outbox (sent_at);
