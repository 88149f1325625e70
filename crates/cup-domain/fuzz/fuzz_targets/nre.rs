//! No input panics the Nre parser; Display re-parses to the same value.
#![no_main]

use cup_domain::Nre;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = Nre::parse(input) {
        let shown = value.to_string();
        assert_eq!(Nre::parse(&shown).ok(), Some(value.clone()));
        let _ = value.redacted();
        assert_eq!(value.is_toscana(), value.as_str().starts_with("090"));
    }
});
