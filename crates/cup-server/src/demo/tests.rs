use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use chrono::{Datelike, Timelike};
use cup_domain::prescription::service::{CatalogueCode, PrescribedService, Quantity};
use cup_domain::{
    AccessType, CodiceFiscale, Exemption, Nre, PhoneNumber, Prescription, PrescriptionParts,
    Priority, Region, ServiceKind, TesseraSanitaria, to_rome,
};

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn config(profile: Profile, seed: u64, start: NaiveDate) -> DemoConfig {
    DemoConfig {
        seed,
        profile,
        start_day: start,
    }
}

fn small() -> DemoRegion {
    generate(&config(Profile::Small, 42, day(2026, 3, 16)))
}

#[test]
fn profile_names() {
    assert_eq!("small".parse::<Profile>(), Ok(Profile::Small));
    assert_eq!(" FULL ".parse::<Profile>(), Ok(Profile::Full));
    assert_eq!("big".parse::<Profile>(), Err(UnknownProfile));
    assert_eq!(Profile::Full.to_string(), "full");
}

#[test]
fn small_counts() {
    let r = small();
    assert_eq!(r.asls.len(), 3);
    assert!(r.zones.len() >= 25, "{} zones", r.zones.len());
    assert!(
        r.facilities.len() >= 200,
        "{} facilities",
        r.facilities.len()
    );
    assert!(r.services.len() >= 300, "{} services", r.services.len());
    let n = r.slot_count();
    assert!((60_000..=150_000).contains(&n), "{n} slots");
    assert_eq!(r.slots().count() as u64, n);
    assert_eq!(r.citizens.len(), r.showcase.len() + 200);
    assert!(r.prescriptions.len() >= 200);
}

#[test]
fn full_counts() {
    let r = generate(&config(Profile::Full, 7, day(2026, 3, 16)));
    assert!(r.slot_count() >= 5_000_000, "{} slots", r.slot_count());
    assert!(r.citizens.len() >= 20_000, "{} citizens", r.citizens.len());
    let mut per_citizen: HashMap<i64, usize> = HashMap::new();
    for p in &r.prescriptions {
        *per_citizen.entry(p.citizen_id).or_default() += 1;
    }
    for c in &r.citizens {
        let n = per_citizen.get(&c.id).copied().unwrap_or(0);
        assert!(
            (1..=3).contains(&n),
            "citizen {} has {n} prescriptions",
            c.id
        );
    }
    // The first slots stream fine and are numbered from 1.
    let first: Vec<SlotRow> = r.slots().take(1000).collect();
    assert_eq!(first.len(), 1000);
    assert!(first.iter().enumerate().all(|(i, s)| s.id == i as i64 + 1));
}

#[test]
fn identifiers_are_unique_and_ids_sequential() {
    let r = small();
    let unique = |v: Vec<&str>| {
        let n = v.len();
        v.into_iter().collect::<HashSet<_>>().len() == n
    };
    assert!(unique(r.services.iter().map(|s| s.code.as_str()).collect()));
    assert!(unique(r.zones.iter().map(|z| z.name.as_str()).collect()));
    assert!(unique(r.asls.iter().map(|a| a.code.as_str()).collect()));
    assert!(unique(
        r.citizens
            .iter()
            .map(|c| c.codice_fiscale.as_str())
            .collect()
    ));
    assert!(unique(
        r.citizens.iter().map(|c| c.tessera.as_str()).collect()
    ));
    assert!(unique(
        r.prescriptions.iter().map(|p| p.nre.as_str()).collect()
    ));
    for (i, f) in r.facilities.iter().enumerate() {
        assert_eq!(f.id, i as i64 + 1);
    }
    for (i, u) in r.units.iter().enumerate() {
        assert_eq!(u.id, i as i64 + 1);
    }
    for (i, c) in r.citizens.iter().enumerate() {
        assert_eq!(c.id, i as i64 + 1);
    }
    for (i, p) in r.prescriptions.iter().enumerate() {
        assert_eq!(p.id, i as i64 + 1);
    }
    for (i, s) in r.slots().enumerate() {
        assert_eq!(s.id, i as i64 + 1);
    }
}

#[test]
fn catalogue_is_well_formed() {
    let r = small();
    let mut kinds: HashMap<&str, usize> = HashMap::new();
    for s in &r.services {
        *kinds.entry(s.kind).or_default() += 1;
        assert!(CatalogueCode::parse(&s.code).is_ok(), "{}", s.code);
        assert_eq!(s.description, s.description.to_uppercase());
        assert!(
            (1500..=15_000).contains(&s.tariff_cents),
            "{} {}",
            s.code,
            s.tariff_cents
        );
        if s.kind == "diagnostic" {
            assert!(!s.preparation.is_empty(), "{} has no preparation", s.code);
        }
        // Notes in both languages, or none (the English ones are not the Italian copied).
        assert_eq!(
            s.preparation.is_empty(),
            s.preparation_en.is_empty(),
            "{}: preparation in one language only",
            s.code
        );
        if !s.preparation.is_empty() {
            assert_ne!(s.preparation, s.preparation_en, "{} not translated", s.code);
        }
    }
    assert!(kinds["visit"] >= 60);
    assert!(kinds["diagnostic"] >= 150);
    assert!(kinds["laboratory"] >= 40);
    let by_code = |c: &str| r.services.iter().find(|s| s.code == c).expect("code");
    assert_eq!(
        by_code("P009").description,
        "CONSULENZA CARDIOLOGICA 1 VISITA"
    );
    assert_eq!(
        by_code("2A24").description,
        "ECOCOLORDOPPLER ARTERIOSO ARTI INFERIORI"
    );
    // Laboratory tests have no agenda; every other service has one in every ASL.
    let lab: HashSet<i64> = r
        .services
        .iter()
        .filter(|s| s.kind == "laboratory")
        .map(|s| s.id)
        .collect();
    let mut offered: HashSet<(i64, i64)> = HashSet::new();
    for a in &r.agendas {
        assert!(!lab.contains(&a.service_id));
        offered.insert((a.service_id, a.asl_id));
    }
    for s in r.services.iter().filter(|s| s.kind != "laboratory") {
        for asl in 1..=3 {
            assert!(
                offered.contains(&(s.id, asl)),
                "{} not in ASL {asl}",
                s.code
            );
        }
    }
}

#[test]
fn names_look_like_the_portal() {
    let r = small();
    assert!(r.zones.iter().any(|z| z.name == "AREA DI PRATO - PRATESE"));
    assert!(
        r.zones
            .iter()
            .any(|z| z.name == "AREA DI FIRENZE - FIORENTINA NORD-OVEST")
    );
    let prato = r
        .facilities
        .iter()
        .find(|f| f.name == "NUOVO OSPEDALE PRATO")
        .expect("Prato hospital");
    assert_eq!(
        format!("{} - {} ({})", prato.address, prato.city, prato.province),
        "VIA SUOR NICCOLINA INFERMIERA - PRATO (PO)"
    );
    assert!(r.units.iter().any(
        |u| u.facility_id == prato.id && u.name == "[104]-CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC."
    ));
    let scandicci = r
        .facilities
        .iter()
        .find(|f| f.name == "POLIAMBULATORIO SCANDICCI")
        .expect("Scandicci");
    assert_eq!(scandicci.address, "VIA VIVALDI ANGOLO VIA PISANA");
    assert!(
        r.units
            .iter()
            .any(|u| u.facility_id == scandicci.id && u.name == "[110]-CARDIOLOGIA")
    );
    // Facilities lie near their zone (within ~60 km).
    for f in &r.facilities {
        let z = &r.zones[(f.zone_id - 1) as usize];
        assert!(
            (f.lat - z.lat).abs() < 0.6 && (f.lon - z.lon).abs() < 0.6,
            "{}",
            f.name
        );
    }
}

fn check_slot_times(start: NaiveDate) {
    let r = generate(&config(Profile::Small, 3, start));
    let mut before = 0;
    let mut after = 0;
    let summer_offset = |s: &SlotRow| {
        let local = to_rome(chrono::DateTime::from_timestamp(s.starts_at, 0).expect("timestamp"));
        local.naive_local().and_utc().timestamp() - s.starts_at
    };
    let first_offset = r.slots().next().map(|s| summer_offset(&s)).expect("slots");
    for s in r.slots() {
        let start = to_rome(chrono::DateTime::from_timestamp(s.starts_at, 0).expect("ts"));
        let end = to_rome(chrono::DateTime::from_timestamp(s.ends_at, 0).expect("ts"));
        let minutes = |t: &chrono::DateTime<chrono_tz::Tz>| t.hour() * 60 + t.minute();
        assert!(minutes(&start) >= 8 * 60, "slot {} starts {start}", s.id);
        assert!(minutes(&end) <= 18 * 60, "slot {} ends {end}", s.id);
        assert!(s.ends_at > s.starts_at);
        assert!((15 * 60..=30 * 60).contains(&(s.ends_at - s.starts_at)));
        let d = start.date_naive();
        assert_eq!(
            s.local_day,
            i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
        );
        assert_ne!(d.weekday(), chrono::Weekday::Sun);
        assert!(!agenda::is_public_holiday(d));
        if summer_offset(&s) == first_offset {
            before += 1;
        } else {
            after += 1;
        }
    }
    assert!(before > 1000 && after > 1000, "{before} / {after}");
}

#[test]
fn slot_times_inside_opening_hours_across_spring_change() {
    check_slot_times(day(2026, 3, 16));
}

#[test]
fn slot_times_inside_opening_hours_across_autumn_change() {
    check_slot_times(day(2026, 10, 12));
}

#[test]
fn references_are_consistent() {
    let r = small();
    let unit_facility: HashMap<i64, i64> = r.units.iter().map(|u| (u.id, u.facility_id)).collect();
    let facility_zone: HashMap<i64, i64> = r.facilities.iter().map(|f| (f.id, f.zone_id)).collect();
    let zone_asl: HashMap<i64, i64> = r.zones.iter().map(|z| (z.id, z.asl_id)).collect();
    let asls: HashSet<i64> = r.asls.iter().map(|a| a.id).collect();
    let services: HashMap<i64, &ServiceRow> = r.services.iter().map(|s| (s.id, s)).collect();
    for s in r.slots() {
        assert_eq!(unit_facility[&s.unit_id], s.facility_id);
        assert_eq!(facility_zone[&s.facility_id], s.zone_id);
        assert_eq!(zone_asl[&s.zone_id], s.asl_id);
        assert!(asls.contains(&s.asl_id));
        assert_ne!(services[&s.service_id].kind, "laboratory");
    }
    for z in &r.zones {
        assert!(asls.contains(&z.asl_id));
    }
    let citizens: HashSet<i64> = r.citizens.iter().map(|c| c.id).collect();
    for c in &r.citizens {
        assert!(zone_asl.contains_key(&c.zone_id));
    }
    let prescriptions: HashSet<i64> = r.prescriptions.iter().map(|p| p.id).collect();
    for p in &r.prescriptions {
        assert!(citizens.contains(&p.citizen_id));
    }
    for i in &r.items {
        assert!(prescriptions.contains(&i.prescription_id));
        assert!(services.contains_key(&i.service_id));
        assert!((1..=99).contains(&i.quantity));
    }
    for b in &r.prebooked {
        assert!(
            r.items
                .iter()
                .any(|i| i.prescription_id == b.prescription_id && i.line == b.line)
        );
    }
}

fn kind_of(s: &ServiceRow) -> ServiceKind {
    match s.kind {
        "visit" => ServiceKind::Visit,
        "diagnostic" => ServiceKind::Diagnostic,
        _ => ServiceKind::Laboratory,
    }
}

/// Every identifier parses with cup-domain, and every prescription is a valid domain
/// prescription (same branch, up to 8 services, valid codes).
fn check_identifiers(r: &DemoRegion) {
    for c in &r.citizens {
        let cf = CodiceFiscale::parse(&c.codice_fiscale).expect("codice fiscale");
        assert_eq!(cf.as_str(), c.codice_fiscale);
        let birth = NaiveDate::parse_from_str(&c.birth_date, "%Y-%m-%d").expect("birth date");
        assert_eq!(cf.canonical().birth_day(), birth.day());
        assert_eq!(cf.birth_month(), birth.month());
        assert_eq!(cf.sex(), if c.sex == "F" { Sex::Female } else { Sex::Male });
        assert!(cf.as_str().starts_with(&format!(
            "{}{}",
            surname_code(&c.family_name),
            name_code(&c.given_name)
        )));
        let t = TesseraSanitaria::parse(&c.tessera).expect("tessera");
        assert_eq!(t.as_str(), c.tessera);
        if let Some(phone) = &c.phone {
            let p = PhoneNumber::parse(phone).expect("phone");
            assert_eq!(p.as_str(), phone);
            assert!(p.is_mobile());
        }
        if let Some(email) = &c.email {
            assert!(email.is_ascii() && email.contains("@example."));
        }
    }
    let services: HashMap<i64, &ServiceRow> = r.services.iter().map(|s| (s.id, s)).collect();
    let mut items: HashMap<i64, Vec<&PrescriptionItemRow>> = HashMap::new();
    for i in &r.items {
        items.entry(i.prescription_id).or_default().push(i);
    }
    for p in &r.prescriptions {
        let nre = Nre::parse(&p.nre).expect("nre");
        assert_eq!(nre.as_str(), p.nre);
        let lines = &items[&p.id];
        for (n, i) in lines.iter().enumerate() {
            assert_eq!(i.line, n as i64);
        }
        let parts = PrescriptionParts {
            nre,
            priority: p
                .priority
                .as_deref()
                .map(|s| s.parse::<Priority>().expect("priority")),
            access: if p.access == "first" {
                AccessType::First
            } else {
                assert_eq!(p.access, "follow_up");
                AccessType::FollowUp
            },
            exemption: p
                .exemption
                .as_deref()
                .map(|e| Exemption::parse(e).expect("exemption")),
            date: NaiveDate::parse_from_str(&p.issued_on, "%Y-%m-%d").expect("date"),
            services: lines
                .iter()
                .map(|i| {
                    let s = services[&i.service_id];
                    PrescribedService::new(
                        CatalogueCode::parse(&s.code).expect("code"),
                        &s.description,
                        Quantity::new(i.quantity as u8).expect("quantity"),
                        &s.branch,
                        kind_of(s),
                    )
                    .expect("service")
                })
                .collect(),
            diagnostic_question: Some(p.question.clone()),
            doctor: Some(p.doctor.clone()),
        };
        Prescription::new(parts).expect("valid prescription");
    }
}

#[test]
fn identifiers_parse_with_cup_domain() {
    check_identifiers(&small());
}

#[test]
fn most_full_prescriptions_are_bookable() {
    let r = generate(&config(Profile::Full, 11, day(2026, 5, 4)));
    let services: HashMap<i64, &ServiceRow> = r.services.iter().map(|s| (s.id, s)).collect();
    let mut first_line: HashMap<i64, i64> = HashMap::new();
    for i in &r.items {
        if i.line == 0 {
            first_line.insert(i.prescription_id, i.service_id);
        }
    }
    let bookable = r
        .prescriptions
        .iter()
        .filter(|p| {
            p.nre.starts_with("090")
                && p.priority.as_deref() != Some("U")
                && services[&first_line[&p.id]].kind != "laboratory"
        })
        .count();
    assert!(
        bookable * 100 >= r.prescriptions.len() * 80,
        "{bookable} of {}",
        r.prescriptions.len()
    );
    assert!(r.prescriptions.iter().any(|p| !p.nre.starts_with("090")));
}

fn hash_region(r: &DemoRegion) -> u64 {
    let mut h = DefaultHasher::new();
    for s in r.slots().take(10_000) {
        s.hash(&mut h);
    }
    r.citizens.hash(&mut h);
    r.prescriptions.hash(&mut h);
    r.items.hash(&mut h);
    r.prebooked.hash(&mut h);
    r.slot_count().hash(&mut h);
    h.finish()
}

#[test]
fn deterministic() {
    let c = config(Profile::Small, 2024, day(2026, 1, 12));
    let a = generate(&c);
    let b = generate(&c);
    assert_eq!(hash_region(&a), hash_region(&b));
    assert_eq!(a.facilities, b.facilities);
    assert_eq!(a.units, b.units);
    assert_eq!(a.showcase, b.showcase);
    let other = generate(&config(Profile::Small, 2025, day(2026, 1, 12)));
    assert_ne!(hash_region(&a), hash_region(&other));
    // The catalogue and the showcase do not depend on the seed.
    assert_eq!(a.services, other.services);
    assert_eq!(a.showcase, other.showcase);
    let full = generate(&config(Profile::Full, 2025, day(2026, 1, 12)));
    assert_eq!(full.showcase, other.showcase);
}

fn showcase_case<'a>(
    r: &'a DemoRegion,
    case: &str,
) -> (
    &'a ShowcaseCitizen,
    &'a PrescriptionRow,
    Vec<&'a ServiceRow>,
) {
    let s = r
        .showcase
        .iter()
        .find(|s| s.case == case)
        .unwrap_or_else(|| panic!("case {case} missing"));
    let p = r
        .prescriptions
        .iter()
        .find(|p| p.id == s.prescription_id)
        .expect("prescription");
    assert_eq!(p.nre, s.nre);
    let c = &r.citizens[(s.citizen_id - 1) as usize];
    assert_eq!(c.codice_fiscale, s.codice_fiscale);
    assert_eq!(c.tessera, s.tessera);
    assert_eq!(p.citizen_id, c.id);
    let services = r
        .items
        .iter()
        .filter(|i| i.prescription_id == p.id)
        .map(|i| &r.services[(i.service_id - 1) as usize])
        .collect();
    (s, p, services)
}

/// The days the calendar makes special: the changes to and from summer time in Rome (last
/// Sunday of March and of October), a 29 February, the year's last and first days, and a day
/// whose 180-day agenda horizon crosses the year's end; and an ordinary Monday.
pub(crate) const EDGE_DAYS: [(i32, u32, u32); 8] = [
    (2026, 3, 16),
    (2027, 3, 28),
    (2027, 10, 31),
    (2028, 2, 29),
    (2027, 12, 31),
    (2028, 1, 1),
    (2027, 8, 15),
    (2026, 12, 4),
];

fn edge_days() -> impl Iterator<Item = NaiveDate> {
    EDGE_DAYS.iter().map(|&(y, m, d)| day(y, m, d))
}

/// Every showcase case of the README holds whatever the day the region is generated.
#[test]
fn showcase_cases_hold_on_every_day() {
    for start in edge_days() {
        check_showcase_cases(start);
    }
}

fn check_showcase_cases(start: NaiveDate) {
    let r = generate(&config(Profile::Small, 99, start));
    let yyyymmdd = |d: NaiveDate| {
        i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
    };
    let keys: Vec<&str> = r.showcase.iter().map(|s| s.case).collect();
    assert_eq!(
        keys,
        [
            "visit_p",
            "diagnostic_d",
            "multi_radiology",
            "laboratory",
            "urgent_u",
            "tight_b",
            "other_region",
            "exempt",
            "already_booked",
            "tutela"
        ]
    );
    let prio = |p: &PrescriptionRow| p.priority.clone();

    let (_, p, s) = showcase_case(&r, "visit_p");
    assert_eq!(prio(p).as_deref(), Some("P"));
    assert_eq!(s.len(), 1);
    assert_eq!((s[0].code.as_str(), s[0].kind), ("P009", "visit"));

    let (_, p, s) = showcase_case(&r, "diagnostic_d");
    assert_eq!(prio(p).as_deref(), Some("D"));
    assert_eq!((s[0].code.as_str(), s[0].kind), ("2A24", "diagnostic"));
    assert!(!s[0].preparation.is_empty());

    let (_, _, s) = showcase_case(&r, "multi_radiology");
    assert_eq!(s.len(), 3);
    assert!(
        s.iter()
            .all(|x| x.branch == "RADIOLOGIA" && x.kind == "diagnostic")
    );

    let (_, _, s) = showcase_case(&r, "laboratory");
    assert!(s.len() >= 2 && s.iter().all(|x| x.kind == "laboratory"));

    let (_, p, _) = showcase_case(&r, "urgent_u");
    assert_eq!(prio(p).as_deref(), Some("U"));

    let (_, p, _) = showcase_case(&r, "tight_b");
    assert_eq!(prio(p).as_deref(), Some("B"));
    // Eight days before "today", the day before the agendas start.
    assert_eq!(p.issued_on, iso(start - chrono::Days::new(9)), "{start}");

    let (sc, p, _) = showcase_case(&r, "other_region");
    assert!(sc.nre.starts_with("120"));
    assert_eq!(Nre::parse(&p.nre).expect("nre").region(), Region::Lazio);

    let (_, p, s) = showcase_case(&r, "exempt");
    assert!(p.exemption.is_some());
    assert_eq!(s[0].kind, "visit");

    let (sc, _, _) = showcase_case(&r, "already_booked");
    assert!(r.prebooked.contains(&PrebookedLine {
        prescription_id: sc.prescription_id,
        line: 0
    }));

    let (_, p, s) = showcase_case(&r, "tutela");
    assert_eq!(prio(p).as_deref(), Some("B"));
    let tutela_service = s[0].id;

    // Slots: the bookable cases have a slot in their own zone within 2 days; the tutela
    // service has none in the first 20 days anywhere, but has later ones.
    let zone_of = |case: &str| {
        let (sc, _, s) = showcase_case(&r, case);
        (r.citizens[(sc.citizen_id - 1) as usize].zone_id, s[0].id)
    };
    let soon = yyyymmdd(start + chrono::Days::new(2));
    let wanted: Vec<(i64, i64)> = [
        "visit_p",
        "diagnostic_d",
        "multi_radiology",
        "tight_b",
        "exempt",
        "already_booked",
    ]
    .iter()
    .map(|c| zone_of(c))
    .collect();
    let mut found: HashSet<(i64, i64)> = HashSet::new();
    let tutela_limit = yyyymmdd(start + chrono::Days::new(20));
    let mut tutela_later = 0;
    for slot in r.slots() {
        if slot.local_day <= soon {
            found.insert((slot.zone_id, slot.service_id));
        }
        if slot.service_id == tutela_service {
            assert!(
                slot.local_day > tutela_limit,
                "tutela slot on {}",
                slot.local_day
            );
            tutela_later += 1;
        }
    }
    for w in wanted {
        assert!(found.contains(&w), "{start}: no early slot for {w:?}");
    }
    assert!(tutela_later > 0, "{start}");
}

/// The same people on every day: names, birth dates, codici fiscali, tessere, NREs,
/// prescriptions and which lines the counter booked; only a prescription's date moves, and it
/// keeps its distance from "today".
#[test]
fn identities_are_the_same_on_every_day() {
    let first = day(2026, 3, 16);
    let base = generate(&config(Profile::Small, 42, first));
    for start in edge_days() {
        let r = generate(&config(Profile::Small, 42, start));
        assert_eq!(r.citizens, base.citizens, "{start}");
        assert_eq!(r.showcase, base.showcase, "{start}");
        assert_eq!(r.items, base.items, "{start}");
        assert_eq!(r.prebooked, base.prebooked, "{start}");
        assert_eq!(r.prescriptions.len(), base.prescriptions.len());
        for (a, b) in r.prescriptions.iter().zip(&base.prescriptions) {
            let age = |p: &PrescriptionRow, today: NaiveDate| {
                (today - NaiveDate::parse_from_str(&p.issued_on, "%Y-%m-%d").expect("date"))
                    .num_days()
            };
            assert_eq!(age(a, start), age(b, first), "{start}: {}", a.nre);
            let undated = |p: &PrescriptionRow| PrescriptionRow {
                issued_on: String::new(),
                ..p.clone()
            };
            assert_eq!(undated(a), undated(b), "{start}");
        }
    }
    // The load tests' region too.
    let full = |start| generate(&config(Profile::Full, 42, start)).citizens;
    assert_eq!(full(day(2026, 12, 4)), full(day(2027, 10, 31)));
}

/// On every day each generated prescription can still be booked: it was issued within its
/// booking-by deadline (the domain's rule), so no case is lost to the passing of time.
#[test]
fn every_prescription_is_within_its_booking_deadline_on_every_day() {
    for start in edge_days() {
        let r = generate(&config(Profile::Small, 42, start));
        let services: HashMap<i64, &ServiceRow> = r.services.iter().map(|s| (s.id, s)).collect();
        for p in &r.prescriptions {
            let issued = NaiveDate::parse_from_str(&p.issued_on, "%Y-%m-%d").expect("date");
            assert!(issued <= start, "{start}: {} issued {issued}", p.nre);
            let priority = cup_domain::effective_priority(
                p.priority.as_deref().map(|s| s.parse().expect("priority")),
            );
            for i in r.items.iter().filter(|i| i.prescription_id == p.id) {
                let kind = kind_of(services[&i.service_id]);
                let deadline = cup_domain::booking_deadline(issued, priority, kind);
                assert!(
                    deadline >= start,
                    "{start}: {} ({priority:?}, {kind:?}) past its deadline {deadline}",
                    p.nre
                );
            }
        }
    }
}

/// "Today" is the day before the agendas start: no prescription, showcase or generated, is
/// dated after it, whatever the day (a prescription of tomorrow on the citizen's screen).
#[test]
fn no_prescription_is_dated_after_today_on_any_day() {
    for profile in [Profile::Small, Profile::Full] {
        for start in edge_days() {
            let today = start.pred_opt().expect("a day before");
            let r = generate(&config(profile, 42, start));
            let latest = r
                .prescriptions
                .iter()
                .map(|p| NaiveDate::parse_from_str(&p.issued_on, "%Y-%m-%d").expect("date"))
                .max()
                .expect("prescriptions");
            assert!(
                latest <= today,
                "{profile:?} {start}: one issued {latest}, today {today}"
            );
        }
    }
}

#[test]
fn showcase_table() {
    let r = small();
    let table = format_showcase(&r.showcase);
    for s in &r.showcase {
        assert!(table.contains(&s.codice_fiscale));
        assert!(table.contains(&s.nre));
        assert!(table.contains(s.case));
    }
    assert_eq!(table.lines().count(), r.showcase.len() + 2);
}

/// Timing for the report: `cargo test --release -- --ignored --nocapture timing`.
#[test]
#[ignore = "timing, run in release"]
fn timing() {
    use std::time::Instant;
    let start = day(2026, 3, 16);
    let t = Instant::now();
    let s = generate(&config(Profile::Small, 1, start));
    let small_gen = t.elapsed();
    let t = Instant::now();
    let small_streamed = s.slots().count();
    let small_stream = t.elapsed();
    let t = Instant::now();
    let f = generate(&config(Profile::Full, 1, start));
    let full_gen = t.elapsed();
    let t = Instant::now();
    let mut n = 0u64;
    let mut checksum = 0i64;
    for slot in f.slots() {
        n += 1;
        checksum = checksum.wrapping_add(slot.starts_at);
    }
    let full_stream = t.elapsed();
    assert_eq!(n, f.slot_count());
    assert_eq!(small_streamed as u64, s.slot_count());
    println!(
        "small: {} slots, {} agendas, {} citizens, {} prescriptions, {} items, {} prebooked; generate {small_gen:?}, stream {small_stream:?}",
        s.slot_count(),
        s.agenda_count(),
        s.citizens.len(),
        s.prescriptions.len(),
        s.items.len(),
        s.prebooked.len()
    );
    println!(
        "full: {} slots, {} agendas, {} citizens, {} prescriptions, {} items, {} prebooked; generate {full_gen:?}, stream {full_stream:?} (checksum {checksum})",
        f.slot_count(),
        f.agenda_count(),
        f.citizens.len(),
        f.prescriptions.len(),
        f.items.len(),
        f.prebooked.len()
    );
    println!(
        "geography: {} asls, {} zones, {} facilities, {} units, {} services",
        s.asls.len(),
        s.zones.len(),
        s.facilities.len(),
        s.units.len(),
        s.services.len()
    );
    println!("{}", format_showcase(&s.showcase));
}
