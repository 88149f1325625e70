//! One prescribed service: catalogue code, description, quantity, branch, kind.
//! Source: DOMAIN.md "NRE" (the prescription carries up to 8 services of the same branch,
//! each with its catalogue code, description and quantity).

use serde::{Deserialize, Serialize};

use super::PrescriptionError;
use super::priority::ServiceKind;
use crate::ids::{normalise, string_newtype};

/// Longest catalogue code accepted (regional catalogue codes are short, e.g. `89.7`).
pub const CATALOGUE_CODE_MAX: usize = 16;
/// Longest service description accepted, in characters.
pub const DESCRIPTION_MAX: usize = 200;
/// Longest branch name accepted, in characters.
pub const BRANCH_MAX: usize = 60;

/// A catalogue (nomenclatore) code: 1..=16 of `A-Z 0-9 . - /`, upper case, no spaces.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CatalogueCode(String);

string_newtype!(CatalogueCode, PrescriptionError);

impl CatalogueCode {
    /// Parses a catalogue code.
    ///
    /// # Errors
    /// [`PrescriptionError::ServiceCode`] for an empty, long or odd code.
    pub fn parse(input: &str) -> Result<Self, PrescriptionError> {
        let s = normalise(input);
        let ok = !s.is_empty()
            && s.len() <= CATALOGUE_CODE_MAX
            && s.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"./-".contains(&b));
        if ok {
            Ok(Self(s))
        } else {
            Err(PrescriptionError::ServiceCode)
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Not personal data on its own: shown in full.
    pub fn redacted(&self) -> String {
        self.0.clone()
    }
}

/// Quantity of a prescribed service, 1..=99.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Quantity(u8);

impl Quantity {
    /// # Errors
    /// [`PrescriptionError::Quantity`] outside 1..=99.
    pub fn new(n: u8) -> Result<Self, PrescriptionError> {
        if (1..=99).contains(&n) {
            Ok(Self(n))
        } else {
            Err(PrescriptionError::Quantity)
        }
    }

    /// The quantity.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Quantity {
    type Error = PrescriptionError;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Self::new(n)
    }
}

impl From<Quantity> for u8 {
    fn from(q: Quantity) -> u8 {
        q.0
    }
}

/// A service on a prescription, valid by construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ServiceData")]
pub struct PrescribedService {
    code: CatalogueCode,
    description: String,
    quantity: Quantity,
    branch: String,
    kind: ServiceKind,
}

#[derive(Deserialize)]
struct ServiceData {
    code: CatalogueCode,
    description: String,
    quantity: Quantity,
    branch: String,
    kind: ServiceKind,
}

impl TryFrom<ServiceData> for PrescribedService {
    type Error = PrescriptionError;
    fn try_from(d: ServiceData) -> Result<Self, Self::Error> {
        Self::new(d.code, &d.description, d.quantity, &d.branch, d.kind)
    }
}

/// Trims and bounds a free text; `None` if empty or too long.
fn bounded_text(s: &str, max: usize) -> Option<String> {
    let t = s.trim();
    (!t.is_empty() && t.chars().count() <= max && !t.chars().any(char::is_control))
        .then(|| t.to_owned())
}

impl PrescribedService {
    /// Builds a service. The description is trimmed (1..=200 chars); the branch (e.g.
    /// `CARDIOLOGIA`) is trimmed and upper-cased (1..=60 chars).
    ///
    /// # Errors
    /// [`PrescriptionError::ServiceDescription`] or [`PrescriptionError::Branch`].
    pub fn new(
        code: CatalogueCode,
        description: &str,
        quantity: Quantity,
        branch: &str,
        kind: ServiceKind,
    ) -> Result<Self, PrescriptionError> {
        let description = bounded_text(description, DESCRIPTION_MAX)
            .ok_or(PrescriptionError::ServiceDescription)?;
        let branch = bounded_text(branch, BRANCH_MAX)
            .ok_or(PrescriptionError::Branch)?
            .to_uppercase();
        Ok(Self {
            code,
            description,
            quantity,
            branch,
            kind,
        })
    }

    pub fn code(&self) -> &CatalogueCode {
        &self.code
    }
    pub fn description(&self) -> &str {
        &self.description
    }
    pub fn quantity(&self) -> Quantity {
        self.quantity
    }
    /// The branch ("branca specialistica"), upper case.
    pub fn branch(&self) -> &str {
        &self.branch
    }
    pub fn kind(&self) -> ServiceKind {
        self.kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_codes() {
        assert_eq!(CatalogueCode::parse(" 89.7 ").unwrap().as_str(), "89.7");
        assert_eq!(CatalogueCode::parse("88.71.4").unwrap().as_str(), "88.71.4");
        assert_eq!(CatalogueCode::parse("897a").unwrap().as_str(), "897A");
        assert_eq!(
            CatalogueCode::parse(""),
            Err(PrescriptionError::ServiceCode)
        );
        assert_eq!(
            CatalogueCode::parse("89,7"),
            Err(PrescriptionError::ServiceCode)
        );
        assert_eq!(
            CatalogueCode::parse("12345678901234567"),
            Err(PrescriptionError::ServiceCode)
        );
    }

    #[test]
    fn quantities() {
        assert!(Quantity::new(0).is_err());
        assert_eq!(Quantity::new(1).unwrap().get(), 1);
        assert_eq!(Quantity::new(99).unwrap().get(), 99);
        assert!(Quantity::new(100).is_err());
        assert!(serde_json::from_str::<Quantity>("0").is_err());
    }

    #[test]
    fn service_validation() {
        let code = CatalogueCode::parse("89.7").unwrap();
        let q = Quantity::new(1).unwrap();
        let s = PrescribedService::new(
            code.clone(),
            " Prima visita cardiologica ",
            q,
            "cardiologia",
            ServiceKind::Visit,
        )
        .unwrap();
        assert_eq!(s.branch(), "CARDIOLOGIA");
        assert_eq!(s.description(), "Prima visita cardiologica");
        assert_eq!(
            PrescribedService::new(code.clone(), " ", q, "X", ServiceKind::Visit),
            Err(PrescriptionError::ServiceDescription)
        );
        assert_eq!(
            PrescribedService::new(code, "Visita", q, "", ServiceKind::Visit),
            Err(PrescriptionError::Branch)
        );
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<PrescribedService>(&json).unwrap(), s);
        let bad = json.replace("\"quantity\":1", "\"quantity\":100");
        assert!(serde_json::from_str::<PrescribedService>(&bad).is_err());
    }
}
