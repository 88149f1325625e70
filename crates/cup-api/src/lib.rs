//! The contract of the regional backend, API v1: JSON bodies, headers, error codes.
//!
//! Declared once here; the server's OpenAPI document is generated from these types and the
//! clients (the app, the load tool) use them directly. Identifiers travel as strings in
//! their normalised form and are parsed into `cup-domain` types at each edge; [`parse_body`]
//! reads a request body the way the server does.

pub mod availability;
pub mod booking;
pub mod catalogue;
pub mod channel;
pub mod error;
pub mod hold;
pub mod prescription;
pub mod request;
pub mod session;
#[cfg(feature = "ts")]
pub mod typescript;

pub use availability::*;
pub use booking::*;
pub use catalogue::*;
pub use channel::Channel;
pub use error::{ApiError, ErrorCode};
pub use hold::*;
pub use prescription::*;
pub use request::{BodyError, RequestBody, parse_body};
pub use session::*;

/// The path prefix of this version of the API.
pub const API_PREFIX: &str = "/v1";
/// Header naming the channel of every request (`app`, `web`, `kiosk`, `sportello`, `farmacia`).
pub const CHANNEL_HEADER: &str = "x-cup-channel";
/// Header carrying the idempotency key of every mutating request.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";
/// Header set on a response replayed from an earlier request with the same idempotency key.
pub const IDEMPOTENT_REPLAY_HEADER: &str = "idempotent-replayed";
/// Bounds on inputs, shared so that clients can validate before sending.
pub mod limits {
    /// Largest accepted request body, in bytes.
    pub const MAX_BODY_BYTES: usize = 16 * 1024;
    /// Longest idempotency key.
    pub const MAX_IDEMPOTENCY_KEY: usize = 128;
    /// Most offers returned by one availability search.
    pub const MAX_OFFERS: u32 = 50;
    /// Widest date window of an availability search, in days.
    pub const MAX_WINDOW_DAYS: i64 = 366;
}
