//! No input panics the NoticeNumber parser; Display re-parses to the same value.
#![no_main]

use cup_domain::NoticeNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = NoticeNumber::parse(input) {
        let shown = value.to_string();
        assert_eq!(NoticeNumber::parse(&shown).ok(), Some(value.clone()));
        let _ = value.redacted();
        assert_eq!(
            NoticeNumber::parse(&value.grouped()).ok(),
            Some(value.clone())
        );
        assert_eq!(value.iuv().len(), 17);
    }
});
