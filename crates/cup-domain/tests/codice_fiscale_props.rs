//! Property tests of the codice fiscale: generated codes (omocodia variants included)
//! parse back to the same birth date, sex and place; any single changed character is
//! rejected.

use chrono::{Days, NaiveDate};
use cup_domain::{CodiceFiscale, Sex};
use proptest::prelude::*;

const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGIT_OR_OMOCODE: &str = "0123456789LMNPQRSTUV";
const DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

/// The pivot day of the generator: every birth date is in the 100 years before it, so the
/// century is recoverable.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("valid date")
}

fn birth_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1925, 7, 1).expect("valid date");
    let span = (today() - first).num_days() as u64;
    (0..=span).prop_map(move |d| first.checked_add_days(Days::new(d)).expect("in range"))
}

fn letters3() -> impl Strategy<Value = String> {
    "[A-Z]{3}"
}

fn belfiore() -> impl Strategy<Value = String> {
    "[A-Z][0-9]{3}"
}

fn sex() -> impl Strategy<Value = Sex> {
    prop_oneof![Just(Sex::Male), Just(Sex::Female)]
}

prop_compose! {
    fn citizen()(surname in letters3(), name in letters3(), birth in birth_date(),
                 sex in sex(), place in belfiore(), mask in 0u8..128)
                 -> (CodiceFiscale, NaiveDate, Sex, String) {
        let base = CodiceFiscale::compose(&surname, &name, birth, sex, &place)
            .expect("generated parts are valid");
        (base.with_omocodia_mask(mask), birth, sex, place)
    }
}

fn allowed_at(pos: usize) -> &'static str {
    if DIGIT_POSITIONS.contains(&pos) {
        DIGIT_OR_OMOCODE
    } else {
        LETTERS
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_codes_round_trip((cf, birth, sex, place) in citizen()) {
        let parsed = CodiceFiscale::parse(cf.as_str()).unwrap();
        prop_assert_eq!(&parsed, &cf);
        prop_assert_eq!(parsed.birth_date_with_pivot(today()), birth);
        prop_assert_eq!(parsed.sex(), sex);
        prop_assert_eq!(parsed.birth_place_code(), place.clone());
        prop_assert_eq!(parsed.is_foreign_born(), place.starts_with('Z'));
        prop_assert_eq!(parsed.canonical().is_omocode(), false);
        prop_assert!(parsed.same_base_as(&parsed.canonical()));
        // Display re-parses; lower case with spaces too.
        let shown = parsed.to_string();
        prop_assert_eq!(CodiceFiscale::parse(&shown).unwrap(), parsed.clone());
        let spaced = format!(" {} {} ", &cf.as_str()[..8].to_lowercase(), &cf.as_str()[8..]);
        prop_assert_eq!(CodiceFiscale::parse(&spaced).unwrap(), parsed);
    }

    #[test]
    fn any_single_change_is_rejected((cf, _, _, _) in citizen(), pos in 0usize..16, k in 1usize..26) {
        let allowed = allowed_at(pos).as_bytes();
        let bytes = cf.as_str().as_bytes();
        let at = allowed.iter().position(|&c| c == bytes[pos]).unwrap();
        let replacement = allowed[(at + 1 + k % (allowed.len() - 1)) % allowed.len()];
        prop_assume!(replacement != bytes[pos]);
        let mut changed = bytes.to_vec();
        changed[pos] = replacement;
        let changed = String::from_utf8(changed).unwrap();
        prop_assert!(CodiceFiscale::parse(&changed).is_err(), "{} accepted", changed);
    }

    #[test]
    fn arbitrary_input_never_panics(s in "\\PC{0,40}") {
        if let Ok(cf) = CodiceFiscale::parse(&s) {
            let shown = cf.to_string();
            prop_assert_eq!(CodiceFiscale::parse(&shown).unwrap(), cf);
        }
    }
}
