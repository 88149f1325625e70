//! A booking's documents, made on the device from what the backend's
//! `GET /v1/bookings/{cup}/documents` answers ([`cup_api::BookingDocumentsView`]):
//!
//! - the promemoria PDF ([`promemoria_pdf`]), A4, in Italian (or English);
//! - the pagoPA payment notice PDF with its QR code ([`payment_notice_pdf`]), `None` when
//!   there is nothing to pay;
//! - the calendar file ([`calendar_ics`], RFC 5545, Europe/Rome);
//! - the files of a booking in its folder, the "tutti i documenti" archive, and their
//!   replacement after a reschedule ([`write_booking_documents`], [`write_archive`],
//!   [`regenerate_after_reschedule`], [`remove_booking_documents`]).
//!
//! Pure functions of the view, the language and the clock (`generated_at` / `now` is always
//! an argument). Nothing here logs: the documents are full of identifiers.

mod calendar;
mod error;
mod files;
mod fonts;
pub(crate) mod format;
mod layout;
mod payment;
mod promemoria;
mod sheet;
#[cfg(test)]
pub(crate) mod tests;

// The documents one by one: the tests and examples/doc_timing.rs (the app writes them all at
// once with `write_booking_documents`).
#[allow(unused_imports)]
pub(crate) use calendar::{calendar_ics, event_uid};
pub(crate) use error::DocumentError;
#[cfg(test)]
pub(crate) use files::{ARCHIVE_FILE, CALENDAR_FILE, PAYMENT_FILE, PROMEMORIA_FILE};
pub(crate) use files::{
    BookingFiles, booking_dir, regenerate_after_reschedule, remove_booking_documents,
    write_archive, write_booking_documents,
};
pub(crate) use format::{clock_time, day_and_month};
#[allow(unused_imports)]
pub(crate) use payment::payment_notice_pdf;
// The kiosk prints the promemoria alone.
#[allow(unused_imports)]
pub(crate) use promemoria::promemoria_pdf;
