//! Arbitrary bytes as a `CardLoginRequest` body: see `cup_api_fuzz::check`.
#![no_main]

use cup_api::CardLoginRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cup_api_fuzz::check::<CardLoginRequest>(data, &["codice_fiscale", "tessera"]);
});
