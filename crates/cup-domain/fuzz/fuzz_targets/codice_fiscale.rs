//! No input panics the codice fiscale parser or its accessors; Display re-parses.
#![no_main]

use chrono::NaiveDate;
use cup_domain::CodiceFiscale;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(cf) = CodiceFiscale::parse(input) {
        let shown = cf.to_string();
        assert_eq!(CodiceFiscale::parse(&shown).ok(), Some(cf.clone()));
        let today = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or_default();
        let _ = cf.birth_date_with_pivot(today);
        let _ = (
            cf.sex(),
            cf.birth_place_code(),
            cf.is_foreign_born(),
            cf.redacted(),
        );
        let canonical = cf.canonical();
        assert!(!canonical.is_omocode());
        assert!(cf.same_base_as(&cf.with_omocodia(7)));
        assert_eq!(canonical.birth_place_code(), cf.birth_place_code());
    }
});
