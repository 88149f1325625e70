//! Typed async client of the regional backend API v1.
//!
//! ```no_run
//! # async fn demo() -> Result<(), cup_client::ClientError> {
//! use cup_client::{CupClient, IdempotencyKey};
//! use cup_api::{CardLoginRequest, Channel};
//!
//! let client = CupClient::new("http://127.0.0.1:8080", Channel::App)?;
//! let session = client
//!     .login_card(&CardLoginRequest {
//!         codice_fiscale: "RSSMRA80A01G999X".into(),
//!         tessera: "80380000000000000000".into(),
//!     })
//!     .await?;
//! let bookings = client.bookings(&session.token).await?;
//! if let Some(booking) = bookings.bookings.first() {
//!     let key = IdempotencyKey::new(); // reuse it to retry the same cancellation
//!     let cancelled = client.cancel(&session.token, &key, &booking.cup_number).await?;
//!     let _ = cancelled.replayed;
//! }
//! # Ok(())
//! # }
//! ```

mod client;
mod endpoint;
mod error;
mod types;

pub use client::{CONNECT_TIMEOUT, CupClient, REQUEST_TIMEOUT, USER_AGENT};
pub use error::{ClientError, codes};
pub use types::{IdempotencyKey, Replayable, Session, Token};
