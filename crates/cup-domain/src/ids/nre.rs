//! NRE — Numero di Ricetta Elettronica, the electronic prescription number (15 chars).
//!
//! Source: DOMAIN.md "NRE": `AAA BB C DDDDDDD EE` = region code (table in
//! [`Region`]), 2 alphanumerics assigned by the national system, lot id (a digit),
//! 7-digit lot code, 2-digit protocol. Seed example `0900A4262701932`. There is no public
//! check digit, so only the shape and the region are validated.

use crate::region::Region;

use super::{normalise, redact, string_newtype};

/// Why a string is not an NRE. The message never contains the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NreError {
    #[error("an NRE has 15 characters")]
    Length,
    #[error("the NRE contains a character not allowed at its position")]
    Format,
    #[error("the first three digits of the NRE are not a known region code")]
    Region,
}

impl NreError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Length => "nre_length",
            Self::Format => "nre_format",
            Self::Region => "nre_region",
        }
    }
}

/// A valid NRE (upper case, no spaces).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nre {
    value: String,
    region: Region,
}

string_newtype!(Nre, NreError);

impl Nre {
    /// Parses an NRE; lower case and spaces are accepted.
    ///
    /// # Errors
    /// [`NreError::Length`], [`NreError::Format`] (chars 1-3 and 6-15 digits, 4-5
    /// alphanumeric) or [`NreError::Region`] (unknown region code).
    pub fn parse(input: &str) -> Result<Self, NreError> {
        let s = normalise(input);
        if !s.is_ascii() {
            return Err(NreError::Format);
        }
        let b = s.as_bytes();
        if b.len() != 15 {
            return Err(NreError::Length);
        }
        let shape_ok = b.iter().enumerate().all(|(i, c)| match i {
            3 | 4 => c.is_ascii_digit() || c.is_ascii_uppercase(),
            _ => c.is_ascii_digit(),
        });
        if !shape_ok {
            return Err(NreError::Format);
        }
        let region = Region::from_code(&s[..3]).ok_or(NreError::Region)?;
        Ok(Self { value: s, region })
    }

    /// The 15 characters.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The region that issued the prescription (and whose CUP books it).
    pub fn region(&self) -> Region {
        self.region
    }

    /// Issued in Toscana (region code 090): bookable by this CUP.
    pub fn is_toscana(&self) -> bool {
        self.region == Region::Toscana
    }

    /// For logs: `090**********32` (the region code is kept: it is not identifying).
    pub fn redacted(&self) -> String {
        redact(&self.value, 3, 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_example() {
        let nre = Nre::parse("0900A4262701932").unwrap();
        assert!(nre.is_toscana());
        assert_eq!(nre.region(), Region::Toscana);
        assert_eq!(Nre::parse("090 0a4 2627019 32").unwrap(), nre);
        assert_eq!(nre.redacted(), "090**********32");
        assert_eq!(format!("{nre:?}"), "Nre(090**********32)");
    }

    #[test]
    fn other_region() {
        let nre = Nre::parse("1200A4262701932").unwrap();
        assert_eq!(nre.region(), Region::Lazio);
        assert!(!nre.is_toscana());
    }

    #[test]
    fn invalid_neighbours() {
        assert_eq!(Nre::parse("0900A426270193"), Err(NreError::Length));
        assert_eq!(Nre::parse("0900A42627019321"), Err(NreError::Length));
        assert_eq!(Nre::parse("0990A4262701932"), Err(NreError::Region));
        assert_eq!(Nre::parse("0400A4262701932"), Err(NreError::Region));
        assert_eq!(Nre::parse("09A0A4262701932"), Err(NreError::Format));
        assert_eq!(Nre::parse("0900-4262701932"), Err(NreError::Format));
        assert_eq!(Nre::parse("0900A426270193X"), Err(NreError::Format));
        assert_eq!(Nre::parse("0900AA262701932"), Err(NreError::Format));
        assert_eq!(NreError::Region.code(), "nre_region");
    }
}
