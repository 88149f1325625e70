//! The deterministic synthetic demo region (DESIGN.md "Data").
//!
//! Everything here is generated from a seed: the three ASLs of Toscana with their health
//! zones, facilities and ambulatory units, a catalogue of services, agendas for
//! [`HORIZON_DAYS`] days, and citizens with prescriptions. No real person's data: names
//! are common given and family names combined at random; identifiers (codice fiscale,
//! tessera sanitaria, NRE) are valid by construction with cup-domain. Place names,
//! Belfiore codes and street names are real public names; facility addresses are
//! plausible, not authoritative.
//!
//! The rows map column by column onto `migrations/sqlite/0001_schema.sql`. Slots are never
//! materialised: [`DemoRegion::slots`] streams them from the agenda plan.
//!
//! The showcase citizens ([`DemoRegion::showcase`]) are the same for every seed and
//! profile: one per demonstrable case (see [`format_showcase`]).

mod agenda;
mod catalogue;
mod geo;
mod people;
mod query;

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use chrono::{Days, NaiveDate};
use cup_domain::{CodiceFiscale, Sex, TesseraSanitaria};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use agenda::SlotIter;
pub use people::{name_code, surname_code};
pub use query::DemoLogin;

use agenda::{Agenda, CLOSE_MIN, Day, OPEN_MIN};
use catalogue::{Kind, ServiceDef, UNIT_LABELS};

/// Days of agendas generated from `start_day` on.
pub const HORIZON_DAYS: u32 = 180;

/// How big the demo region is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Profile {
    /// The full catalogue with sparse agendas (about 100,000 slots) and the showcase
    /// citizens plus 200 more: for the app's embedded server.
    Small,
    /// More than 5,000,000 slots and 25,000 citizens with prescriptions: for load tests.
    Full,
}

/// An unknown profile name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown demo profile (expected \"small\" or \"full\")")]
pub struct UnknownProfile;

impl FromStr for Profile {
    type Err = UnknownProfile;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "small" => Ok(Self::Small),
            "full" => Ok(Self::Full),
            _ => Err(UnknownProfile),
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Small => "small",
            Self::Full => "full",
        })
    }
}

/// What to generate. `start_day` is the first agenda day, the day after "today" in
/// Europe/Rome (the server's `demo_start_day`); prescriptions are dated back from the day
/// before it, "today". The generator never reads the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoConfig {
    pub seed: u64,
    pub profile: Profile,
    pub start_day: NaiveDate,
}

/// Table `asl`.
#[derive(Debug, Clone, PartialEq)]
pub struct AslRow {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// Table `zone`.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneRow {
    pub id: i64,
    pub asl_id: i64,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

/// Table `facility`. Shown as `"{address} - {city} ({province})"`.
#[derive(Debug, Clone, PartialEq)]
pub struct FacilityRow {
    pub id: i64,
    pub zone_id: i64,
    pub name: String,
    pub address: String,
    pub city: String,
    pub province: String,
    pub lat: f64,
    pub lon: f64,
}

/// Table `unit`: `"[104]-CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC."` (the portal shows
/// `"{unit}- {facility name}"`).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    pub id: i64,
    pub facility_id: i64,
    pub name: String,
}

/// Table `service`.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRow {
    pub id: i64,
    pub code: String,
    pub description: String,
    pub branch: String,
    /// `"visit"`, `"diagnostic"` or `"laboratory"`.
    pub kind: &'static str,
    pub tariff_cents: i64,
    /// Empty when there is nothing to prepare.
    pub preparation: String,
    /// The same notes in English (empty when there is nothing to prepare).
    pub preparation_en: String,
}

/// Table `slot` (the hold and booking columns are NULL at load).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SlotRow {
    pub id: i64,
    pub service_id: i64,
    pub unit_id: i64,
    pub facility_id: i64,
    pub zone_id: i64,
    pub asl_id: i64,
    /// UTC epoch seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    /// Europe/Rome calendar day, YYYYMMDD.
    pub local_day: i64,
}

/// Table `citizen`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CitizenRow {
    pub id: i64,
    pub codice_fiscale: String,
    pub tessera: String,
    pub given_name: String,
    pub family_name: String,
    /// `"M"` or `"F"`.
    pub sex: &'static str,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// Town (or country, for the foreign-born) of birth.
    pub birth_place: String,
    pub address: String,
    pub zone_id: i64,
    /// E.164 mobile number, e.g. `+393481234567`.
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Table `prescription`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PrescriptionRow {
    pub id: i64,
    pub nre: String,
    pub citizen_id: i64,
    /// `"U"`, `"B"`, `"D"`, `"P"` or none (treated as P).
    pub priority: Option<String>,
    /// `"first"` or `"follow_up"`.
    pub access: &'static str,
    pub exemption: Option<String>,
    /// `YYYY-MM-DD`.
    pub issued_on: String,
    pub doctor: String,
    pub question: String,
}

/// Table `prescription_item`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PrescriptionItemRow {
    pub prescription_id: i64,
    /// 0-based.
    pub line: i64,
    pub service_id: i64,
    pub quantity: i64,
}

/// A prescription line the loader books on its first free slot at load time, so that
/// "already booked" is real.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PrebookedLine {
    pub prescription_id: i64,
    pub line: i64,
}

/// A demo citizen printed in the README: one per demonstrable case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowcaseCitizen {
    /// Machine key, e.g. `"visit_p"`.
    pub case: &'static str,
    pub description_it: &'static str,
    pub description_en: &'static str,
    pub given_name: String,
    pub family_name: String,
    pub codice_fiscale: String,
    pub tessera: String,
    pub nre: String,
    pub citizen_id: i64,
    pub prescription_id: i64,
}

/// The whole demo region.
#[derive(Debug, Clone)]
pub struct DemoRegion {
    pub asls: Vec<AslRow>,
    pub zones: Vec<ZoneRow>,
    pub facilities: Vec<FacilityRow>,
    pub units: Vec<UnitRow>,
    pub services: Vec<ServiceRow>,
    pub citizens: Vec<CitizenRow>,
    pub prescriptions: Vec<PrescriptionRow>,
    pub items: Vec<PrescriptionItemRow>,
    pub prebooked: Vec<PrebookedLine>,
    pub showcase: Vec<ShowcaseCitizen>,
    agendas: Vec<Agenda>,
    days: Vec<Day>,
    slot_total: u64,
}

impl DemoRegion {
    /// Generates the region (deterministic: the same config gives the same data).
    pub fn generate(config: &DemoConfig) -> Self {
        generate(config)
    }

    /// Streams the slots, ids 1.. in order, without materialising them.
    pub fn slots(&self) -> impl Iterator<Item = SlotRow> + '_ {
        SlotIter::new(&self.agendas, &self.days)
    }

    /// The number of slots [`DemoRegion::slots`] yields, computed from the agenda plan.
    pub fn slot_count(&self) -> u64 {
        self.slot_total
    }

    /// The number of agendas (one service in one unit, recurring).
    pub fn agenda_count(&self) -> usize {
        self.agendas.len()
    }
}

/// Independent random streams per phase, so that changing one phase does not shift
/// the others.
fn rng(seed: u64, phase: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed ^ phase.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() {
        None
    } else {
        items.get(rng.random_range(0..items.len()))
    }
}

fn id(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX - 1) + 1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FacilityKind {
    Hospital,
    Poliambulatorio,
    CasaDellaSalute,
}

impl FacilityKind {
    fn tier(self) -> u8 {
        match self {
            Self::Hospital => 2,
            Self::Poliambulatorio => 1,
            Self::CasaDellaSalute => 0,
        }
    }
}

/// Facilities of the showcase: every case is bookable there.
const SHOWCASE_FACILITIES: [&str; 2] = ["NUOVO OSPEDALE PRATO", "POLIAMBULATORIO SCANDICCI"];

/// The generator's working state.
struct Builder {
    region: DemoRegion,
    defs: Vec<ServiceDef>,
    kinds: Vec<FacilityKind>,
    /// Per facility: (unit label index, unit id).
    units_of: Vec<Vec<(usize, i64)>>,
    cf_seen: HashSet<String>,
    nre_seen: HashSet<String>,
    tessera_seen: HashSet<String>,
}

/// Generates the region (same as [`DemoRegion::generate`]).
pub fn generate(config: &DemoConfig) -> DemoRegion {
    let defs = catalogue::catalogue();
    let mut b = Builder {
        region: DemoRegion {
            asls: Vec::new(),
            zones: Vec::new(),
            facilities: Vec::new(),
            units: Vec::new(),
            services: Vec::new(),
            citizens: Vec::new(),
            prescriptions: Vec::new(),
            items: Vec::new(),
            prebooked: Vec::new(),
            showcase: Vec::new(),
            agendas: Vec::new(),
            days: agenda::days(config.start_day, HORIZON_DAYS),
            slot_total: 0,
        },
        defs,
        kinds: Vec::new(),
        units_of: Vec::new(),
        cf_seen: HashSet::new(),
        nre_seen: HashSet::new(),
        tessera_seen: HashSet::new(),
    };
    b.geography(&mut rng(config.seed, 1));
    b.services();
    b.units(&mut rng(config.seed, 2));
    b.agendas(config.profile, &mut rng(config.seed, 3));
    let today = config.start_day.pred_opt().unwrap_or(config.start_day);
    b.showcase(today);
    let citizens = match config.profile {
        Profile::Small => 200,
        Profile::Full => 25_000,
    };
    b.citizens(citizens, today, &mut rng(config.seed, 4));
    let mut region = b.region;
    region.slot_total = region.agendas.iter().map(|a| a.count(&region.days)).sum();
    region
}

impl Builder {
    fn geography(&mut self, rng: &mut ChaCha8Rng) {
        let r = &mut self.region;
        for (i, (code, name)) in geo::ASLS.iter().enumerate() {
            r.asls.push(AslRow {
                id: id(i),
                code: (*code).to_owned(),
                name: (*name).to_owned(),
            });
        }
        for (zi, zone) in geo::ZONES.iter().enumerate() {
            let n = zone.towns.len().max(1) as f64;
            let lat = zone.towns.iter().map(|t| t.2).sum::<f64>() / n;
            let lon = zone.towns.iter().map(|t| t.3).sum::<f64>() / n;
            let zone_id = id(zi);
            r.zones.push(ZoneRow {
                id: zone_id,
                asl_id: id(zone.asl),
                name: zone.name.to_owned(),
                lat: round5(lat),
                lon: round5(lon),
            });
            for h in geo::HOSPITALS.iter().filter(|h| h.0 == zi) {
                r.facilities.push(FacilityRow {
                    id: id(r.facilities.len()),
                    zone_id,
                    name: h.1.to_owned(),
                    address: h.2.to_owned(),
                    city: h.3.to_owned(),
                    province: h.4.to_owned(),
                    lat: h.5,
                    lon: h.6,
                });
                self.kinds.push(FacilityKind::Hospital);
            }
            for (ti, town) in zone.towns.iter().enumerate() {
                let (label, city) = geo::town_label(town);
                let mut kinds = vec![if ti % 2 == 0 {
                    FacilityKind::Poliambulatorio
                } else {
                    FacilityKind::CasaDellaSalute
                }];
                if ti == 0 {
                    kinds.push(FacilityKind::CasaDellaSalute);
                }
                for kind in kinds {
                    let prefix = match kind {
                        FacilityKind::Poliambulatorio => "POLIAMBULATORIO",
                        _ => "CASA DELLA SALUTE",
                    };
                    let fixed = geo::FIXED_ADDRESSES
                        .iter()
                        .find(|f| f.0 == label && f.1 == prefix)
                        .map(|f| f.2.to_owned());
                    let street = pick(rng, geo::STREETS).copied().unwrap_or("VIA ROMA");
                    let number = rng.random_range(1..=120);
                    let address = fixed.unwrap_or_else(|| format!("{street} {number}"));
                    let lat = town.2 + rng.random_range(-0.004..0.004);
                    let lon = town.3 + rng.random_range(-0.004..0.004);
                    r.facilities.push(FacilityRow {
                        id: id(r.facilities.len()),
                        zone_id,
                        name: format!("{prefix} {label}"),
                        address,
                        city: city.to_owned(),
                        province: town.1.to_owned(),
                        lat: round5(lat),
                        lon: round5(lon),
                    });
                    self.kinds.push(kind);
                }
            }
        }
    }

    fn services(&mut self) {
        for (i, d) in self.defs.iter().enumerate() {
            self.region.services.push(ServiceRow {
                id: id(i),
                code: d.code.clone(),
                description: d.description.clone(),
                branch: d.branch.to_owned(),
                kind: d.kind.as_str(),
                tariff_cents: d.tariff_cents,
                preparation: d.preparation.it.to_owned(),
                preparation_en: d.preparation.en.to_owned(),
            });
        }
    }

    fn units(&mut self, rng: &mut ChaCha8Rng) {
        for (fi, facility) in self.region.facilities.iter().enumerate() {
            let kind = self.kinds[fi];
            let showcase = SHOWCASE_FACILITIES.contains(&facility.name.as_str());
            let mut mine = Vec::new();
            for (li, &(number, label, _, tier)) in UNIT_LABELS.iter().enumerate() {
                let offered = if tier > kind.tier() {
                    false
                } else if showcase {
                    true
                } else {
                    match kind {
                        FacilityKind::Hospital => rng.random_bool(0.92),
                        FacilityKind::Poliambulatorio => {
                            rng.random_bool(if tier == 0 { 0.8 } else { 0.45 })
                        }
                        FacilityKind::CasaDellaSalute => {
                            label == "CARDIOLOGIA" || rng.random_bool(0.35)
                        }
                    }
                };
                if offered {
                    let unit_id = id(self.region.units.len());
                    self.region.units.push(UnitRow {
                        id: unit_id,
                        facility_id: facility.id,
                        name: format!("[{number}]-{label}"),
                    });
                    mine.push((li, unit_id));
                }
            }
            self.units_of.push(mine);
        }
    }

    fn facility_index(&self, name: &str) -> Option<usize> {
        self.region.facilities.iter().position(|f| f.name == name)
    }

    fn service_index(&self, description: &str) -> Option<usize> {
        self.defs.iter().position(|d| d.description == description)
    }

    /// Pushes an agenda of service `si` in facility `fi`'s unit for the service's label.
    #[allow(clippy::too_many_arguments)]
    fn push_agenda(
        &mut self,
        fi: usize,
        si: usize,
        weekdays: u8,
        saturday: bool,
        start_min: u16,
        end_min: u16,
        first_day: u16,
    ) {
        let def = &self.defs[si];
        let Some(label) = def.unit_label else {
            return;
        };
        let Some(&(_, unit_id)) = self.units_of[fi].iter().find(|u| u.0 == label) else {
            return;
        };
        let facility = &self.region.facilities[fi];
        let zone_id = facility.zone_id;
        let asl_id = self
            .region
            .zones
            .get(usize::try_from(zone_id - 1).unwrap_or(0))
            .map_or(1, |z| z.asl_id);
        // The tutela showcase service has no slot before day 21 anywhere in the region.
        let first_day = if def.description == TUTELA_SERVICE {
            first_day.max(TUTELA_FIRST_DAY)
        } else {
            first_day
        };
        self.region.agendas.push(Agenda {
            service_id: id(si),
            unit_id,
            facility_id: facility.id,
            zone_id,
            asl_id,
            weekdays,
            saturday,
            start_min: start_min.max(OPEN_MIN),
            end_min: end_min.min(CLOSE_MIN),
            slot_min: def.slot_minutes,
            first_day,
        });
    }

    fn agendas(&mut self, profile: Profile, rng: &mut ChaCha8Rng) {
        let bookable: Vec<usize> = (0..self.defs.len())
            .filter(|&i| self.defs[i].kind != Kind::Laboratory)
            .collect();
        // 1. Showcase agendas: Monday to Friday 09:00-12:00 in the showcase facilities.
        for name in SHOWCASE_FACILITIES {
            let Some(fi) = self.facility_index(name) else {
                continue;
            };
            for desc in SHOWCASE_SERVICES {
                if let Some(si) = self.service_index(desc) {
                    self.push_agenda(fi, si, 0b1_1111, false, 9 * 60, 12 * 60, 0);
                }
            }
        }
        // 2. Coverage: every bookable service in every ASL, one short session a week.
        for &si in &bookable {
            let Some(label) = self.defs[si].unit_label else {
                continue;
            };
            for asl in 0..geo::ASLS.len() {
                let candidates: Vec<usize> = (0..self.region.facilities.len())
                    .filter(|&fi| {
                        let zone =
                            usize::try_from(self.region.facilities[fi].zone_id - 1).unwrap_or(0);
                        geo::ZONES.get(zone).is_some_and(|z| z.asl == asl)
                            && self.units_of[fi].iter().any(|u| u.0 == label)
                    })
                    .collect();
                let Some(&fi) = pick(rng, &candidates) else {
                    continue;
                };
                let weekday = 1u8 << rng.random_range(0..5);
                let (start, end) = if rng.random_bool(0.5) {
                    (9 * 60, 10 * 60 + 30)
                } else {
                    (14 * 60 + 30, 16 * 60)
                };
                self.push_agenda(fi, si, weekday, false, start, end, 0);
            }
        }
        if profile == Profile::Small {
            return;
        }
        // 3. Full: dense agendas in every unit.
        for fi in 0..self.region.facilities.len() {
            let kind = self.kinds[fi];
            let labels: Vec<usize> = self.units_of[fi].iter().map(|u| u.0).collect();
            for label in labels {
                let services: Vec<usize> = bookable
                    .iter()
                    .copied()
                    .filter(|&si| self.defs[si].unit_label == Some(label))
                    .collect();
                for si in services {
                    let popular = self.defs[si].popular;
                    let p = match kind {
                        FacilityKind::Hospital => 0.35,
                        FacilityKind::Poliambulatorio => 0.4,
                        FacilityKind::CasaDellaSalute => 0.5,
                    } + if popular { 0.3 } else { 0.0 };
                    if !rng.random_bool(p) {
                        continue;
                    }
                    let days_a_week = match kind {
                        FacilityKind::Hospital => rng.random_range(2..=5),
                        _ => rng.random_range(1..=3),
                    } + u32::from(popular);
                    let weekdays = weekday_mask(rng, days_a_week.min(5));
                    let saturday = kind == FacilityKind::Hospital && rng.random_bool(0.2);
                    let (start, end) = match rng.random_range(0..10) {
                        0..=5 => {
                            let s = 8 * 60 + 30 * rng.random_range(0..=2);
                            (s, s + 60 * rng.random_range(3..=5))
                        }
                        6..=8 => {
                            let s = 14 * 60 + 30 * rng.random_range(0..=2);
                            (s, CLOSE_MIN.min(s + 60 * rng.random_range(2..=4)))
                        }
                        _ => (OPEN_MIN, CLOSE_MIN),
                    };
                    self.push_agenda(fi, si, weekdays, saturday, start, end, 0);
                }
            }
        }
    }
}

/// A mask of `n` distinct weekdays (Monday..Friday).
fn weekday_mask(rng: &mut ChaCha8Rng, n: u32) -> u8 {
    let mut mask = 0u8;
    while mask.count_ones() < n.min(5) {
        mask |= 1 << rng.random_range(0..5);
    }
    mask
}

fn round5(x: f64) -> f64 {
    (x * 100_000.0).round() / 100_000.0
}

/// The service of the "percorso di tutela" case, and the first agenda day it has.
const TUTELA_SERVICE: &str = "PRIMA VISITA ENDOCRINOLOGICA";
const TUTELA_FIRST_DAY: u16 = 21;

/// Services of the showcase prescriptions (bookable ones get daily agendas in the
/// showcase facilities).
const SHOWCASE_SERVICES: &[&str] = &[
    "CONSULENZA CARDIOLOGICA 1 VISITA",
    "ECOCOLORDOPPLER ARTERIOSO ARTI INFERIORI",
    "RX TORACE",
    "RX COLONNA LOMBOSACRALE",
    "RX GINOCCHIO",
    "PRIMA VISITA NEUROLOGICA",
    "PRIMA VISITA DERMATOLOGICA",
    "PRIMA VISITA OCULISTICA",
    "PRIMA VISITA ORTOPEDICA",
    TUTELA_SERVICE,
];

/// One showcase case, fixed for every seed.
struct Case {
    key: &'static str,
    it: &'static str,
    en: &'static str,
    given: &'static str,
    family: &'static str,
    sex: Sex,
    birth: (i32, u32, u32),
    birth_place: (&'static str, &'static str),
    /// Index into `geo::ZONES`, and the town of residence.
    zone: usize,
    address: &'static str,
    region_code: &'static str,
    priority: Option<&'static str>,
    access: &'static str,
    exemption: Option<&'static str>,
    issued_days_ago: u64,
    services: &'static [&'static str],
    doctor: &'static str,
    question: &'static str,
    prebooked: bool,
}

const ZONE_NORD_OVEST: usize = 1;
const ZONE_PRATESE: usize = 5;

const CASES: &[Case] = &[
    Case {
        key: "visit_p",
        it: "Visita cardiologica prenotabile (priorità P, programmata)",
        en: "Bookable cardiology visit (priority P, planned)",
        given: "GIULIA",
        family: "BIANCHI",
        sex: Sex::Female,
        birth: (1985, 4, 12),
        birth_place: ("FIRENZE", "D612"),
        zone: ZONE_NORD_OVEST,
        address: "VIA PISANA 12 - SCANDICCI (FI)",
        region_code: "090",
        priority: Some("P"),
        access: "first",
        exemption: None,
        issued_days_ago: 5,
        services: &["CONSULENZA CARDIOLOGICA 1 VISITA"],
        doctor: "DOTT. MARCO BENEDETTI",
        question: "Palpitazioni saltuarie, controllo dopo familiarità per cardiopatia",
        prebooked: false,
    },
    Case {
        key: "diagnostic_d",
        it: "Ecocolordoppler con note di preparazione (priorità D)",
        en: "Doppler ultrasound exam with preparation notes (priority D)",
        given: "MARCO",
        family: "GORI",
        sex: Sex::Male,
        birth: (1958, 11, 3),
        birth_place: ("PRATO", "G999"),
        zone: ZONE_PRATESE,
        address: "VIA ROMA 45 - PRATO (PO)",
        region_code: "090",
        priority: Some("D"),
        access: "first",
        exemption: None,
        issued_days_ago: 3,
        services: &["ECOCOLORDOPPLER ARTERIOSO ARTI INFERIORI"],
        doctor: "DOTT.SSA LAURA PACINI",
        question: "Claudicatio intermittens dell'arto inferiore sinistro",
        prebooked: false,
    },
    Case {
        key: "multi_radiology",
        it: "Tre esami di radiologia sulla stessa ricetta",
        en: "Three radiology exams on one prescription",
        given: "ELENA",
        family: "MARTINI",
        sex: Sex::Female,
        birth: (1972, 6, 21),
        birth_place: ("PISTOIA", "G713"),
        zone: ZONE_PRATESE,
        address: "VIA GIUSEPPE GARIBALDI 8 - PRATO (PO)",
        region_code: "090",
        priority: Some("P"),
        access: "first",
        exemption: None,
        issued_days_ago: 6,
        services: &["RX TORACE", "RX COLONNA LOMBOSACRALE", "RX GINOCCHIO"],
        doctor: "DOTT. STEFANO LENZI",
        question: "Lombalgia cronica e gonalgia destra dopo caduta; tosse persistente",
        prebooked: false,
    },
    Case {
        key: "laboratory",
        it: "Solo esami di laboratorio: non prenotabili qui, usare ZeroCoda",
        en: "Laboratory tests only: not bookable here, use ZeroCoda",
        given: "PAOLO",
        family: "CONTI",
        sex: Sex::Male,
        birth: (1966, 2, 8),
        birth_place: ("LIVORNO", "E625"),
        zone: ZONE_NORD_OVEST,
        address: "VIA DELLE CASCINE 3 - SCANDICCI (FI)",
        region_code: "090",
        priority: None,
        access: "first",
        exemption: None,
        issued_days_ago: 2,
        services: &["EMOCROMO COMPLETO", "GLUCOSIO", "COLESTEROLO TOTALE"],
        doctor: "DOTT. MARCO BENEDETTI",
        question: "Controllo annuale",
        prebooked: false,
    },
    Case {
        key: "urgent_u",
        it: "Priorità U (urgente): non prenotabile online, rivolgersi al CUP",
        en: "Priority U (urgent): not bookable online, call the CUP",
        given: "SARA",
        family: "LOMBARDI",
        sex: Sex::Female,
        birth: (1990, 9, 30),
        birth_place: ("SIENA", "I726"),
        zone: ZONE_PRATESE,
        address: "VIALE DELLA REPUBBLICA 120 - PRATO (PO)",
        region_code: "090",
        priority: Some("U"),
        access: "first",
        exemption: None,
        issued_days_ago: 0,
        services: &["PRIMA VISITA NEUROLOGICA"],
        doctor: "DOTT.SSA LAURA PACINI",
        question: "Cefalea di nuova insorgenza con disturbi visivi",
        prebooked: false,
    },
    Case {
        key: "tight_b",
        it: "Priorità B (breve) emessa 8 giorni fa: offerte entro 10 giorni dalla richiesta",
        en: "Priority B (short) issued 8 days ago: offers within 10 days of the request",
        given: "LUCA",
        family: "FONTANA",
        sex: Sex::Male,
        birth: (1979, 1, 17),
        birth_place: ("AREZZO", "A390"),
        zone: ZONE_NORD_OVEST,
        address: "VIA DANTE ALIGHIERI 27 - SCANDICCI (FI)",
        region_code: "090",
        priority: Some("B"),
        access: "first",
        exemption: None,
        issued_days_ago: 8,
        services: &["PRIMA VISITA DERMATOLOGICA"],
        doctor: "DOTT. MARCO BENEDETTI",
        question: "Neoformazione pigmentata del dorso in rapida crescita",
        prebooked: false,
    },
    Case {
        key: "other_region",
        it: "Ricetta del Lazio (NRE 120...): si prenota al CUP del Lazio",
        en: "Lazio prescription (NRE 120...): booked by Lazio's CUP",
        given: "CHIARA",
        family: "ROMANO",
        sex: Sex::Female,
        birth: (1982, 5, 25),
        birth_place: ("ROMA", "H501"),
        zone: ZONE_PRATESE,
        address: "VIA PIAVE 14 - PRATO (PO)",
        region_code: "120",
        priority: Some("D"),
        access: "first",
        exemption: None,
        issued_days_ago: 4,
        services: &["CONSULENZA CARDIOLOGICA 1 VISITA"],
        doctor: "DOTT. ANDREA CONTE",
        question: "Dolore toracico atipico",
        prebooked: false,
    },
    Case {
        key: "exempt",
        it: "Paziente esente (013, diabete) con visita prenotabile: ticket 0,00 €",
        en: "Exempt patient (013, diabetes) with a bookable visit: ticket 0.00 EUR",
        given: "GIUSEPPE",
        family: "RICCI",
        sex: Sex::Male,
        birth: (1950, 7, 4),
        birth_place: ("LUCCA", "E715"),
        zone: ZONE_PRATESE,
        address: "VIA ANTONIO GRAMSCI 33 - PRATO (PO)",
        region_code: "090",
        priority: Some("P"),
        access: "first",
        exemption: Some("013"),
        issued_days_ago: 7,
        services: &["PRIMA VISITA OCULISTICA"],
        doctor: "DOTT.SSA LAURA PACINI",
        question: "Diabete mellito tipo 2: controllo della retinopatia",
        prebooked: false,
    },
    Case {
        key: "already_booked",
        it: "Ricetta già prenotata: si gestisce la prenotazione (disdetta, spostamento)",
        en: "Prescription already booked: manage the booking (cancel, move)",
        given: "FRANCESCA",
        family: "BARONI",
        sex: Sex::Female,
        birth: (1968, 12, 13),
        birth_place: ("EMPOLI", "D403"),
        zone: ZONE_NORD_OVEST,
        address: "VIA GIACOMO MATTEOTTI 9 - SCANDICCI (FI)",
        region_code: "090",
        priority: Some("P"),
        access: "first",
        exemption: None,
        issued_days_ago: 12,
        services: &["PRIMA VISITA ORTOPEDICA"],
        doctor: "DOTT. MARCO BENEDETTI",
        question: "Gonalgia bilaterale da sospetta artrosi",
        prebooked: true,
    },
    Case {
        key: "tutela",
        it: "Priorità B senza posti entro 10 giorni in tutta la regione: percorso di tutela",
        en: "Priority B with no slot within 10 days anywhere in the region: 'percorso di tutela'",
        given: "ROBERTO",
        family: "MANCINI",
        sex: Sex::Male,
        birth: (1961, 3, 22),
        birth_place: ("GROSSETO", "E202"),
        zone: ZONE_PRATESE,
        address: "VIA DEI MILLE 5 - PRATO (PO)",
        region_code: "090",
        priority: Some("B"),
        access: "first",
        exemption: None,
        issued_days_ago: 1,
        services: &[TUTELA_SERVICE],
        doctor: "DOTT. STEFANO LENZI",
        question: "Nodulo tiroideo con ipertiroidismo subclinico",
        prebooked: false,
    },
];

/// The day the generated citizens' ages count back from. Identities (names, birth dates,
/// codici fiscali, tessere, NREs) depend on the seed only; what moves with "today" is the
/// agendas, the prescriptions' dates and the bookings.
fn identity_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

impl Builder {
    /// A unique codice fiscale: on a clash, the next omocodia level (as the Agenzia delle
    /// Entrate does).
    fn unique_cf(
        &mut self,
        given: &str,
        family: &str,
        birth: NaiveDate,
        sex: Sex,
        belfiore: &str,
    ) -> Option<String> {
        let base = CodiceFiscale::compose(
            &surname_code(family),
            &name_code(given),
            birth,
            sex,
            belfiore,
        )
        .ok()?;
        (0..=7u8)
            .map(|level| base.with_omocodia(level).as_str().to_owned())
            .find(|cf| self.cf_seen.insert(cf.clone()))
    }

    fn unique_tessera(&mut self, first19: &str) -> Option<String> {
        let t = TesseraSanitaria::compose(first19).ok()?.as_str().to_owned();
        self.tessera_seen.insert(t.clone()).then_some(t)
    }

    fn showcase(&mut self, today: NaiveDate) {
        for (n, case) in CASES.iter().enumerate() {
            let Some(birth) = NaiveDate::from_ymd_opt(case.birth.0, case.birth.1, case.birth.2)
            else {
                continue;
            };
            let Some(cf) =
                self.unique_cf(case.given, case.family, birth, case.sex, case.birth_place.1)
            else {
                continue;
            };
            let Some(tessera) = self.unique_tessera(&format!("8038000000123456{:03}", n + 1))
            else {
                continue;
            };
            let nre = format!("{}0A1{:07}{:02}", case.region_code, 1_234_567, n + 1);
            self.nre_seen.insert(nre.clone());
            let citizen_id = id(self.region.citizens.len());
            self.region.citizens.push(CitizenRow {
                id: citizen_id,
                codice_fiscale: cf.clone(),
                tessera: tessera.clone(),
                given_name: case.given.to_owned(),
                family_name: case.family.to_owned(),
                sex: sex_str(case.sex),
                birth_date: iso(birth),
                birth_place: case.birth_place.0.to_owned(),
                address: case.address.to_owned(),
                zone_id: id(case.zone),
                phone: Some(format!("+39347000{:04}", n + 1)),
                email: Some(format!(
                    "{}@example.org",
                    people::email_local(case.given, case.family)
                )),
            });
            let prescription_id = id(self.region.prescriptions.len());
            let issued = today
                .checked_sub_days(Days::new(case.issued_days_ago))
                .unwrap_or(today);
            self.region.prescriptions.push(PrescriptionRow {
                id: prescription_id,
                nre: nre.clone(),
                citizen_id,
                priority: case.priority.map(str::to_owned),
                access: case.access,
                exemption: case.exemption.map(str::to_owned),
                issued_on: iso(issued),
                doctor: case.doctor.to_owned(),
                question: case.question.to_owned(),
            });
            for (line, desc) in case.services.iter().enumerate() {
                if let Some(si) = self.service_index(desc) {
                    self.region.items.push(PrescriptionItemRow {
                        prescription_id,
                        line: id(line) - 1,
                        service_id: id(si),
                        quantity: 1,
                    });
                }
            }
            if case.prebooked {
                self.region.prebooked.push(PrebookedLine {
                    prescription_id,
                    line: 0,
                });
            }
            self.region.showcase.push(ShowcaseCitizen {
                case: case.key,
                description_it: case.it,
                description_en: case.en,
                given_name: case.given.to_owned(),
                family_name: case.family.to_owned(),
                codice_fiscale: cf,
                tessera,
                nre,
                citizen_id,
                prescription_id,
            });
        }
    }

    fn citizens(&mut self, count: usize, today: NaiveDate, rng: &mut ChaCha8Rng) {
        // Services with at least one agenda, and the popular ones among them.
        let mut with_agenda = vec![false; self.defs.len()];
        for a in &self.region.agendas {
            if let Some(slot) = usize::try_from(a.service_id - 1)
                .ok()
                .and_then(|i| with_agenda.get_mut(i))
            {
                *slot = true;
            }
        }
        let bookable: Vec<usize> = (0..self.defs.len()).filter(|&i| with_agenda[i]).collect();
        let popular: Vec<usize> = bookable
            .iter()
            .copied()
            .filter(|&i| self.defs[i].popular)
            .collect();
        let lab: Vec<usize> = (0..self.defs.len())
            .filter(|&i| self.defs[i].kind == Kind::Laboratory)
            .collect();
        let target = self.region.citizens.len() + count;
        let mut attempts = 0usize;
        while self.region.citizens.len() < target && attempts < count * 4 {
            attempts += 1;
            let Some(citizen_id) = self.citizen(rng) else {
                continue;
            };
            for _ in 0..rng.random_range(1..=3) {
                self.prescription(citizen_id, today, &bookable, &popular, &lab, rng);
            }
        }
    }

    fn citizen(&mut self, rng: &mut ChaCha8Rng) -> Option<i64> {
        let female = rng.random_bool(0.52);
        let given = pick(
            rng,
            if female {
                people::FEMALE_NAMES
            } else {
                people::MALE_NAMES
            },
        )?;
        let family = pick(rng, people::FAMILY_NAMES)?;
        let sex = if female { Sex::Female } else { Sex::Male };
        // Ages count back from a fixed day, never from `start_day`: a person's birth date,
        // and so their codice fiscale, is the same whatever day the region is generated.
        let age_days = rng.random_range(200..=365 * 95);
        let birth = identity_day().checked_sub_days(Days::new(age_days))?;
        let places = match rng.random_range(0..100) {
            0..=77 => people::BIRTH_TOSCANA,
            78..=89 => people::BIRTH_ITALY,
            _ => people::BIRTH_ABROAD,
        };
        let &(place, belfiore) = pick(rng, places)?;
        let cf = self.unique_cf(given, family, birth, sex, belfiore)?;
        let tessera = self.unique_tessera(&format!(
            "80380000{:011}",
            rng.random_range(0..100_000_000_000u64)
        ))?;
        let zi = rng.random_range(0..geo::ZONES.len());
        let town = pick(rng, geo::ZONES[zi].towns)?;
        let (_, city) = geo::town_label(town);
        let street = pick(rng, geo::STREETS)?;
        let address = format!(
            "{street} {} - {city} ({})",
            rng.random_range(1..=150),
            town.1
        );
        let phone = rng.random_bool(0.9).then(|| {
            const MOBILE: [&str; 12] = [
                "320", "328", "329", "333", "334", "338", "340", "345", "347", "348", "349", "366",
            ];
            let prefix = MOBILE[rng.random_range(0..MOBILE.len())];
            format!("+39{prefix}{:07}", rng.random_range(0..10_000_000))
        });
        let email = rng.random_bool(0.6).then(|| {
            const DOMAINS: [&str; 3] = ["example.org", "example.com", "example.net"];
            format!(
                "{}{}@{}",
                people::email_local(given, family),
                rng.random_range(1..100),
                DOMAINS[rng.random_range(0..DOMAINS.len())]
            )
        });
        let citizen_id = id(self.region.citizens.len());
        self.region.citizens.push(CitizenRow {
            id: citizen_id,
            codice_fiscale: cf,
            tessera,
            given_name: (*given).to_owned(),
            family_name: (*family).to_owned(),
            sex: sex_str(sex),
            birth_date: iso(birth),
            birth_place: place.to_owned(),
            address,
            zone_id: id(zi),
            phone,
            email,
        });
        Some(citizen_id)
    }

    fn random_nre(&mut self, region_code: &str, rng: &mut ChaCha8Rng) -> String {
        loop {
            let letter = char::from(b'A' + rng.random_range(0..26u8));
            let nre = format!(
                "{region_code}0{letter}{}{:07}{:02}",
                rng.random_range(1..10),
                rng.random_range(0..10_000_000),
                rng.random_range(0..100)
            );
            if self.nre_seen.insert(nre.clone()) {
                return nre;
            }
        }
    }

    fn prescription(
        &mut self,
        citizen_id: i64,
        today: NaiveDate,
        bookable: &[usize],
        popular: &[usize],
        lab: &[usize],
        rng: &mut ChaCha8Rng,
    ) {
        let is_lab = rng.random_bool(0.07);
        let anchor = if is_lab {
            pick(rng, lab)
        } else if rng.random_bool(0.4) {
            pick(rng, popular)
        } else {
            pick(rng, bookable)
        };
        let Some(&anchor) = anchor else {
            return;
        };
        let branch = self.defs[anchor].branch;
        let mut services = vec![anchor];
        let extra = if is_lab {
            rng.random_range(1..=5)
        } else if branch == "RADIOLOGIA" && rng.random_bool(0.3) {
            rng.random_range(1..=2)
        } else {
            0
        };
        let pool = if is_lab { lab } else { bookable };
        for _ in 0..extra {
            let same: Vec<usize> = pool
                .iter()
                .copied()
                .filter(|&i| self.defs[i].branch == branch && !services.contains(&i))
                .collect();
            if let Some(&s) = pick(rng, &same) {
                services.push(s);
            }
        }
        let priority = if is_lab {
            None
        } else {
            match rng.random_range(0..100) {
                0..=2 => Some("U"),
                3..=14 => Some("B"),
                15..=39 => Some("D"),
                40..=89 => Some("P"),
                _ => None,
            }
        };
        let follow_up = self.defs[anchor].follow_up || (!is_lab && rng.random_bool(0.08));
        let max_age = match priority {
            Some("U") => 2,
            Some("B") => 6,
            Some("D") => 20,
            _ => 40,
        };
        let issued = today
            .checked_sub_days(Days::new(rng.random_range(0..=max_age)))
            .unwrap_or(today);
        let region_code = if rng.random_bool(0.03) {
            *pick(rng, &["120", "080", "100", "070", "030"]).unwrap_or(&"120")
        } else {
            "090"
        };
        let nre = self.random_nre(region_code, rng);
        let exemption = rng.random_bool(0.2).then(|| {
            const CODES: [&str; 10] = [
                "E01", "E02", "E03", "E04", "E90", "013", "031", "048", "024", "RF0100",
            ];
            CODES[rng.random_range(0..CODES.len())].to_owned()
        });
        let female = rng.random_bool(0.5);
        let doctor = format!(
            "{} {} {}",
            if female { "DOTT.SSA" } else { "DOTT." },
            pick(
                rng,
                if female {
                    people::FEMALE_NAMES
                } else {
                    people::MALE_NAMES
                }
            )
            .copied()
            .unwrap_or("ANNA"),
            pick(rng, people::FAMILY_NAMES).copied().unwrap_or("ROSSI")
        );
        let question = question_for(branch, rng).to_owned();
        let prescription_id = id(self.region.prescriptions.len());
        self.region.prescriptions.push(PrescriptionRow {
            id: prescription_id,
            nre,
            citizen_id,
            priority: priority.map(str::to_owned),
            access: if follow_up { "follow_up" } else { "first" },
            exemption,
            issued_on: iso(issued),
            doctor,
            question,
        });
        for (line, &si) in services.iter().enumerate() {
            self.region.items.push(PrescriptionItemRow {
                prescription_id,
                line: id(line) - 1,
                service_id: id(si),
                quantity: 1,
            });
        }
        if !is_lab && region_code == "090" && priority != Some("U") && rng.random_bool(0.03) {
            self.region.prebooked.push(PrebookedLine {
                prescription_id,
                line: 0,
            });
        }
    }
}

fn sex_str(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "M",
        Sex::Female => "F",
    }
}

fn question_for(branch: &str, rng: &mut ChaCha8Rng) -> &'static str {
    let options: &[&str] = match branch {
        "CARDIOLOGIA" => &[
            "Ipertensione arteriosa, valutazione del rischio cardiovascolare",
            "Dolore toracico atipico",
            "Palpitazioni e dispnea da sforzo",
        ],
        "RADIOLOGIA" => &[
            "Dolore persistente, approfondimento diagnostico",
            "Controllo dopo trauma",
            "Follow-up di lesione nota",
        ],
        "DERMATOLOGIA" => &["Controllo nevi", "Dermatite pruriginosa persistente"],
        "OCULISTICA" => &["Calo del visus", "Controllo della pressione oculare"],
        "ORTOPEDIA" => &["Gonalgia", "Lombosciatalgia", "Dolore alla spalla destra"],
        "NEUROLOGIA" => &["Cefalea ricorrente", "Parestesie agli arti superiori"],
        LAB => &["Controllo annuale", "Monitoraggio della terapia"],
        _ => &[
            "Approfondimento diagnostico",
            "Sintomatologia persistente, valutazione specialistica",
        ],
    };
    pick(rng, options).copied().unwrap_or("")
}

const LAB: &str = catalogue::LAB_BRANCH;

/// Renders the showcase citizens as an aligned table (for `cup-server demo-citizens` and
/// the README).
pub fn format_showcase(citizens: &[ShowcaseCitizen]) -> String {
    let header = [
        "case",
        "nome / name",
        "codice fiscale",
        "tessera sanitaria",
        "NRE",
        "caso",
        "case (en)",
    ];
    let rows: Vec<[String; 7]> = citizens
        .iter()
        .map(|c| {
            [
                c.case.to_owned(),
                format!("{} {}", c.given_name, c.family_name),
                c.codice_fiscale.clone(),
                c.tessera.clone(),
                c.nre.clone(),
                c.description_it.to_owned(),
                c.description_en.to_owned(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let mut out = String::from("|");
        for (cell, w) in cells.iter().zip(widths) {
            let pad = w.saturating_sub(cell.chars().count());
            out.push(' ');
            out.push_str(cell);
            out.push_str(&" ".repeat(pad));
            out.push_str(" |");
        }
        out.push('\n');
        out
    };
    let mut out = line(&header.map(str::to_owned));
    out.push('|');
    for w in widths {
        out.push_str(&"-".repeat(w + 2));
        out.push('|');
    }
    out.push('\n');
    for row in &rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests;
