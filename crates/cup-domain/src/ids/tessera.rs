//! Tessera sanitaria (TEAM card) number: 20 digits starting `80380`.
//!
//! Source: DOMAIN.md "Tessera sanitaria": `80` = health, `380` = Italy; the seed's form
//! pre-fills `8038000`. The last digit is a Luhn check over the first 19 — UNVERIFIED, so
//! it lives in [`tessera_check_digit`] alone.

use super::{digit_values, luhn, normalise, redact, string_newtype};

/// The fixed prefix of an Italian TEAM card number.
pub const TESSERA_PREFIX: &str = "80380";

/// Why a string is not a tessera sanitaria number. The message never contains the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TesseraError {
    #[error("a tessera sanitaria number has 20 digits")]
    Length,
    #[error("a tessera sanitaria number contains only digits")]
    Format,
    #[error("a tessera sanitaria number starts with 80380")]
    Prefix,
    #[error("the check digit of the tessera sanitaria number does not match")]
    CheckDigit,
}

impl TesseraError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Length => "tessera_length",
            Self::Format => "tessera_format",
            Self::Prefix => "tessera_prefix",
            Self::CheckDigit => "tessera_check_digit",
        }
    }
}

/// The check digit of a tessera sanitaria number from its first 19 digit values.
///
/// UNVERIFIED (DOMAIN.md): Luhn over the first 19 digits, as seen in a card reader's code,
/// not in an official specification. Correct it here only.
pub fn tessera_check_digit(first19: &[u8]) -> u8 {
    luhn::check_digit(first19)
}

/// A valid tessera sanitaria number (20 digits, no spaces).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TesseraSanitaria(String);

string_newtype!(TesseraSanitaria, TesseraError);

impl TesseraSanitaria {
    /// Parses a card number; spaces are accepted (the card prints groups).
    ///
    /// # Errors
    /// A [`TesseraError`] naming the first rule broken (format, length, prefix, check).
    pub fn parse(input: &str) -> Result<Self, TesseraError> {
        let s = normalise(input);
        let digits = digit_values(&s).ok_or(TesseraError::Format)?;
        if digits.len() != 20 {
            return Err(TesseraError::Length);
        }
        if !s.starts_with(TESSERA_PREFIX) {
            return Err(TesseraError::Prefix);
        }
        if tessera_check_digit(&digits[..19]) != digits[19] {
            return Err(TesseraError::CheckDigit);
        }
        Ok(Self(s))
    }

    /// Appends the check digit to 19 digits (prefix included): for generators.
    ///
    /// # Errors
    /// As [`TesseraSanitaria::parse`], with `Length` unless exactly 19 digits are given.
    pub fn compose(first19: &str) -> Result<Self, TesseraError> {
        let s = normalise(first19);
        let digits = digit_values(&s).ok_or(TesseraError::Format)?;
        if digits.len() != 19 {
            return Err(TesseraError::Length);
        }
        Self::parse(&format!("{s}{}", tessera_check_digit(&digits)))
    }

    /// The 20 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For logs: `803***************12`.
    pub fn redacted(&self) -> String {
        redact(&self.0, 3, 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_and_parse() {
        let t = TesseraSanitaria::compose("8038000123456789012").unwrap();
        assert_eq!(t.as_str().len(), 20);
        assert_eq!(TesseraSanitaria::parse(t.as_str()).unwrap(), t);
        let spaced = format!(
            "{} {} {}",
            &t.as_str()[..5],
            &t.as_str()[5..12],
            &t.as_str()[12..]
        );
        assert_eq!(TesseraSanitaria::parse(&spaced).unwrap(), t);
    }

    #[test]
    fn known_check_digit() {
        // Luhn of 8038000123456789012: computed independently = 7.
        let t = TesseraSanitaria::compose("8038000123456789012").unwrap();
        assert_eq!(t.as_str(), "80380001234567890127");
    }

    #[test]
    fn invalid_neighbours() {
        use TesseraError as E;
        assert_eq!(
            TesseraSanitaria::parse("80380001234567890120"),
            Err(E::CheckDigit)
        );
        assert_eq!(
            TesseraSanitaria::parse("8038000123456789012"),
            Err(E::Length)
        );
        assert_eq!(
            TesseraSanitaria::parse("803800012345678901290"),
            Err(E::Length)
        );
        assert_eq!(
            TesseraSanitaria::parse("80390001234567890129"),
            Err(E::Prefix)
        );
        assert_eq!(
            TesseraSanitaria::parse("8038000123456789012A"),
            Err(E::Format)
        );
        assert_eq!(TesseraSanitaria::parse(""), Err(E::Length));
        assert_eq!(TesseraSanitaria::compose("80380"), Err(E::Length));
    }

    #[test]
    fn redacted() {
        let t = TesseraSanitaria::parse("80380001234567890127").unwrap();
        assert_eq!(t.redacted(), "803***************27");
        assert!(!format!("{t:?}").contains("1234567"));
        assert_eq!(E_CODE, TesseraError::CheckDigit.code());
    }
    const E_CODE: &str = "tessera_check_digit";
}
