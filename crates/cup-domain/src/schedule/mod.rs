//! Slots, holds, bookings, cancellation deadlines and the waiting-time guarantee.

pub mod booking;
pub mod cancellation;
pub mod guarantee;
pub mod hold;
pub mod slot;
