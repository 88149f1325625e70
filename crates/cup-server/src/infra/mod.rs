//! Cross-cutting pieces: idempotency records, the SMS sender, metrics.

pub mod idempotency;
pub mod metrics;
pub mod sms;
