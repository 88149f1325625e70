//! Arbitrary bytes as a `RescheduleRequest` body: see `cup_api_fuzz::check`.
#![no_main]

use cup_api::RescheduleRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cup_api_fuzz::check::<RescheduleRequest>(data, &[]);
});
