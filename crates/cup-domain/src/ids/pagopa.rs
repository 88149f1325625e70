//! pagoPA payment notice ("avviso di pagamento").
//!
//! Source: DOMAIN.md "pagoPA payment notice": notice number (codice avviso) = 18 digits,
//! `3` (aux digit) + segregation code (2) + base (13) + check (2); the IUV is the 17 digits
//! after the aux digit; check = (`3` || segregation || base) mod 93, two digits zero-padded.
//! Verified example `300715700000000032`. Printed in groups of 4. QR payload
//! `PAGOPA|002|<notice 18>|<creditor fiscal code 11>|<amount in cents>`.

use crate::money::Money;

use super::{digit_values, normalise, redact, string_newtype};

/// Why a pagoPA value is not valid. The message never contains the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PagoPaError {
    #[error("a pagoPA notice number has 18 digits")]
    NoticeLength,
    #[error("a pagoPA notice number contains only digits")]
    NoticeFormat,
    #[error("a pagoPA notice number starts with the aux digit 3")]
    NoticeAuxDigit,
    #[error("the check digits of the pagoPA notice number do not match")]
    NoticeCheck,
    #[error("the segregation code has 2 digits (0..=99)")]
    Segregation,
    #[error("the IUV base has at most 13 digits")]
    Base,
    #[error("a creditor fiscal code has 11 digits")]
    CreditorFiscalCode,
}

impl PagoPaError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoticeLength => "notice_length",
            Self::NoticeFormat => "notice_format",
            Self::NoticeAuxDigit => "notice_aux_digit",
            Self::NoticeCheck => "notice_check",
            Self::Segregation => "notice_segregation",
            Self::Base => "notice_base",
            Self::CreditorFiscalCode => "creditor_fiscal_code",
        }
    }
}

/// The two check digits over the first 16 digits (`3` + segregation + base): mod 93.
fn notice_check(first16: &str) -> Option<u64> {
    first16.parse::<u64>().ok().map(|n| n % 93)
}

/// A pagoPA notice number with aux digit 3 (18 digits).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoticeNumber(String);

string_newtype!(NoticeNumber, PagoPaError);

impl NoticeNumber {
    /// Parses 18 digits; spaces are accepted (the printed form groups by 4).
    ///
    /// # Errors
    /// A [`PagoPaError`] `Notice*` variant naming the first rule broken.
    pub fn parse(input: &str) -> Result<Self, PagoPaError> {
        let s = normalise(input);
        digit_values(&s).ok_or(PagoPaError::NoticeFormat)?;
        if s.len() != 18 {
            return Err(PagoPaError::NoticeLength);
        }
        if !s.starts_with('3') {
            return Err(PagoPaError::NoticeAuxDigit);
        }
        let expected = notice_check(&s[..16]).ok_or(PagoPaError::NoticeFormat)?;
        if s[16..].parse::<u64>().ok() != Some(expected) {
            return Err(PagoPaError::NoticeCheck);
        }
        Ok(Self(s))
    }

    /// Builds a notice number from a segregation code (0..=99) and a base (< 10^13),
    /// computing the check digits.
    ///
    /// # Errors
    /// [`PagoPaError::Segregation`] or [`PagoPaError::Base`] when out of range.
    pub fn compose(segregation: u8, base: u64) -> Result<Self, PagoPaError> {
        if segregation > 99 {
            return Err(PagoPaError::Segregation);
        }
        if base >= 10_u64.pow(13) {
            return Err(PagoPaError::Base);
        }
        let first16 = format!("3{segregation:02}{base:013}");
        let check = notice_check(&first16).ok_or(PagoPaError::Base)?;
        Self::parse(&format!("{first16}{check:02}"))
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The IUV: the 17 digits after the aux digit.
    pub fn iuv(&self) -> &str {
        &self.0[1..]
    }

    /// The segregation code (digits 2-3).
    pub fn segregation_code(&self) -> u8 {
        self.0[1..3].parse().unwrap_or(0)
    }

    /// As printed on the notice: groups of 4, e.g. `3007 1570 0000 0000 32`.
    pub fn grouped(&self) -> String {
        let b = self.0.as_bytes();
        b.chunks(4)
            .map(|c| c.iter().map(|&x| char::from(x)).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// For logs: `300*************32`.
    pub fn redacted(&self) -> String {
        redact(&self.0, 3, 2)
    }
}

/// The creditor's fiscal code (codice fiscale of the body, 11 digits), e.g. the ASL's.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditorFiscalCode(String);

string_newtype!(CreditorFiscalCode, PagoPaError);

impl CreditorFiscalCode {
    /// Parses 11 digits; spaces accepted. (No check digit is verified.)
    ///
    /// # Errors
    /// [`PagoPaError::CreditorFiscalCode`] unless exactly 11 digits.
    pub fn parse(input: &str) -> Result<Self, PagoPaError> {
        let s = normalise(input);
        if s.len() == 11 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(s))
        } else {
            Err(PagoPaError::CreditorFiscalCode)
        }
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A public body's code is not personal data: shown in full.
    pub fn redacted(&self) -> String {
        self.0.clone()
    }
}

/// The QR code payload of a pagoPA notice:
/// `PAGOPA|002|<notice 18>|<creditor fiscal code 11>|<amount in cents>`
/// (encode as ISO 18004, error correction level M).
pub fn pagopa_qr_payload(
    notice: &NoticeNumber,
    creditor: &CreditorFiscalCode,
    amount: Money,
) -> String {
    format!(
        "PAGOPA|002|{}|{}|{}",
        notice.as_str(),
        creditor.as_str(),
        amount.cents()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verified_example() {
        let n = NoticeNumber::parse("300715700000000032").unwrap();
        assert_eq!(n.iuv(), "00715700000000032");
        assert_eq!(n.segregation_code(), 0);
        assert_eq!(n.grouped(), "3007 1570 0000 0000 32");
        assert_eq!(NoticeNumber::parse("3007 1570 0000 0000 32").unwrap(), n);
        assert_eq!(NoticeNumber::compose(0, 7_157_000_000_000).unwrap(), n);
    }

    #[test]
    fn compose_pads_check() {
        // 3 01 0000000000000 -> 3010000000000000 mod 93 must be zero-padded when < 10.
        for base in 0..200 {
            let n = NoticeNumber::compose(1, base).unwrap();
            assert_eq!(n.as_str().len(), 18);
            assert_eq!(n.segregation_code(), 1);
        }
        assert_eq!(NoticeNumber::compose(100, 0), Err(PagoPaError::Segregation));
        assert_eq!(
            NoticeNumber::compose(0, 10_000_000_000_000),
            Err(PagoPaError::Base)
        );
    }

    #[test]
    fn invalid_neighbours() {
        use PagoPaError as E;
        assert_eq!(
            NoticeNumber::parse("300715700000000033"),
            Err(E::NoticeCheck)
        );
        assert_eq!(
            NoticeNumber::parse("30071570000000003"),
            Err(E::NoticeLength)
        );
        assert_eq!(
            NoticeNumber::parse("3007157000000000320"),
            Err(E::NoticeLength)
        );
        assert_eq!(
            NoticeNumber::parse("000715700000000032"),
            Err(E::NoticeAuxDigit)
        );
        assert_eq!(
            NoticeNumber::parse("30071570000000003A"),
            Err(E::NoticeFormat)
        );
    }

    #[test]
    fn qr_payload() {
        let n = NoticeNumber::parse("300715700000000032").unwrap();
        let cf = CreditorFiscalCode::parse("01234567890").unwrap();
        assert_eq!(
            pagopa_qr_payload(&n, &cf, Money::from_cents(3800)),
            "PAGOPA|002|300715700000000032|01234567890|3800"
        );
        assert_eq!(
            CreditorFiscalCode::parse("0123456789"),
            Err(PagoPaError::CreditorFiscalCode)
        );
    }
}
