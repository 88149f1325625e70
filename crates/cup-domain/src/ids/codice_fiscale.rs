//! Codice fiscale of a natural person (16 characters).
//!
//! Source: DOMAIN.md "Codice fiscale" (Agenzia delle Entrate, "attribuzione del codice
//! fiscale"; python-codicefiscale as an oracle; HL7 Italia invariant pat-id-cf-1).
//! Layout `SSS NNN YY M DD LLLL C`: surname (3 letters), name (3 letters), year (2), month
//! letter, day (+40 for women), Belfiore code of the birth place (letter + 3 digits, `Z`
//! for a foreign country), check character.
//!
//! Omocodia: the digits at 0-based indices 6, 7, 9, 10, 12, 13, 14 may be replaced by the
//! letters `L M N P Q R S T U V` (for 0..9). The Agenzia replaces them right to left; like
//! python-codicefiscale we accept any combination, decode before reading date and place,
//! and compute the check character on the string as written (substituted).
//!
//! A codice fiscale is computable from public data: an identifier, never a secret. It is
//! still personal data, hence the redacted `Debug`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{normalise, redact, string_newtype};

/// Why a string is not a codice fiscale. The message never contains the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodiceFiscaleError {
    #[error("a codice fiscale has 16 characters")]
    Length,
    #[error("the codice fiscale contains a character not allowed at its position")]
    Format,
    #[error("the month letter of the codice fiscale is not valid")]
    Month,
    #[error("the day of birth of the codice fiscale is not valid")]
    Day,
    #[error("the birth date of the codice fiscale does not exist")]
    Date,
    #[error("the check character of the codice fiscale does not match")]
    CheckChar,
    #[error("the surname code must be 3 letters")]
    SurnameCode,
    #[error("the name code must be 3 letters")]
    NameCode,
    #[error("the birth place code must be a letter and 3 digits")]
    Belfiore,
}

impl CodiceFiscaleError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Length => "cf_length",
            Self::Format => "cf_format",
            Self::Month => "cf_month",
            Self::Day => "cf_day",
            Self::Date => "cf_date",
            Self::CheckChar => "cf_check_char",
            Self::SurnameCode => "cf_surname_code",
            Self::NameCode => "cf_name_code",
            Self::Belfiore => "cf_belfiore",
        }
    }
}

/// Sex as encoded in the codice fiscale (day of birth + 40 for women).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// A valid, normalised (upper-case, no spaces) codice fiscale.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodiceFiscale(String);

string_newtype!(CodiceFiscale, CodiceFiscaleError);

/// Month letters, January..December.
const MONTHS: &[u8; 12] = b"ABCDEHLMPRST";
/// Omocodia substitution letters for the digits 0..9.
const OMOCODIA: &[u8; 10] = b"LMNPQRSTUV";
/// 0-based indices where a digit (or its omocodia letter) stands.
const DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];
/// Values of characters at 1-based odd positions, indexed by `A..Z` (and `0..9` = `A..J`).
const ODD_VALUES: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// Value of one character in the check sum; `odd` is for 1-based odd positions.
fn char_value(c: u8, odd: bool) -> Option<u32> {
    let index = match c {
        b'0'..=b'9' => usize::from(c - b'0'),
        b'A'..=b'Z' => usize::from(c - b'A'),
        _ => return None,
    };
    Some(if odd { ODD_VALUES[index] } else { index as u32 })
}

/// The check character for the first 15 characters of a codice fiscale (omocodia letters
/// included as written). Lower case and spaces are accepted, as in [`CodiceFiscale::parse`].
///
/// # Errors
/// [`CodiceFiscaleError::Length`] unless there are exactly 15 characters,
/// [`CodiceFiscaleError::Format`] for a character that is not `A-Z` or `0-9`.
pub fn check_char(first15: &str) -> Result<char, CodiceFiscaleError> {
    let s = normalise(first15);
    if s.chars().count() != 15 {
        return Err(CodiceFiscaleError::Length);
    }
    check_char_bytes(s.as_bytes()).ok_or(CodiceFiscaleError::Format)
}

fn check_char_bytes(first15: &[u8]) -> Option<char> {
    let mut sum = 0u32;
    for (i, &c) in first15.iter().enumerate() {
        // index i is 0-based: 1-based odd positions are even i.
        sum += char_value(c, i % 2 == 0)?;
    }
    Some(char::from(b'A' + (sum % 26) as u8))
}

/// Decodes a digit position: a digit or its omocodia letter, to the digit value.
fn decode_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        _ => OMOCODIA.iter().position(|&l| l == c).map(|p| p as u8),
    }
}

fn is_digit_position(i: usize) -> bool {
    DIGIT_POSITIONS.contains(&i)
}

/// Whether the 2-digit-year date exists in at least one century (1900s or 2000s): only
/// 29 February of year `00` differs (1900 is not a leap year, 2000 is).
fn date_exists(yy: u8, month: u32, day: u32) -> bool {
    [1900, 2000]
        .iter()
        .any(|c| NaiveDate::from_ymd_opt(c + i32::from(yy), month, day).is_some())
}

impl CodiceFiscale {
    /// Parses and validates: shape, month letter, day, existing date, check character.
    ///
    /// # Errors
    /// A [`CodiceFiscaleError`] naming the first rule broken (never the value).
    pub fn parse(input: &str) -> Result<Self, CodiceFiscaleError> {
        let s = normalise(input);
        if !s.is_ascii() {
            return Err(CodiceFiscaleError::Format);
        }
        let b = s.as_bytes();
        if b.len() != 16 {
            return Err(CodiceFiscaleError::Length);
        }
        for (i, &c) in b.iter().enumerate() {
            let ok = if is_digit_position(i) {
                decode_digit(c).is_some()
            } else {
                c.is_ascii_uppercase()
            };
            if !ok {
                return Err(CodiceFiscaleError::Format);
            }
        }
        let cf = Self(s);
        let month = cf.month_index().ok_or(CodiceFiscaleError::Month)?;
        let day = cf.day_of_month();
        if !(1..=31).contains(&day) {
            return Err(CodiceFiscaleError::Day);
        }
        if !date_exists(cf.year_two_digits(), month, day) {
            return Err(CodiceFiscaleError::Date);
        }
        if check_char_bytes(&cf.0.as_bytes()[..15]) != Some(char::from(cf.0.as_bytes()[15])) {
            return Err(CodiceFiscaleError::CheckChar);
        }
        Ok(cf)
    }

    /// Builds a codice fiscale from its parts and computes the check character: for
    /// generators of synthetic citizens. `surname_code` and `name_code` are the 3-letter
    /// codes (already derived from the names), `belfiore` the birth place code (`Z` + 3
    /// digits for a foreign country). Only the last two digits of the year are encoded.
    ///
    /// # Errors
    /// [`CodiceFiscaleError::SurnameCode`], [`CodiceFiscaleError::NameCode`] or
    /// [`CodiceFiscaleError::Belfiore`] for a malformed part.
    pub fn compose(
        surname_code: &str,
        name_code: &str,
        birth: NaiveDate,
        sex: Sex,
        belfiore: &str,
    ) -> Result<Self, CodiceFiscaleError> {
        let three_letters = |s: &str| {
            let s = normalise(s);
            (s.len() == 3 && s.bytes().all(|c| c.is_ascii_uppercase())).then_some(s)
        };
        let surname = three_letters(surname_code).ok_or(CodiceFiscaleError::SurnameCode)?;
        let name = three_letters(name_code).ok_or(CodiceFiscaleError::NameCode)?;
        let place = normalise(belfiore);
        let pb = place.as_bytes();
        if pb.len() != 4 || !pb[0].is_ascii_uppercase() || !pb[1..].iter().all(u8::is_ascii_digit) {
            return Err(CodiceFiscaleError::Belfiore);
        }
        let month_letter = char::from(MONTHS[birth.month0() as usize]);
        let day = birth.day() + if sex == Sex::Female { 40 } else { 0 };
        let first15 = format!(
            "{surname}{name}{:02}{month_letter}{day:02}{place}",
            birth.year().rem_euclid(100)
        );
        let check = check_char(&first15)?;
        Self::parse(&format!("{first15}{check}"))
    }

    /// The same code with omocodia substitutions: bit `i` of `mask` (0..7) replaces the
    /// `i`-th digit position counted from the right (bit 0 = index 14). Positions already
    /// substituted stay so. The check character is recomputed. For generators and tests.
    #[must_use]
    pub fn with_omocodia_mask(&self, mask: u8) -> Self {
        let mut b = self.0.as_bytes().to_vec();
        for (bit, &pos) in DIGIT_POSITIONS.iter().rev().enumerate() {
            if mask & (1 << bit) != 0 && b[pos].is_ascii_digit() {
                b[pos] = OMOCODIA[usize::from(b[pos] - b'0')];
            }
        }
        Self::rebuild(b).unwrap_or_else(|| self.clone())
    }

    /// The same code with the rightmost `level` (0..=7) digit positions substituted, as the
    /// Agenzia delle Entrate does for the `level`-th homocode.
    #[must_use]
    pub fn with_omocodia(&self, level: u8) -> Self {
        let level = level.min(7);
        self.with_omocodia_mask(((1u16 << level) - 1) as u8)
    }

    /// The base form: omocodia letters decoded back to digits, check character recomputed.
    #[must_use]
    pub fn canonical(&self) -> Self {
        let mut b = self.0.as_bytes().to_vec();
        for &pos in &DIGIT_POSITIONS {
            if let Some(d) = decode_digit(b[pos]) {
                b[pos] = b'0' + d;
            }
        }
        Self::rebuild(b).unwrap_or_else(|| self.clone())
    }

    /// Whether any digit position holds an omocodia letter.
    pub fn is_omocode(&self) -> bool {
        DIGIT_POSITIONS
            .iter()
            .any(|&p| !self.0.as_bytes()[p].is_ascii_digit())
    }

    /// Whether two codes denote the same base code (one may be an omocode of the other).
    pub fn same_base_as(&self, other: &Self) -> bool {
        self.canonical() == other.canonical()
    }

    /// Replaces the check character of a 16-byte buffer and re-validates.
    fn rebuild(mut b: Vec<u8>) -> Option<Self> {
        let check = check_char_bytes(&b[..15])?;
        b[15] = check as u8;
        Self::parse(&String::from_utf8(b).ok()?).ok()
    }

    /// The normalised code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For logs: first 3 and last 2 characters, e.g. `RSS***********2S`.
    pub fn redacted(&self) -> String {
        redact(&self.0, 3, 2)
    }

    fn decoded_at(&self, pos: usize) -> u8 {
        // Valid by construction: digit positions decode.
        decode_digit(self.0.as_bytes()[pos]).unwrap_or(0)
    }

    /// 0-based month, `None` for a letter outside `ABCDEHLMPRST`.
    fn month_index(&self) -> Option<u32> {
        let letter = self.0.as_bytes()[8];
        MONTHS
            .iter()
            .position(|&m| m == letter)
            .map(|p| p as u32 + 1)
    }

    fn raw_day(&self) -> u32 {
        u32::from(self.decoded_at(9)) * 10 + u32::from(self.decoded_at(10))
    }

    fn day_of_month(&self) -> u32 {
        let d = self.raw_day();
        if d > 40 { d - 40 } else { d }
    }

    /// The two year digits (decoded).
    pub fn year_two_digits(&self) -> u8 {
        self.decoded_at(6) * 10 + self.decoded_at(7)
    }

    /// Birth month, 1..=12.
    pub fn birth_month(&self) -> u32 {
        self.month_index().unwrap_or(1)
    }

    /// Day of the month of birth, 1..=31.
    pub fn birth_day(&self) -> u32 {
        self.day_of_month()
    }

    /// Sex: female when the encoded day is above 40.
    pub fn sex(&self) -> Sex {
        if self.raw_day() > 40 {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// Birth date. The code holds only two year digits, so the century is chosen relative
    /// to `today` (passed in: this crate reads no clock): the most recent year `19yy` or
    /// `20yy` whose date is not after `today`. Example: `85` gives 1985; `25` gives 2025
    /// when `today` is after that birthday, else 1925. (Only if neither candidate works —
    /// 29 February `00` before 29 Feb 2000 — the existing 2000 date is returned.)
    pub fn birth_date_with_pivot(&self, today: NaiveDate) -> NaiveDate {
        let yy = i32::from(self.year_two_digits());
        let (m, d) = (self.birth_month(), self.birth_day());
        let recent = NaiveDate::from_ymd_opt(2000 + yy, m, d);
        let older = NaiveDate::from_ymd_opt(1900 + yy, m, d);
        match (recent, older) {
            (Some(r), _) if r <= today => r,
            (_, Some(o)) => o,
            (Some(r), None) => r,
            // Unreachable for a parsed code (the date exists in one century).
            (None, None) => NaiveDate::MIN,
        }
    }

    /// Belfiore code of the birth place, decoded (letter + 3 digits), e.g. `A562`.
    pub fn birth_place_code(&self) -> String {
        let b = self.0.as_bytes();
        format!(
            "{}{}{}{}",
            char::from(b[11]),
            self.decoded_at(12),
            self.decoded_at(13),
            self.decoded_at(14)
        )
    }

    /// Born abroad: the Belfiore code starts with `Z` (a foreign country).
    pub fn is_foreign_born(&self) -> bool {
        self.0.as_bytes()[11] == b'Z'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn worked_examples_parse() {
        let today = d(2024, 4, 24);
        let cf = CodiceFiscale::parse("RSSMRA85T10A562S").unwrap();
        assert_eq!(cf.birth_date_with_pivot(today), d(1985, 12, 10));
        assert_eq!(cf.sex(), Sex::Male);
        assert_eq!(cf.birth_place_code(), "A562");
        assert!(!cf.is_foreign_born());

        let cf = CodiceFiscale::parse("BSCMTT83A12L719R").unwrap();
        assert_eq!(cf.birth_date_with_pivot(today), d(1983, 1, 12));
        assert_eq!(cf.birth_place_code(), "L719");

        let cf = CodiceFiscale::parse("MRTMTT25D09F205Z").unwrap();
        assert_eq!(cf.birth_date_with_pivot(today), d(1925, 4, 9));
        assert_eq!(cf.birth_date_with_pivot(d(2026, 1, 1)), d(2025, 4, 9));
        assert_eq!(cf.birth_place_code(), "F205");
    }

    #[test]
    fn check_char_of_examples() {
        assert_eq!(check_char("RSSMRA85T10A562"), Ok('S'));
        assert_eq!(check_char("bscmtt83a12l719"), Ok('R'));
        assert_eq!(check_char("MRTMTT25D09F205"), Ok('Z'));
        assert_eq!(
            check_char("MRTMTT25D09F20"),
            Err(CodiceFiscaleError::Length)
        );
        assert_eq!(
            check_char("MRTMTT25D09F20-"),
            Err(CodiceFiscaleError::Format)
        );
    }

    #[test]
    fn normalises_case_and_spaces() {
        let cf = CodiceFiscale::parse(" rssmra 85t10\ta562s ").unwrap();
        assert_eq!(cf.as_str(), "RSSMRA85T10A562S");
        assert_eq!(cf.to_string(), "RSSMRA85T10A562S");
    }

    #[test]
    fn invalid_neighbours() {
        use CodiceFiscaleError as E;
        let cases = [
            ("RSSMRA85T10A562T", E::CheckChar),
            ("RSSMRA85T10A562", E::Length),
            ("RSSMRA85T10A562SS", E::Length),
            ("", E::Length),
            ("RSSMRA85F10A562S", E::Month), // F is not a month letter
            ("RSSMRA85T00A562S", E::Day),   // day 0
            ("RSSMRA85T32A562S", E::Day),   // day 32
            ("RSSMRA85T40A562S", E::Day),   // day 40
            ("RSSMRA85T72A562S", E::Day),   // day 72 (women: 41..=71)
            ("RSSMRA85B31A562S", E::Date),  // 31 February
            ("RSSMRA85B71A562S", E::Date),  // 31 February, female
            ("RSSMRA85D31A562S", E::Date),  // 31 April
            ("RSSMRA85B29A562S", E::Date),  // 29 February 1985/2085
            ("RSSMRA8AT10A562S", E::Format),
            ("RSSMR185T10A562S", E::Format),
            ("RSSMRA85T10A56WS", E::Format),
            ("RSSMRA85T10A562é", E::Format),
            ("RSSMRA85T1-A562S", E::Format),
        ];
        for (input, expected) in cases {
            assert_eq!(CodiceFiscale::parse(input), Err(expected), "{input}");
        }
    }

    #[test]
    fn leap_day_of_year_00_exists_in_2000() {
        let cf = CodiceFiscale::compose("RSS", "MRA", d(2000, 2, 29), Sex::Male, "H501").unwrap();
        assert_eq!(cf.birth_date_with_pivot(d(2024, 1, 1)), d(2000, 2, 29));
        // Before 29 Feb 2000 only the 2000 date exists.
        assert_eq!(cf.birth_date_with_pivot(d(1999, 1, 1)), d(2000, 2, 29));
        assert!(CodiceFiscale::compose("RSS", "MRA", d(1904, 2, 29), Sex::Male, "H501").is_ok());
    }

    #[test]
    fn compose_reproduces_examples() {
        let cf = CodiceFiscale::compose("RSS", "MRA", d(1985, 12, 10), Sex::Male, "A562").unwrap();
        assert_eq!(cf.as_str(), "RSSMRA85T10A562S");
        let f = CodiceFiscale::compose("bnc", "lra", d(1990, 6, 1), Sex::Female, "z404").unwrap();
        assert_eq!(f.sex(), Sex::Female);
        assert_eq!(f.birth_day(), 1);
        assert!(f.is_foreign_born());
        assert_eq!(f.birth_place_code(), "Z404");
        assert_eq!(
            CodiceFiscale::compose("RS", "MRA", d(1985, 1, 1), Sex::Male, "A562"),
            Err(CodiceFiscaleError::SurnameCode)
        );
        assert_eq!(
            CodiceFiscale::compose("RSS", "MR1", d(1985, 1, 1), Sex::Male, "A562"),
            Err(CodiceFiscaleError::NameCode)
        );
        assert_eq!(
            CodiceFiscale::compose("RSS", "MRA", d(1985, 1, 1), Sex::Male, "AA62"),
            Err(CodiceFiscaleError::Belfiore)
        );
    }

    #[test]
    fn omocodia_decodes_before_reading() {
        let base = CodiceFiscale::parse("RSSMRA85T10A562S").unwrap();
        for level in 0..=7 {
            let o = base.with_omocodia(level);
            assert_eq!(o.is_omocode(), level > 0);
            let reparsed = CodiceFiscale::parse(o.as_str()).unwrap();
            assert_eq!(
                reparsed.birth_date_with_pivot(d(2024, 1, 1)),
                d(1985, 12, 10)
            );
            assert_eq!(reparsed.birth_place_code(), "A562");
            assert_eq!(reparsed.sex(), Sex::Male);
            assert!(reparsed.same_base_as(&base));
            assert_eq!(reparsed.canonical(), base);
        }
        // Fully substituted form, computed by hand: 8->U 5->R 1->M 0->L 5->R 6->S 2->N.
        assert_eq!(base.with_omocodia(7).as_str()[..15], *"RSSMRAURTMLARSN");
    }

    #[test]
    fn redacted_debug() {
        let cf = CodiceFiscale::parse("RSSMRA85T10A562S").unwrap();
        assert_eq!(cf.redacted(), "RSS***********2S");
        assert_eq!(format!("{cf:?}"), "CodiceFiscale(RSS***********2S)");
    }

    #[test]
    fn serde_round_trip_validates() {
        let cf = CodiceFiscale::parse("RSSMRA85T10A562S").unwrap();
        let json = serde_json::to_string(&cf).unwrap();
        assert_eq!(json, "\"RSSMRA85T10A562S\"");
        assert_eq!(serde_json::from_str::<CodiceFiscale>(&json).unwrap(), cf);
        assert!(serde_json::from_str::<CodiceFiscale>("\"RSSMRA85T10A562T\"").is_err());
    }

    #[test]
    fn error_codes_are_stable() {
        assert_eq!(CodiceFiscaleError::CheckChar.code(), "cf_check_char");
        assert_eq!(CodiceFiscaleError::Length.code(), "cf_length");
    }
}
