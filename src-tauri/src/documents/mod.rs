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

// Wired by the documents commands (booking_documents / download): until then only the tests
// call this module.
#![cfg_attr(not(test), allow(dead_code, unused_imports))]

mod calendar;
mod error;
mod files;
mod fonts;
mod format;
mod layout;
mod payment;
mod promemoria;
mod sheet;
#[cfg(test)]
pub(crate) mod tests;

pub(crate) use calendar::{calendar_ics, event_uid};
pub(crate) use error::DocumentError;
pub(crate) use files::{
    ARCHIVE_FILE, BookingFiles, CALENDAR_FILE, PAYMENT_FILE, PROMEMORIA_FILE, booking_dir,
    regenerate_after_reschedule, remove_booking_documents, write_archive, write_atomic,
    write_booking_documents,
};
pub(crate) use format::{clock_time, day_and_month};
pub(crate) use payment::payment_notice_pdf;
pub(crate) use promemoria::promemoria_pdf;
