//! The reference regional CUP backend: find, hold, book, cancel and reschedule over HTTP/JSON,
//! on SQLite (embedded default) or PostgreSQL (scale), never double-booking.
//!
//! Layers: `api` (HTTP adapters) -> `service` (business operations, one transaction each) ->
//! `store` (SQL, two backends). `demo` generates the synthetic region; `infra` holds the
//! idempotency records, the SMS sender and metrics.

pub mod api;
pub mod clock;
pub mod config;
pub mod demo;
pub mod infra;
pub mod server;
pub mod service;
pub mod store;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{ServerConfig, ThrottleConfig};
pub use server::{DemoSeed, Running, prepare_store, start};
