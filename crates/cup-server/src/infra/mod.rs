//! Cross-cutting pieces: idempotency records, the SMS sender, metrics, private files.

pub mod audit;
pub mod files;
pub mod idempotency;
pub mod metrics;
pub mod sms;
