//! Who the load tool books for: the demo region's citizens with a bookable line, regenerated
//! from the same seed and profile as the server's (identifiers are deterministic).

use std::collections::HashMap;

use cup_server::demo::{DemoConfig, DemoRegion, Profile};

/// One bookable prescription line and the credentials to reach it.
#[derive(Debug, Clone)]
pub struct Patient {
    pub codice_fiscale: String,
    pub tessera: String,
    pub nre: String,
    pub line: u32,
    /// The service the line prescribes (to concentrate demand on popular services).
    pub service_id: i64,
}

/// Every prescription's first bookable line: a Toscana prescription, not class U, not
/// laboratory, not pre-booked.
pub fn bookable_patients(seed: u64, profile: Profile) -> Vec<Patient> {
    let today = cup_domain_today();
    let region = DemoRegion::generate(&DemoConfig {
        seed,
        profile,
        start_day: today,
    });
    let citizens: HashMap<i64, _> = region.citizens.iter().map(|c| (c.id, c)).collect();
    let kinds: HashMap<i64, &str> = region.services.iter().map(|s| (s.id, s.kind)).collect();
    let prebooked: std::collections::HashSet<(i64, i64)> = region
        .prebooked
        .iter()
        .map(|p| (p.prescription_id, p.line))
        .collect();
    let mut items: HashMap<i64, Vec<_>> = HashMap::new();
    for item in &region.items {
        items.entry(item.prescription_id).or_default().push(item);
    }
    let mut patients = Vec::new();
    for p in &region.prescriptions {
        if !p.nre.starts_with("090") || p.priority.as_deref() == Some("U") {
            continue;
        }
        let Some(item) = items.get(&p.id).into_iter().flatten().find(|i| {
            kinds.get(&i.service_id).is_some_and(|k| *k != "laboratory")
                && !prebooked.contains(&(p.id, i.line))
        }) else {
            continue;
        };
        let Some(c) = citizens.get(&p.citizen_id) else {
            continue;
        };
        patients.push(Patient {
            codice_fiscale: c.codice_fiscale.clone(),
            tessera: c.tessera.clone(),
            nre: p.nre.clone(),
            line: item.line.max(0) as u32,
            service_id: item.service_id,
        });
    }
    patients
}

/// The first agenda day the server chose when it seeded its database today.
fn cup_domain_today() -> chrono::NaiveDate {
    cup_server::server::demo_start_day(cup_domain::time::rome_date(cup_clock::now()))
}
