//! No input panics the PhoneNumber parser; Display re-parses to the same value.
#![no_main]

use cup_domain::PhoneNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = PhoneNumber::parse(input) {
        let shown = value.to_string();
        assert_eq!(PhoneNumber::parse(&shown).ok(), Some(value.clone()));
        let _ = value.redacted();
        assert!(value.as_str().starts_with("+39"));
    }
});
