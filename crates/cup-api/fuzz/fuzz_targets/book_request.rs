//! Arbitrary bytes as a `BookRequest` body: see `cup_api_fuzz::check`.
#![no_main]

use cup_api::BookRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cup_api_fuzz::check::<BookRequest>(data, &["phone"]);
});
