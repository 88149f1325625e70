//! A booking's documents on disk: `promemoria.pdf`, `pagamento.pdf` (when there is something to
//! pay), `appuntamento.ics`, and on request `tutti-i-documenti.zip`, in one folder per booking
//! (`prenotazione-<CUP number>` under a root the caller chooses, e.g. the app's data
//! directory). Every file is written atomically: a temporary file in the same folder, synced,
//! then renamed over the old one, so a reader never sees half a file; the folders are 0700
//! and the files 0600 on Unix ([`crate::private_files`]): they are full of health data.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Timelike, Utc};
use cup_api::BookingDocumentsView;
use cup_domain::time::to_rome;
use cup_domain::{CupNumber, Lang};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::DocumentError;
use super::calendar::calendar_ics;
use super::payment::payment_notice_pdf;
use super::promemoria::promemoria_pdf;
use crate::private_files::{create_dir, write_atomic};

pub(crate) const PROMEMORIA_FILE: &str = "promemoria.pdf";
pub(crate) const PAYMENT_FILE: &str = "pagamento.pdf";
pub(crate) const CALENDAR_FILE: &str = "appuntamento.ics";
pub(crate) const ARCHIVE_FILE: &str = "tutti-i-documenti.zip";

/// Where a booking's documents were written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BookingFiles {
    pub(crate) dir: PathBuf,
    pub(crate) promemoria: PathBuf,
    /// `None`: nothing to pay, no payment notice.
    pub(crate) payment: Option<PathBuf>,
    pub(crate) calendar: PathBuf,
}

/// The folder of a booking's documents under `root`. The CUP number is checked (12 digits),
/// so a value from the network can never name a path outside `root`.
///
/// # Errors
/// [`DocumentError::CupNumber`] unless 12 digits.
pub(crate) fn booking_dir(root: &Path, cup_number: &str) -> Result<PathBuf, DocumentError> {
    let cup = CupNumber::parse(cup_number).map_err(|_| DocumentError::CupNumber)?;
    Ok(root.join(format!("prenotazione-{}", cup.as_str())))
}

/// Generates the booking's documents and writes them into `dir` (created if missing): the
/// promemoria, the payment notice (removed if an older one is there and nothing is to be paid
/// any more) and the calendar file. Any older archive is removed: it would be stale.
///
/// # Errors
/// A [`DocumentError`] from generating or writing.
pub(crate) fn write_booking_documents(
    dir: &Path,
    view: &BookingDocumentsView,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<BookingFiles, DocumentError> {
    let promemoria = promemoria_pdf(view, lang, now)?;
    let payment = payment_notice_pdf(view, lang, now)?;
    let calendar = calendar_ics(view, lang, now);
    create_dir(dir)?;
    let files = BookingFiles {
        dir: dir.to_path_buf(),
        promemoria: dir.join(PROMEMORIA_FILE),
        payment: payment.as_ref().map(|_| dir.join(PAYMENT_FILE)),
        calendar: dir.join(CALENDAR_FILE),
    };
    write_atomic(&files.promemoria, &promemoria)?;
    match &payment {
        Some(bytes) => write_atomic(&dir.join(PAYMENT_FILE), bytes)?,
        None => remove_if_present(&dir.join(PAYMENT_FILE))?,
    }
    write_atomic(&files.calendar, calendar.as_bytes())?;
    remove_if_present(&dir.join(ARCHIVE_FILE))?;
    Ok(files)
}

/// "Scarica tutti i documenti": one .zip with the files written by
/// [`write_booking_documents`], next to them; returns its path.
///
/// # Errors
/// [`DocumentError::Io`] when a file cannot be read or the archive written.
pub(crate) fn write_archive(
    files: &BookingFiles,
    now: DateTime<Utc>,
) -> Result<PathBuf, DocumentError> {
    let local = to_rome(now);
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(local.year()).unwrap_or(1980),
        local.month() as u8,
        local.day() as u8,
        local.hour() as u8,
        local.minute() as u8,
        local.second() as u8,
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp)
        // Unpacked, the documents stay the user's own.
        .unix_permissions(0o600);
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut entries = vec![(PROMEMORIA_FILE, &files.promemoria)];
    if let Some(payment) = &files.payment {
        entries.push((PAYMENT_FILE, payment));
    }
    entries.push((CALENDAR_FILE, &files.calendar));
    for (name, path) in entries {
        zip.start_file(name, options)?;
        zip.write_all(&fs::read(path)?)?;
    }
    let bytes = zip.finish()?.into_inner();
    let path = files.dir.join(ARCHIVE_FILE);
    write_atomic(&path, &bytes)?;
    Ok(path)
}

/// Removes a booking's folder and everything in it (nothing to do if it is not there).
///
/// # Errors
/// [`DocumentError::Io`] when it exists and cannot be removed.
pub(crate) fn remove_booking_documents(dir: &Path) -> Result<(), DocumentError> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// After a reschedule: the new booking's documents in its own folder under `root`, then the
/// old booking's folder removed (in that order: the citizen always has one set).
///
/// # Errors
/// [`DocumentError::CupNumber`] for a malformed CUP number, or from writing and removing.
pub(crate) fn regenerate_after_reschedule(
    root: &Path,
    old_cup_number: &str,
    new_view: &BookingDocumentsView,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<BookingFiles, DocumentError> {
    let old_dir = booking_dir(root, old_cup_number)?;
    let new_dir = booking_dir(root, &new_view.booking.cup_number)?;
    let files = write_booking_documents(&new_dir, new_view, lang, now)?;
    if old_dir != new_dir {
        remove_booking_documents(&old_dir)?;
    }
    Ok(files)
}

fn remove_if_present(path: &Path) -> Result<(), DocumentError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}
