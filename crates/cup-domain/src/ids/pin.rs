//! Call-centre PIN, used to retrieve a booking.
//!
//! The real CUP PIN format is not public (DOMAIN.md says nothing of it); this is our own:
//! 8 digits, the last a Luhn check digit over the first 7, so typing errors are caught
//! before a look-up is spent against the throttle.

use super::{digit_values, luhn, normalise, string_newtype};

/// Why a string is not a PIN. The message never contains the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("a PIN has 8 digits")]
    Length,
    #[error("a PIN contains only digits")]
    Format,
    #[error("the PIN is mistyped")]
    Check,
}

impl PinError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Length => "pin_length",
            Self::Format => "pin_format",
            Self::Check => "pin_check",
        }
    }
}

/// A call-centre PIN (8 digits, Luhn-checked). `Debug` and `redacted()` hide it entirely.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Pin(String);

string_newtype!(Pin, PinError);

impl Pin {
    /// Parses 8 digits; spaces are accepted.
    ///
    /// # Errors
    /// [`PinError::Format`], [`PinError::Length`] or [`PinError::Check`].
    pub fn parse(input: &str) -> Result<Self, PinError> {
        let s = normalise(input);
        let digits = digit_values(&s).ok_or(PinError::Format)?;
        if digits.len() != 8 {
            return Err(PinError::Length);
        }
        if luhn::check_digit(&digits[..7]) != digits[7] {
            return Err(PinError::Check);
        }
        Ok(Self(s))
    }

    /// Appends the check digit to 7 digits (the server draws them at random).
    ///
    /// # Errors
    /// [`PinError::Format`] or [`PinError::Length`] unless exactly 7 digits.
    pub fn compose(first7: &str) -> Result<Self, PinError> {
        let s = normalise(first7);
        let digits = digit_values(&s).ok_or(PinError::Format)?;
        if digits.len() != 7 {
            return Err(PinError::Length);
        }
        Self::parse(&format!("{s}{}", luhn::check_digit(&digits)))
    }

    /// The 8 digits (show to the citizen once; never log).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A PIN is a secret: fully starred.
    pub fn redacted(&self) -> String {
        "*".repeat(self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_and_parse() {
        let pin = Pin::compose("1234567").unwrap();
        // Luhn of 1234567 = 4.
        assert_eq!(pin.as_str(), "12345674");
        assert_eq!(Pin::parse("1234 5674").unwrap(), pin);
        assert_eq!(format!("{pin:?}"), "Pin(********)");
    }

    #[test]
    fn invalid_neighbours() {
        assert_eq!(Pin::parse("12345675"), Err(PinError::Check));
        assert_eq!(Pin::parse("1234567"), Err(PinError::Length));
        assert_eq!(Pin::parse("123456745"), Err(PinError::Length));
        assert_eq!(Pin::parse("1234567a"), Err(PinError::Format));
        assert_eq!(Pin::compose("123456"), Err(PinError::Length));
    }
}
