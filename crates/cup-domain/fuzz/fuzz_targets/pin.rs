//! No input panics the Pin parser; Display re-parses to the same value.
#![no_main]

use cup_domain::Pin;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = Pin::parse(input) {
        let shown = value.to_string();
        assert_eq!(Pin::parse(&shown).ok(), Some(value.clone()));
        let _ = value.redacted();
    }
});
