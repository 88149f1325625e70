//! Queries over the generated region, for tests and demos that need "a citizen such that…"
//! rather than a copied codice fiscale: the generator is the only source of its people.

use serde::Serialize;

use super::{DemoRegion, ShowcaseCitizen};

/// The three factors with which a demo citizen logs in for one prescription line, and where
/// they live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoLogin {
    /// The showcase case, or `"generated"` for one of the other citizens.
    pub case: String,
    pub given_name: String,
    pub family_name: String,
    pub codice_fiscale: String,
    pub tessera: String,
    pub nre: String,
    /// The prescription line (0-based) the query matched.
    pub line: i64,
    pub service_code: String,
    pub service_description: String,
    pub zone_id: i64,
    pub zone: String,
}

impl DemoRegion {
    /// The login of a showcase case (its first line).
    pub fn showcase_login(&self, case: &str) -> Option<DemoLogin> {
        let s: &ShowcaseCitizen = self.showcase.iter().find(|s| s.case == case)?;
        let mut login = self.login(s.prescription_id, 0)?;
        login.case = s.case.to_owned();
        Some(login)
    }

    /// The generated citizens (never a showcase one) with a line for `service` (catalogue
    /// code or description, exactly) that is bookable here with the widest window: a Toscana
    /// prescription (NRE 090), first access, priority P or none, not already booked. In the
    /// order they were generated; the same for a seed on every day.
    pub fn bookable_for(&self, service: &str) -> Vec<DemoLogin> {
        let Some(service) = self
            .services
            .iter()
            .find(|s| s.code == service || s.description == service)
        else {
            return Vec::new();
        };
        let showcase: Vec<i64> = self.showcase.iter().map(|s| s.prescription_id).collect();
        self.items
            .iter()
            .filter(|item| item.service_id == service.id)
            .filter(|item| !showcase.contains(&item.prescription_id))
            .filter(|item| {
                !self
                    .prebooked
                    .iter()
                    .any(|b| b.prescription_id == item.prescription_id && b.line == item.line)
            })
            .filter(|item| {
                self.prescription(item.prescription_id).is_some_and(|p| {
                    p.nre.starts_with("090")
                        && p.access == "first"
                        && matches!(p.priority.as_deref(), None | Some("P"))
                })
            })
            .filter_map(|item| self.login(item.prescription_id, item.line))
            .collect()
    }

    fn prescription(&self, id: i64) -> Option<&super::PrescriptionRow> {
        self.prescriptions.get(usize::try_from(id - 1).ok()?)
    }

    fn login(&self, prescription_id: i64, line: i64) -> Option<DemoLogin> {
        let p = self.prescription(prescription_id)?;
        let c = self.citizens.get(usize::try_from(p.citizen_id - 1).ok()?)?;
        let item = self
            .items
            .iter()
            .find(|i| i.prescription_id == prescription_id && i.line == line)?;
        let s = self
            .services
            .get(usize::try_from(item.service_id - 1).ok()?)?;
        let zone = self.zones.get(usize::try_from(c.zone_id - 1).ok()?)?;
        Some(DemoLogin {
            case: "generated".to_owned(),
            given_name: c.given_name.clone(),
            family_name: c.family_name.clone(),
            codice_fiscale: c.codice_fiscale.clone(),
            tessera: c.tessera.clone(),
            nre: p.nre.clone(),
            line,
            service_code: s.code.clone(),
            service_description: s.description.clone(),
            zone_id: c.zone_id,
            zone: zone.name.clone(),
        })
    }
}
