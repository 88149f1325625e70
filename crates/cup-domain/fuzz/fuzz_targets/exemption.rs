//! No input panics the Exemption parser; Display re-parses to the same value.
#![no_main]

use cup_domain::Exemption;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = Exemption::parse(input) {
        let shown = value.to_string();
        assert_eq!(Exemption::parse(&shown).ok(), Some(value.clone()));
        let _ = value.redacted();
        let _ = value.kind();
    }
});
