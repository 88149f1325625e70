//! Italian phone number (for SMS confirmations), normalised to E.164 `+39...`.
//!
//! Source: the seed shows numbers typed as `348/7147380` and `055890209`. Italian numbering
//! plan: mobile numbers start with `3` and have 9-10 national digits; landline numbers start
//! with `0` (the area code's 0 is kept after +39) and have 6-11 national digits.
//! Accepted decorations: a `+39` or `0039` prefix, spaces, dashes, slashes, dots, brackets.

use super::{redact, string_newtype};

/// Why a string is not an Italian phone number. The message never contains the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("a phone number contains only digits, an optional +39 and separators")]
    Format,
    #[error("only Italian phone numbers (+39) are accepted")]
    Country,
    #[error("an Italian phone number starts with 3 (mobile) or 0 (landline)")]
    Prefix,
    #[error("the phone number has too few or too many digits")]
    Length,
}

impl PhoneError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Format => "phone_format",
            Self::Country => "phone_country",
            Self::Prefix => "phone_prefix",
            Self::Length => "phone_length",
        }
    }
}

/// An Italian mobile or landline number in E.164 form (`+39` + national number).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneNumber(String);

string_newtype!(PhoneNumber, PhoneError);

impl PhoneNumber {
    /// Parses and normalises to E.164.
    ///
    /// # Errors
    /// A [`PhoneError`] naming the first rule broken.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && !matches!(c, '-' | '/' | '.' | '(' | ')'))
            .collect();
        let national = if let Some(rest) = compact.strip_prefix("+39") {
            rest
        } else if let Some(rest) = compact.strip_prefix("0039") {
            rest
        } else if compact.starts_with('+') || compact.starts_with("00") {
            return Err(PhoneError::Country);
        } else {
            compact.as_str()
        };
        if national.is_empty() || !national.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PhoneError::Format);
        }
        let len = national.len();
        let ok_len = match national.as_bytes()[0] {
            b'3' => (9..=10).contains(&len),
            b'0' if !national.starts_with("00") => (6..=11).contains(&len),
            _ => return Err(PhoneError::Prefix),
        };
        if !ok_len {
            return Err(PhoneError::Length);
        }
        Ok(Self(format!("+39{national}")))
    }

    /// The E.164 form, e.g. `+393487147380`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The national number without `+39`, e.g. `3487147380`.
    pub fn national(&self) -> &str {
        &self.0[3..]
    }

    /// A mobile number (national number starting with 3): can receive SMS.
    pub fn is_mobile(&self) -> bool {
        self.national().starts_with('3')
    }

    /// For logs: `+39********80`.
    pub fn redacted(&self) -> String {
        redact(&self.0, 3, 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_examples() {
        let m = PhoneNumber::parse("348/7147380").unwrap();
        assert_eq!(m.as_str(), "+393487147380");
        assert!(m.is_mobile());
        let l = PhoneNumber::parse("055890209").unwrap();
        assert_eq!(l.as_str(), "+39055890209");
        assert!(!l.is_mobile());
        assert_eq!(l.national(), "055890209");
    }

    #[test]
    fn decorations() {
        let expected = "+393487147380";
        for input in [
            "+39 348 714 7380",
            "0039 348-714-7380",
            "(+39) 348.714.7380",
            "348 7147380",
            "+393487147380",
        ] {
            assert_eq!(
                PhoneNumber::parse(input).unwrap().as_str(),
                expected,
                "{input}"
            );
        }
        assert_eq!(
            PhoneNumber::parse("(055) 890209").unwrap().as_str(),
            "+39055890209"
        );
    }

    #[test]
    fn invalid_neighbours() {
        use PhoneError as E;
        assert_eq!(PhoneNumber::parse("+41 44 668 1800"), Err(E::Country));
        assert_eq!(PhoneNumber::parse("0041446681800"), Err(E::Country));
        assert_eq!(PhoneNumber::parse("34871473"), Err(E::Length));
        assert_eq!(PhoneNumber::parse("34871473801"), Err(E::Length));
        assert_eq!(PhoneNumber::parse("05589"), Err(E::Length));
        assert_eq!(PhoneNumber::parse("055890209012"), Err(E::Length));
        assert_eq!(PhoneNumber::parse("8001234567"), Err(E::Prefix));
        assert_eq!(PhoneNumber::parse("348714738O"), Err(E::Format));
        assert_eq!(PhoneNumber::parse(""), Err(E::Format));
        assert_eq!(PhoneNumber::parse("+39"), Err(E::Format));
    }

    #[test]
    fn redacted_debug() {
        let m = PhoneNumber::parse("3487147380").unwrap();
        assert_eq!(m.redacted(), "+39********80");
        assert_eq!(format!("{m:?}"), "PhoneNumber(+39********80)");
    }
}
