//! No input panics the TesseraSanitaria parser; Display re-parses to the same value.
#![no_main]

use cup_domain::TesseraSanitaria;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = TesseraSanitaria::parse(input) {
        let shown = value.to_string();
        assert_eq!(TesseraSanitaria::parse(&shown).ok(), Some(value.clone()));
        let _ = value.redacted();
    }
});
