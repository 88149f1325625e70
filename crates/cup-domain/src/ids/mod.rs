//! Identifiers: newtypes valid by construction, with redacted `Debug`.

pub mod codice_fiscale;
pub mod cup_number;
pub(crate) mod luhn;
pub mod nre;
pub mod pagopa;
pub mod phone;
pub mod pin;
pub mod tessera;

/// Removes ASCII whitespace (spaces, tabs, newlines) and upper-cases ASCII letters.
/// Non-ASCII characters are kept, so that the caller's format check rejects them.
pub(crate) fn normalise(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Keeps the first `keep_start` and last `keep_end` characters, stars the rest.
/// If the value is too short to hide anything, everything is starred.
pub(crate) fn redact(value: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    let n = chars.len();
    if n <= keep_start + keep_end {
        return "*".repeat(n);
    }
    let mut out = String::with_capacity(n);
    out.extend(&chars[..keep_start]);
    out.extend(std::iter::repeat_n('*', n - keep_start - keep_end));
    out.extend(&chars[n - keep_end..]);
    out
}

/// `FromStr`, `TryFrom<&str>`, `TryFrom<String>`, `Display` (normalised form), redacted
/// `Debug`, `AsRef<str>` and serde as the normalised string (deserialising validates) for
/// a newtype with `fn parse(&str) -> Result<Self, E>`, `fn as_str(&self) -> &str` and
/// `fn redacted(&self) -> String`.
macro_rules! string_newtype {
    ($ty:ident, $err:ty) => {
        impl ::core::str::FromStr for $ty {
            type Err = $err;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
        impl TryFrom<&str> for $ty {
            type Error = $err;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                Self::parse(s)
            }
        }
        impl TryFrom<String> for $ty {
            type Error = $err;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }
        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "{}({})", stringify!($ty), self.redacted())
            }
        }
        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(::serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use string_newtype;

/// Parses a string of ASCII digits into their values, or `None` if any is not a digit.
pub(crate) fn digit_values(s: &str) -> Option<Vec<u8>> {
    s.bytes()
        .map(|b| b.checked_sub(b'0').filter(|d| *d <= 9))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_keeps_ends() {
        assert_eq!(redact("RSSMRA85T10A562S", 3, 2), "RSS***********2S");
        assert_eq!(redact("abc", 3, 2), "***");
        assert_eq!(redact("", 3, 2), "");
    }

    #[test]
    fn normalise_strips_whitespace_and_uppercases() {
        assert_eq!(normalise(" rss mra\t85 "), "RSSMRA85");
    }

    #[test]
    fn digit_values_rejects_bytes_below_zero() {
        assert_eq!(digit_values("!"), None);
        assert_eq!(digit_values(":"), None);
        assert_eq!(digit_values("09"), Some(vec![0, 9]));
    }
}
