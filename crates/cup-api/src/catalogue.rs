//! The catalogue: health authorities (ASL), zones, facilities and services.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AslView {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ZoneView {
    pub id: i64,
    pub asl_id: i64,
    /// As the CUP names it: "AREA DI PRATO - PRATESE".
    pub name: String,
}

/// `GET /v1/catalogue/areas`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AreasResponse {
    pub asls: Vec<AslView>,
    pub zones: Vec<ZoneView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FacilityView {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub city: String,
    /// Two-letter province code, e.g. `PO`.
    pub province: String,
    pub zone_id: i64,
    pub zone: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ServiceKindView {
    Visit,
    Diagnostic,
    Laboratory,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServiceView {
    pub id: i64,
    /// Catalogue code.
    pub code: String,
    pub description: String,
    pub branch: String,
    pub kind: ServiceKindView,
    pub tariff_cents: u64,
    /// Preparation notes in Italian (may be empty).
    pub preparation: String,
    /// The same notes in English (empty when there are none, or none were translated: show
    /// `preparation` then).
    #[serde(default)]
    pub preparation_en: String,
}

impl ServiceView {
    /// The preparation notes in `lang`: the English ones when asked and present, the Italian
    /// ones otherwise (a catalogue without translations); "" when there is nothing to prepare.
    /// The UI's `preparationText` (ui/src/booking/preparation.ts) picks the same way.
    pub fn preparation_in(&self, lang: cup_domain::Lang) -> &str {
        let english = self.preparation_en.trim();
        match lang {
            cup_domain::Lang::En if !english.is_empty() => english,
            _ => self.preparation.trim(),
        }
    }
}

/// `GET /v1/catalogue/facilities?zone_id=`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FacilitiesResponse {
    pub facilities: Vec<FacilityView>,
}

/// `GET /v1/catalogue/services?q=`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServicesResponse {
    pub services: Vec<ServiceView>,
}

#[cfg(test)]
mod tests {
    use cup_domain::Lang;

    use super::*;

    fn service(preparation: &str, preparation_en: &str) -> ServiceView {
        ServiceView {
            id: 1,
            code: "2A24".into(),
            description: "ECOCOLORDOPPLER ARTERIOSO ARTI INFERIORI".into(),
            branch: "CARDIOLOGIA".into(),
            kind: ServiceKindView::Diagnostic,
            tariff_cents: 6000,
            preparation: preparation.into(),
            preparation_en: preparation_en.into(),
        }
    }

    #[test]
    fn preparation_in_the_citizens_language() {
        let s = service("Indossare abiti comodi.", "Wear comfortable clothes.");
        assert_eq!(s.preparation_in(Lang::It), "Indossare abiti comodi.");
        assert_eq!(s.preparation_in(Lang::En), "Wear comfortable clothes.");
        // Not translated (a catalogue loaded before): the Italian notes.
        let s = service("Indossare abiti comodi.", " ");
        assert_eq!(s.preparation_in(Lang::En), "Indossare abiti comodi.");
        assert_eq!(service("", "").preparation_in(Lang::En), "");
    }

    #[test]
    fn a_service_without_english_notes_still_reads() {
        let json = r#"{"id":1,"code":"P009","description":"X","branch":"B","kind":"visit","tariff_cents":0,"preparation":""}"#;
        let s: ServiceView = serde_json::from_str(json).expect("older answer");
        assert_eq!(s.preparation_en, "");
    }
}
