//! The server's clock: the single authority on hold expiry and on "today" (cup-clock: the
//! wall clock, or moved to another day by `CUP_TODAY`). Tests control it.

pub use cup_clock::{Clock, ManualClock, SystemClock};
