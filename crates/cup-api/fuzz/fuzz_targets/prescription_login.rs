//! Arbitrary bytes as a `PrescriptionLoginRequest` body: see `cup_api_fuzz::check`.
#![no_main]

use cup_api::PrescriptionLoginRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cup_api_fuzz::check::<PrescriptionLoginRequest>(data, &["codice_fiscale", "tessera", "nre"]);
});
