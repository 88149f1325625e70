//! Priority classes, access type and kind of service.
//!
//! Source: DOMAIN.md "Priority classes (PNGLA 2019-2021)": U within 72 hours (not bookable
//! online); B within 10 days; D within 30 days (visits) / 60 days (diagnostics); P within
//! 120 days; first access only. A missing class is treated as P — UNVERIFIED for Toscana,
//! so behind [`effective_priority`] alone.

use serde::{Deserialize, Serialize};

use super::PrescriptionError;

/// Priority class written on the prescription.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Priority {
    /// Urgente: within 72 hours.
    U,
    /// Breve: within 10 days.
    B,
    /// Differibile: within 30 days (visits) / 60 days (diagnostics).
    D,
    /// Programmata: within 120 days.
    P,
}

/// First access or follow-up ("primo accesso" / "accesso successivo").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessType {
    First,
    FollowUp,
}

/// What a prescribed service is: decides the D class's wait and online bookability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    /// Specialist visit.
    Visit,
    /// Diagnostic (instrumental) exam.
    Diagnostic,
    /// Laboratory test: not bookable on the CUP (DESIGN.md: "lab tests are not bookable here").
    Laboratory,
}

/// Maximum wait of a priority class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaxWait {
    /// Counted in absolute hours (class U).
    Hours(u32),
    /// Counted in calendar days in Europe/Rome (classes B, D, P).
    Days(u32),
}

impl Priority {
    /// From the letter on the prescription (case-insensitive).
    pub fn from_letter(c: char) -> Option<Priority> {
        match c.to_ascii_uppercase() {
            'U' => Some(Self::U),
            'B' => Some(Self::B),
            'D' => Some(Self::D),
            'P' => Some(Self::P),
            _ => None,
        }
    }

    /// The letter, e.g. `'B'`.
    pub fn letter(self) -> char {
        match self {
            Self::U => 'U',
            Self::B => 'B',
            Self::D => 'D',
            Self::P => 'P',
        }
    }

    /// Stable machine code: the lower-case letter.
    pub fn code(self) -> &'static str {
        match self {
            Self::U => "u",
            Self::B => "b",
            Self::D => "d",
            Self::P => "p",
        }
    }

    /// Maximum wait (PNGLA): U 72 h; B 10 days; D 30 days for visits, 60 otherwise;
    /// P 120 days. Applies to first access only.
    pub fn max_wait(self, kind: ServiceKind) -> MaxWait {
        match (self, kind) {
            (Self::U, _) => MaxWait::Hours(72),
            (Self::B, _) => MaxWait::Days(10),
            (Self::D, ServiceKind::Visit) => MaxWait::Days(30),
            (Self::D, _) => MaxWait::Days(60),
            (Self::P, _) => MaxWait::Days(120),
        }
    }
}

impl std::fmt::Display for Priority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.letter())
    }
}

impl std::str::FromStr for Priority {
    type Err = PrescriptionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut chars = s.trim().chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Priority::from_letter(c).ok_or(PrescriptionError::PriorityLetter),
            _ => Err(PrescriptionError::PriorityLetter),
        }
    }
}

impl TryFrom<&str> for Priority {
    type Error = PrescriptionError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// The class that rules a prescription whose class field may be empty.
///
/// UNVERIFIED (DOMAIN.md): a missing class is treated as P (programmata).
pub fn effective_priority(written: Option<Priority>) -> Priority {
    written.unwrap_or(Priority::P)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!("b".parse::<Priority>(), Ok(Priority::B));
        assert_eq!(" U ".parse::<Priority>(), Ok(Priority::U));
        assert_eq!(
            "X".parse::<Priority>(),
            Err(PrescriptionError::PriorityLetter)
        );
        assert_eq!(
            "".parse::<Priority>(),
            Err(PrescriptionError::PriorityLetter)
        );
        assert_eq!(
            "BD".parse::<Priority>(),
            Err(PrescriptionError::PriorityLetter)
        );
        assert_eq!(Priority::D.to_string(), "D");
        assert_eq!(serde_json::to_string(&Priority::P).unwrap(), "\"P\"");
    }

    #[test]
    fn max_waits() {
        use ServiceKind::*;
        assert_eq!(Priority::U.max_wait(Visit), MaxWait::Hours(72));
        assert_eq!(Priority::B.max_wait(Diagnostic), MaxWait::Days(10));
        assert_eq!(Priority::D.max_wait(Visit), MaxWait::Days(30));
        assert_eq!(Priority::D.max_wait(Diagnostic), MaxWait::Days(60));
        assert_eq!(Priority::P.max_wait(Visit), MaxWait::Days(120));
    }

    #[test]
    fn missing_is_p() {
        assert_eq!(effective_priority(None), Priority::P);
        assert_eq!(effective_priority(Some(Priority::B)), Priority::B);
    }
}
