//! Rows read from and written to the store. Plain data: all integers are `i64`, times are UTC
//! epoch seconds, as in the migrations of both backends.

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CitizenRow {
    pub id: i64,
    pub codice_fiscale: String,
    pub tessera: String,
    pub given_name: String,
    pub family_name: String,
    pub sex: String,
    pub birth_date: String,
    pub birth_place: String,
    pub address: String,
    pub zone_id: i64,
    pub zone_name: String,
    pub asl_id: i64,
    pub zone_lat: f64,
    pub zone_lon: f64,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PrescriptionRow {
    pub id: i64,
    pub nre: String,
    pub citizen_id: i64,
    pub priority: Option<String>,
    pub access: String,
    pub exemption: Option<String>,
    pub issued_on: String,
    pub doctor: String,
    pub question: String,
}

/// A prescription line with its catalogue service, and the live booking of the line if any.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ItemRow {
    pub line: i64,
    pub quantity: i64,
    pub service_id: i64,
    pub code: String,
    pub description: String,
    pub branch: String,
    pub kind: String,
    pub tariff_cents: i64,
    pub preparation: String,
    pub preparation_en: String,
    pub booked_as: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub citizen_id: i64,
    pub kind: String,
    pub prescription_id: Option<i64>,
    pub channel: String,
    pub expires_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: String,
    pub citizen_id: i64,
    pub kind: &'static str,
    pub prescription_id: Option<i64>,
    pub channel: &'static str,
    pub created_at: i64,
    pub expires_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ThrottleRow {
    pub key: String,
    pub failures: i64,
    pub window_started_at: i64,
    pub locked_until: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AslRow {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ZoneRow {
    pub id: i64,
    pub asl_id: i64,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FacilityRow {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub city: String,
    pub province: String,
    pub zone_id: i64,
    pub zone_name: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ServiceRow {
    pub id: i64,
    pub code: String,
    pub description: String,
    pub branch: String,
    pub kind: String,
    pub tariff_cents: i64,
    pub preparation: String,
    pub preparation_en: String,
}

/// A slot with where it is, as offered to a citizen.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OfferRow {
    pub slot_id: i64,
    pub service_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub unit_name: String,
    pub facility_id: i64,
    pub facility_name: String,
    pub address: String,
    pub city: String,
    pub province: String,
    pub zone_id: i64,
    pub zone_name: String,
    pub lat: f64,
    pub lon: f64,
}

/// Where to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Zone(i64),
    Asl(i64),
    Region,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotSearch {
    pub service_id: i64,
    pub scope: Scope,
    pub facility_id: Option<i64>,
    /// Earliest start (inclusive) and latest start (exclusive), epoch seconds.
    pub from: i64,
    pub to: i64,
    /// Slots held until after `now` are not free.
    pub now: i64,
    pub limit: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HoldRow {
    pub id: i64,
    pub session_id: i64,
    pub citizen_id: i64,
    pub prescription_id: i64,
    pub line: i64,
    pub slot_id: i64,
    pub first_offer_slot_id: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
    pub extended: i64,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHold {
    pub session_id: i64,
    pub citizen_id: i64,
    pub prescription_id: i64,
    pub line: i64,
    pub slot_id: i64,
    pub first_offer_slot_id: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBooking {
    /// From [`super::Tx::next_booking_id`]: the CUP number and notice derive from it.
    pub id: i64,
    pub cup_number: String,
    pub pin: String,
    pub notice_number: String,
    pub citizen_id: i64,
    pub prescription_id: i64,
    pub line: i64,
    pub slot_id: i64,
    pub ticket_cents: i64,
    pub guarantee: Option<&'static str>,
    pub phone: Option<String>,
    pub channel: &'static str,
    pub created_at: i64,
    pub moved_from: Option<i64>,
}

/// A booking with everything its view needs (slot, place, service, prescription).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct BookingRow {
    pub id: i64,
    pub cup_number: String,
    pub pin: String,
    pub notice_number: String,
    pub citizen_id: i64,
    pub prescription_id: i64,
    pub line: i64,
    pub status: String,
    pub ticket_cents: i64,
    pub guarantee: Option<String>,
    pub phone: Option<String>,
    pub channel: String,
    pub created_at: i64,
    pub cancelled_at: Option<i64>,
    pub malum_owed: i64,
    pub moved_from_cup: Option<String>,
    pub moved_to_cup: Option<String>,
    pub nre: String,
    pub exemption: Option<String>,
    pub priority: Option<String>,
    pub issued_on: String,
    pub quantity: i64,
    /// The slot and where it is.
    #[sqlx(flatten)]
    pub offer: OfferRow,
    pub asl_id: i64,
    pub asl_name: String,
    pub asl_code: String,
    // the service
    pub code: String,
    pub description: String,
    pub branch: String,
    pub kind: String,
    pub tariff_cents: i64,
    pub preparation: String,
    pub preparation_en: String,
}

/// Which booking(s) to read; always within one citizen's own data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingFilter {
    Id(i64),
    CupNumber(String),
    Pin(String),
    Nre(String),
    All,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: i64,
    pub channel: &'static str,
    /// `session:<id>` or `anonymous`; never an identifier in clear.
    pub actor: String,
    pub citizen_id: Option<i64>,
    pub action: &'static str,
    /// What was touched: `booking:<id>`, `prescription:<id>`...
    pub object: String,
    pub outcome: &'static str,
    /// The client address, for refused and failed logins.
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IdempotencyRow {
    pub request_hash: String,
    pub state: String,
    pub status: Option<i64>,
    pub body: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StatRow {
    pub channel: String,
    pub action: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SmsRow {
    pub id: i64,
    pub booking_id: i64,
    pub phone: String,
    pub body: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}
