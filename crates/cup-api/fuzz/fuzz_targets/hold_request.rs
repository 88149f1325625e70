//! Arbitrary bytes as a `HoldRequest` body: see `cup_api_fuzz::check`.
#![no_main]

use cup_api::HoldRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cup_api_fuzz::check::<HoldRequest>(data, &["nre", "reschedule"]);
});
