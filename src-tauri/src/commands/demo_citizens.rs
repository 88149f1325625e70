//! `demo_citizens`: the synthetic citizens of the demo region, one per demonstrable case, so a
//! newcomer can try a booking (the same as the README's table). Empty on a real backend.

use std::sync::OnceLock;

use cup_domain::time::rome_date;
use cup_server::demo::{DemoConfig, DemoRegion, Profile};
use cup_server::server::demo_start_day;
use serde::Serialize;

use crate::embedded::DEMO_SEED;
use crate::{AppConfig, AppError};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DemoCitizenView {
    /// Machine key of the case, e.g. `visit_p`.
    pub case: String,
    pub description_it: String,
    pub description_en: String,
    pub given_name: String,
    pub family_name: String,
    pub codice_fiscale: String,
    pub tessera: String,
    pub nre: String,
}

/// The demo region's showcase citizens, generated once (deterministic from the seed).
#[derive(Debug, Default)]
pub struct DemoShowcase {
    citizens: OnceLock<Vec<DemoCitizenView>>,
}

impl DemoShowcase {
    pub fn citizens(&self) -> &[DemoCitizenView] {
        self.citizens.get_or_init(generate)
    }
}

fn generate() -> Vec<DemoCitizenView> {
    let region = DemoRegion::generate(&DemoConfig {
        seed: DEMO_SEED,
        profile: Profile::Small,
        start_day: demo_start_day(rome_date(cup_clock::now())),
    });
    region
        .showcase
        .into_iter()
        .map(|citizen| DemoCitizenView {
            case: citizen.case.to_owned(),
            description_it: citizen.description_it.to_owned(),
            description_en: citizen.description_en.to_owned(),
            given_name: citizen.given_name,
            family_name: citizen.family_name,
            codice_fiscale: citizen.codice_fiscale,
            tessera: citizen.tessera,
            nre: citizen.nre,
        })
        .collect()
}

/// The plain function behind the command.
pub fn demo_citizens_for(config: &AppConfig, showcase: &DemoShowcase) -> Vec<DemoCitizenView> {
    if config.is_demo() {
        showcase.citizens().to_vec()
    } else {
        Vec::new()
    }
}

#[tauri::command]
pub async fn demo_citizens(
    config: tauri::State<'_, AppConfig>,
    showcase: tauri::State<'_, DemoShowcase>,
) -> Result<Vec<DemoCitizenView>, AppError> {
    Ok(demo_citizens_for(&config, &showcase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn showcase_only_in_the_demo_run() {
        let showcase = DemoShowcase::default();
        let citizens = demo_citizens_for(&AppConfig::default(), &showcase);
        assert!(citizens.iter().any(|c| c.case == "visit_p"));
        let remote = AppConfig::from_backend_url(Some("https://cup.example".into())).unwrap();
        assert!(demo_citizens_for(&remote, &showcase).is_empty());
    }
}
