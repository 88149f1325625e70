//! Property tests of the other identifiers: round trips, and single-digit changes caught
//! by their check digits.

use cup_domain::{CupNumber, Exemption, NoticeNumber, Nre, PhoneNumber, Pin, TesseraSanitaria};
use proptest::prelude::*;

/// Replaces the digit at `pos` by a different digit.
fn change_digit(s: &str, pos: usize, k: u8) -> String {
    let mut b = s.as_bytes().to_vec();
    let d = b[pos] - b'0';
    b[pos] = b'0' + (d + 1 + k % 9) % 10;
    String::from_utf8(b).expect("digits are ASCII")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn tessera_round_trip(rest in "[0-9]{14}", pos in 0usize..20, k in 0u8..9) {
        let t = TesseraSanitaria::compose(&format!("80380{rest}")).unwrap();
        let shown = t.to_string();
        prop_assert_eq!(TesseraSanitaria::parse(&shown).unwrap(), t.clone());
        let spaced = format!("{} {}", &t.as_str()[..7], &t.as_str()[7..]);
        prop_assert_eq!(TesseraSanitaria::parse(&spaced).unwrap(), t.clone());
        prop_assert!(TesseraSanitaria::parse(&change_digit(t.as_str(), pos, k)).is_err());
    }

    #[test]
    fn notice_round_trip(seg in 0u8..100, base in 0u64..10_000_000_000_000, pos in 0usize..18, k in 0u8..9) {
        let n = NoticeNumber::compose(seg, base).unwrap();
        prop_assert_eq!(n.as_str().len(), 18);
        prop_assert_eq!(n.iuv(), &n.as_str()[1..]);
        prop_assert_eq!(n.segregation_code(), seg);
        let shown = n.to_string();
        prop_assert_eq!(NoticeNumber::parse(&shown).unwrap(), n.clone());
        prop_assert_eq!(NoticeNumber::parse(&n.grouped()).unwrap(), n.clone());
        prop_assert!(NoticeNumber::parse(&change_digit(n.as_str(), pos, k)).is_err());
    }

    #[test]
    fn pin_round_trip(first7 in "[0-9]{7}", pos in 0usize..8, k in 0u8..9) {
        let pin = Pin::compose(&first7).unwrap();
        prop_assert_eq!(&pin.as_str()[..7], first7.as_str());
        let shown = pin.to_string();
        prop_assert_eq!(Pin::parse(&shown).unwrap(), pin.clone());
        prop_assert!(Pin::parse(&change_digit(pin.as_str(), pos, k)).is_err());
        prop_assert_eq!(format!("{pin:?}"), "Pin(********)");
    }

    #[test]
    fn phone_round_trip(national in "3[0-9]{8,9}|0[1-9][0-9]{4,9}", prefix in prop_oneof![Just(""), Just("+39"), Just("0039"), Just("+39 ")], sep in prop_oneof![Just(""), Just(" "), Just("-"), Just("/"), Just(".")]) {
        let decorated = format!("{prefix}{}{sep}{}", &national[..3], &national[3..]);
        let p = PhoneNumber::parse(&decorated).unwrap();
        prop_assert_eq!(p.as_str(), format!("+39{national}"));
        prop_assert_eq!(p.is_mobile(), national.starts_with('3'));
        let shown = p.to_string();
        prop_assert_eq!(PhoneNumber::parse(&shown).unwrap(), p);
    }

    #[test]
    fn cup_number_and_nre_round_trip(n in 0u64..1_000_000_000_000, rest in "[0-9A-Z]{2}[0-9]{10}") {
        let c = CupNumber::from_u64(n).unwrap();
        let shown = c.to_string();
        prop_assert_eq!(CupNumber::parse(&shown).unwrap(), c);
        let nre = Nre::parse(&format!("090{rest}")).unwrap();
        prop_assert!(nre.is_toscana());
        prop_assert_eq!(Nre::parse(&nre.to_string().to_lowercase()).unwrap(), nre);
    }

    #[test]
    fn parsers_never_panic(s in "\\PC{0,30}") {
        let _ = TesseraSanitaria::parse(&s);
        let _ = NoticeNumber::parse(&s);
        let _ = Pin::parse(&s);
        let _ = PhoneNumber::parse(&s);
        let _ = CupNumber::parse(&s);
        let _ = Nre::parse(&s);
        if let Ok(e) = Exemption::parse(&s) {
            let shown = e.to_string();
            prop_assert_eq!(Exemption::parse(&shown).unwrap(), e);
        }
    }
}
