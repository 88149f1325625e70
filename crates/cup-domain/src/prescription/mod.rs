//! The electronic prescription as read by NRE.
//!
//! Source: DOMAIN.md "NRE": the prescription carries priority class, access type
//! (first / follow-up), diagnostic question, exemption code, date, doctor, and up to 8
//! services of the same branch.

pub mod bookability;
pub mod exemption;
pub mod priority;
pub mod service;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::nre::Nre;
use exemption::Exemption;
use priority::{AccessType, Priority};
use service::PrescribedService;

/// Most services on one prescription.
pub const MAX_SERVICES: usize = 8;
/// Longest free text (diagnostic question, doctor) accepted, in characters.
pub const TEXT_MAX: usize = 500;

/// Why prescription data is not valid. The message never contains the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PrescriptionError {
    #[error("the catalogue code of a service is not valid")]
    ServiceCode,
    #[error("the description of a service is empty or too long")]
    ServiceDescription,
    #[error("the quantity of a service must be between 1 and 99")]
    Quantity,
    #[error("the branch of a service is empty or too long")]
    Branch,
    #[error("the priority class must be one of U, B, D, P")]
    PriorityLetter,
    #[error("a prescription has at least one service")]
    NoServices,
    #[error("a prescription has at most 8 services")]
    TooManyServices,
    #[error("all services of a prescription belong to the same branch")]
    MixedBranches,
    #[error("a free-text field of the prescription is too long or has control characters")]
    Text,
    #[error("the prescription has no service at that position")]
    ServiceIndex,
}

impl PrescriptionError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::ServiceCode => "service_code",
            Self::ServiceDescription => "service_description",
            Self::Quantity => "service_quantity",
            Self::Branch => "service_branch",
            Self::PriorityLetter => "priority_letter",
            Self::NoServices => "prescription_no_services",
            Self::TooManyServices => "prescription_too_many_services",
            Self::MixedBranches => "prescription_mixed_branches",
            Self::Text => "prescription_text",
            Self::ServiceIndex => "prescription_service_index",
        }
    }
}

/// The unvalidated parts of a prescription, for [`Prescription::new`] (and serde).
/// `Debug` hides the free texts (health data) and redacts the identifiers.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrescriptionParts {
    pub nre: Nre,
    /// `None` when the class field is empty (see [`priority::effective_priority`]).
    pub priority: Option<Priority>,
    pub access: AccessType,
    pub exemption: Option<Exemption>,
    /// Date the prescription was written.
    pub date: NaiveDate,
    pub services: Vec<PrescribedService>,
    pub diagnostic_question: Option<String>,
    pub doctor: Option<String>,
}

impl std::fmt::Debug for PrescriptionParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = |t: &Option<String>| t.as_ref().map(|_| "<redacted>");
        f.debug_struct("PrescriptionParts")
            .field("nre", &self.nre)
            .field("priority", &self.priority)
            .field("access", &self.access)
            .field("exemption", &self.exemption)
            .field("date", &self.date)
            .field("services", &self.services)
            .field("diagnostic_question", &hidden(&self.diagnostic_question))
            .field("doctor", &hidden(&self.doctor))
            .finish()
    }
}

/// A valid prescription: 1..=8 services, all of the same branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PrescriptionParts", into = "PrescriptionParts")]
pub struct Prescription(PrescriptionParts);

fn check_text(t: Option<String>) -> Result<Option<String>, PrescriptionError> {
    match t.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) if s.chars().count() <= TEXT_MAX && !s.chars().any(char::is_control) => {
            Ok(Some(s.to_owned()))
        }
        Some(_) => Err(PrescriptionError::Text),
    }
}

impl Prescription {
    /// Validates the parts.
    ///
    /// # Errors
    /// [`PrescriptionError::NoServices`], [`PrescriptionError::TooManyServices`],
    /// [`PrescriptionError::MixedBranches`] or [`PrescriptionError::Text`].
    pub fn new(mut parts: PrescriptionParts) -> Result<Self, PrescriptionError> {
        let first = parts
            .services
            .first()
            .ok_or(PrescriptionError::NoServices)?;
        if parts.services.len() > MAX_SERVICES {
            return Err(PrescriptionError::TooManyServices);
        }
        if parts.services.iter().any(|s| s.branch() != first.branch()) {
            return Err(PrescriptionError::MixedBranches);
        }
        parts.diagnostic_question = check_text(parts.diagnostic_question)?;
        parts.doctor = check_text(parts.doctor)?;
        Ok(Self(parts))
    }

    pub fn nre(&self) -> &Nre {
        &self.0.nre
    }
    /// The class as written (`None` if empty).
    pub fn priority(&self) -> Option<Priority> {
        self.0.priority
    }
    /// The class that rules booking: see [`priority::effective_priority`].
    pub fn effective_priority(&self) -> Priority {
        priority::effective_priority(self.0.priority)
    }
    pub fn access(&self) -> AccessType {
        self.0.access
    }
    pub fn exemption(&self) -> Option<&Exemption> {
        self.0.exemption.as_ref()
    }
    pub fn date(&self) -> NaiveDate {
        self.0.date
    }
    /// 1..=8 services of the same branch.
    pub fn services(&self) -> &[PrescribedService] {
        &self.0.services
    }
    /// The common branch of all services.
    pub fn branch(&self) -> &str {
        self.0.services.first().map_or("", |s| s.branch())
    }
    pub fn diagnostic_question(&self) -> Option<&str> {
        self.0.diagnostic_question.as_deref()
    }
    pub fn doctor(&self) -> Option<&str> {
        self.0.doctor.as_deref()
    }
    /// The service at `index`.
    ///
    /// # Errors
    /// [`PrescriptionError::ServiceIndex`] when out of range.
    pub fn service(&self, index: usize) -> Result<&PrescribedService, PrescriptionError> {
        self.0
            .services
            .get(index)
            .ok_or(PrescriptionError::ServiceIndex)
    }
    /// Back to the parts (for storage).
    pub fn into_parts(self) -> PrescriptionParts {
        self.0
    }
}

impl TryFrom<PrescriptionParts> for Prescription {
    type Error = PrescriptionError;
    fn try_from(parts: PrescriptionParts) -> Result<Self, Self::Error> {
        Self::new(parts)
    }
}

impl From<Prescription> for PrescriptionParts {
    fn from(p: Prescription) -> Self {
        p.0
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::priority::ServiceKind;
    use super::service::{CatalogueCode, Quantity};
    use super::*;

    pub(crate) fn service(branch: &str, kind: ServiceKind) -> PrescribedService {
        PrescribedService::new(
            CatalogueCode::parse("89.7").unwrap(),
            "Prima visita",
            Quantity::new(1).unwrap(),
            branch,
            kind,
        )
        .unwrap()
    }

    pub(crate) fn parts(nre: &str, services: Vec<PrescribedService>) -> PrescriptionParts {
        PrescriptionParts {
            nre: Nre::parse(nre).unwrap(),
            priority: Some(Priority::D),
            access: AccessType::First,
            exemption: None,
            date: NaiveDate::from_ymd_opt(2024, 4, 2).unwrap(),
            services,
            diagnostic_question: Some("  Dolore toracico ".into()),
            doctor: None,
        }
    }

    #[test]
    fn valid_prescription() {
        let p = Prescription::new(parts(
            "0900A4262701932",
            vec![service("CARDIOLOGIA", ServiceKind::Visit); 8],
        ))
        .unwrap();
        assert_eq!(p.services().len(), 8);
        assert_eq!(p.branch(), "CARDIOLOGIA");
        assert_eq!(p.diagnostic_question(), Some("Dolore toracico"));
        assert_eq!(p.effective_priority(), Priority::D);
        let debug = format!("{p:?}");
        assert!(
            !debug.contains("Dolore") && !debug.contains("4262701"),
            "{debug}"
        );
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Prescription>(&json).unwrap(), p);
    }

    #[test]
    fn service_count_and_branch() {
        let nre = "0900A4262701932";
        assert_eq!(
            Prescription::new(parts(nre, vec![])),
            Err(PrescriptionError::NoServices)
        );
        assert_eq!(
            Prescription::new(parts(nre, vec![service("X", ServiceKind::Visit); 9])),
            Err(PrescriptionError::TooManyServices)
        );
        assert_eq!(
            Prescription::new(parts(
                nre,
                vec![
                    service("CARDIOLOGIA", ServiceKind::Visit),
                    service("OCULISTICA", ServiceKind::Visit)
                ]
            )),
            Err(PrescriptionError::MixedBranches)
        );
        let mut p = parts(nre, vec![service("X", ServiceKind::Visit)]);
        p.doctor = Some("x".repeat(TEXT_MAX + 1));
        assert_eq!(Prescription::new(p), Err(PrescriptionError::Text));
    }
}
