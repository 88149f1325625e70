//! CUP booking number ("numero di prenotazione"): 12 digits. Seed example `202314155328`.
//! Source: DOMAIN.md / the seed's success screen. No public check digit.

use super::{normalise, redact, string_newtype};

/// Why a string is not a CUP booking number. The message never contains the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CupNumberError {
    #[error("a CUP booking number has 12 digits")]
    Length,
    #[error("a CUP booking number contains only digits")]
    Format,
}

impl CupNumberError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Length => "cup_number_length",
            Self::Format => "cup_number_format",
        }
    }
}

/// A CUP booking number (12 digits).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CupNumber(String);

string_newtype!(CupNumber, CupNumberError);

impl CupNumber {
    /// Parses 12 digits; spaces are accepted.
    ///
    /// # Errors
    /// [`CupNumberError::Format`] for a non-digit, [`CupNumberError::Length`] otherwise.
    pub fn parse(input: &str) -> Result<Self, CupNumberError> {
        let s = normalise(input);
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CupNumberError::Format);
        }
        if s.len() != 12 {
            return Err(CupNumberError::Length);
        }
        Ok(Self(s))
    }

    /// Builds a number from an integer below 10^12, zero-padded (for the server's sequence).
    ///
    /// # Errors
    /// [`CupNumberError::Length`] for values of 13 digits or more.
    pub fn from_u64(n: u64) -> Result<Self, CupNumberError> {
        Self::parse(&format!("{n:012}"))
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For logs: `202*******28`.
    pub fn redacted(&self) -> String {
        redact(&self.0, 3, 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_example() {
        let n = CupNumber::parse("202314155328").unwrap();
        assert_eq!(n.to_string(), "202314155328");
        assert_eq!(n.redacted(), "202*******28");
        assert_eq!(CupNumber::from_u64(42).unwrap().as_str(), "000000000042");
    }

    #[test]
    fn invalid_neighbours() {
        assert_eq!(CupNumber::parse("20231415532"), Err(CupNumberError::Length));
        assert_eq!(
            CupNumber::parse("2023141553280"),
            Err(CupNumberError::Length)
        );
        assert_eq!(
            CupNumber::parse("20231415532A"),
            Err(CupNumberError::Format)
        );
        assert_eq!(
            CupNumber::from_u64(1_000_000_000_000),
            Err(CupNumberError::Length)
        );
    }
}
