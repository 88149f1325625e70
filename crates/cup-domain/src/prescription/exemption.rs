//! Exemption codes ("codici di esenzione") written on a prescription.
//!
//! Source: DOMAIN.md "Ticket (Toscana)": E01 (age <6 or >65 with low income), E02
//! (unemployed), E03 (social pension), E04 (minimum pension >60), E90-E93 (Toscana),
//! chronic-disease codes (3 digits, e.g. `013`), rare-disease codes (`R` + letter + more
//! characters, e.g. `RF0100`). DOMAIN.md says "R + letter + 3 chars" yet its example has 4
//! after the letter, so 3 or 4 alphanumerics are accepted.
//!
//! A disease exemption reveals a health condition: `Debug` and `redacted()` hide it.

use serde::{Deserialize, Serialize};

use crate::ids::{normalise, string_newtype};

/// Why a string is not an exemption code. The message never contains the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ExemptionError {
    #[error("the exemption code has an unknown shape")]
    Format,
    #[error("the exemption code is not one of the known codes")]
    Unknown,
}

impl ExemptionError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Format => "exemption_format",
            Self::Unknown => "exemption_unknown",
        }
    }
}

/// The family an exemption belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionKind {
    /// E01-E04: age/income, unemployment, social or minimum pension.
    Income,
    /// E90-E93: Regione Toscana's own income-related codes.
    Regional,
    /// Three digits: chronic and disabling diseases.
    ChronicDisease,
    /// `R` + letter + 3-4 alphanumerics: rare diseases.
    RareDisease,
}

impl ExemptionKind {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Income => "income",
            Self::Regional => "regional",
            Self::ChronicDisease => "chronic_disease",
            Self::RareDisease => "rare_disease",
        }
    }
}

/// A valid exemption code (upper case).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Exemption {
    code: String,
    kind: ExemptionKind,
}

string_newtype!(Exemption, ExemptionError);

impl Exemption {
    /// Parses a code; lower case and spaces are accepted.
    ///
    /// # Errors
    /// [`ExemptionError::Format`] for an unknown shape, [`ExemptionError::Unknown`] for an
    /// `E` code outside E01-E04 / E90-E93 or the chronic code `000`.
    pub fn parse(input: &str) -> Result<Self, ExemptionError> {
        let s = normalise(input);
        let b = s.as_bytes();
        let all_digits = |x: &[u8]| x.iter().all(u8::is_ascii_digit);
        let kind = match b {
            [b'E', rest @ ..] if rest.len() == 2 && all_digits(rest) => match &s[1..] {
                "01" | "02" | "03" | "04" => ExemptionKind::Income,
                "90" | "91" | "92" | "93" => ExemptionKind::Regional,
                _ => return Err(ExemptionError::Unknown),
            },
            _ if b.len() == 3 && all_digits(b) => {
                if s == "000" {
                    return Err(ExemptionError::Unknown);
                }
                ExemptionKind::ChronicDisease
            }
            [b'R', letter, rest @ ..]
                if letter.is_ascii_uppercase()
                    && (3..=4).contains(&rest.len())
                    && rest
                        .iter()
                        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) =>
            {
                ExemptionKind::RareDisease
            }
            _ => return Err(ExemptionError::Format),
        };
        Ok(Self { code: s, kind })
    }

    /// Like [`Exemption::parse`], but a blank field means "no exemption" (`None`).
    ///
    /// # Errors
    /// As [`Exemption::parse`] for a non-blank input.
    pub fn parse_optional(input: &str) -> Result<Option<Self>, ExemptionError> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(input).map(Some)
        }
    }

    /// The code, e.g. `E01`, `013`, `RF0100`.
    pub fn as_str(&self) -> &str {
        &self.code
    }

    /// The family of the code.
    pub fn kind(&self) -> ExemptionKind {
        self.kind
    }

    /// For logs: fully starred (a disease code is health data).
    pub fn redacted(&self) -> String {
        "*".repeat(self.code.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes() {
        use ExemptionKind::*;
        for (code, kind) in [
            ("E01", Income),
            ("e04", Income),
            ("E90", Regional),
            ("E93", Regional),
            ("013", ChronicDisease),
            ("RF0100", RareDisease),
            ("rcg040", RareDisease),
            ("RB001", RareDisease),
        ] {
            let e = Exemption::parse(code).unwrap();
            assert_eq!(e.kind(), kind, "{code}");
            assert_eq!(e.as_str(), code.to_ascii_uppercase());
        }
    }

    #[test]
    fn invalid_neighbours() {
        use ExemptionError as E;
        for (code, err) in [
            ("E00", E::Unknown),
            ("E05", E::Unknown),
            ("E89", E::Unknown),
            ("E94", E::Unknown),
            ("000", E::Unknown),
            ("E1", E::Format),
            ("E001", E::Format),
            ("13", E::Format),
            ("0130", E::Format),
            ("R10100", E::Format),
            ("RF01", E::Format),
            ("RF01000", E::Format),
            ("RF01-0", E::Format),
            ("X01", E::Format),
            ("", E::Format),
        ] {
            assert_eq!(Exemption::parse(code), Err(err), "{code}");
        }
    }

    #[test]
    fn optional_and_redacted() {
        assert_eq!(Exemption::parse_optional("  "), Ok(None));
        let e = Exemption::parse_optional("013").unwrap().unwrap();
        assert_eq!(format!("{e:?}"), "Exemption(***)");
        assert_eq!(e.to_string(), "013");
    }
}
