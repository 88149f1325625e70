//! Where a booking's documents are written: `<app data>/documents/<patient key>/
//! prenotazione-<CUP number>/` (promemoria, payment notice, calendar file, archive). The
//! patient's folder is named by the device store's salted key, never by a codice fiscale; the
//! CUP number names the booking's folder. Behind the device store's switch: off (kiosk),
//! nothing is written.
//!
//! Generating is CPU work (tens of milliseconds): it runs on a blocking thread. Writes are
//! serialised by one lock, so that two requests for the same booking never interleave (the
//! archive is removed and written again with the other files).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use cup_api::BookingDocumentsView;
use cup_domain::Lang;
use tokio::sync::Mutex;

use crate::AppError;
use crate::documents::{
    BookingFiles, booking_dir, regenerate_after_reschedule, remove_booking_documents,
    write_archive, write_booking_documents,
};
use crate::state::device_store::PatientKey;
use crate::state::language::UiLanguage;

/// The documents' folder inside the app's data directory.
pub const DOCUMENTS_DIR: &str = "documents";

/// Code of the error when this device keeps no documents (kiosk, or no data directory).
pub const DOCUMENTS_OFF: &str = "documents_off";

/// A booking's files as written, with the archive and how long it took.
#[derive(Debug, Clone)]
pub struct WrittenDocuments {
    pub files: BookingFiles,
    pub archive: PathBuf,
    pub elapsed: Duration,
}

#[derive(Debug)]
pub struct DocumentsState {
    /// `<app data>/documents`; `None`: switched off.
    root: Option<PathBuf>,
    language: UiLanguage,
    lock: Mutex<()>,
}

impl DocumentsState {
    /// The documents under `data_dir` (nothing is created until a booking's are written).
    pub fn new(data_dir: &Path, language: UiLanguage) -> Self {
        Self {
            root: Some(data_dir.join(DOCUMENTS_DIR)),
            language,
            lock: Mutex::new(()),
        }
    }

    /// Nothing is written (kiosk mode, the device store off, or no data directory).
    pub fn disabled(language: UiLanguage) -> Self {
        Self {
            root: None,
            language,
            lock: Mutex::new(()),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.root.is_some()
    }

    /// The UI's language (documents written after a booking speak it).
    pub fn language(&self) -> Lang {
        self.language.get()
    }

    /// The patient's folder, created private (0700 on Unix) with its parent.
    fn patient_root(&self, patient: &PatientKey) -> Result<PathBuf, AppError> {
        let root = self.root.as_ref().ok_or_else(off)?;
        let dir = root.join(patient.as_str());
        crate::private_files::create_dir(&dir)
            .map_err(|e| AppError::from(crate::documents::DocumentError::Io(e)))?;
        Ok(dir)
    }

    /// Writes (again) a booking's documents and the "tutti i documenti" archive.
    ///
    /// # Errors
    /// `documents_off` when switched off; a document error otherwise.
    pub async fn write(
        &self,
        patient: &PatientKey,
        view: &BookingDocumentsView,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<WrittenDocuments, AppError> {
        let _guard = self.lock.lock().await;
        let root = self.patient_root(patient)?;
        let view = view.clone();
        blocking(move || {
            let started = Instant::now();
            let dir = booking_dir(&root, &view.booking.cup_number)?;
            let files = write_booking_documents(&dir, &view, lang, now)?;
            let archive = write_archive(&files, now)?;
            Ok(WrittenDocuments {
                files,
                archive,
                elapsed: started.elapsed(),
            })
        })
        .await
    }

    /// Removes a booking's documents (a cancelled booking's would look valid). Nothing to do
    /// when switched off.
    ///
    /// # Errors
    /// A document error when the folder cannot be removed.
    pub async fn remove(&self, patient: &PatientKey, cup_number: &str) -> Result<(), AppError> {
        let Some(root) = &self.root else {
            return Ok(());
        };
        let _guard = self.lock.lock().await;
        let dir = booking_dir(&root.join(patient.as_str()), cup_number)?;
        blocking(move || remove_booking_documents(&dir).map_err(AppError::from)).await
    }

    /// After a move: the new booking's documents, then the old booking's folder removed.
    ///
    /// # Errors
    /// `documents_off` when switched off; a document error otherwise.
    pub async fn after_reschedule(
        &self,
        patient: &PatientKey,
        old_cup_number: &str,
        new_view: &BookingDocumentsView,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<BookingFiles, AppError> {
        let _guard = self.lock.lock().await;
        let root = self.patient_root(patient)?;
        let (old, view) = (old_cup_number.to_owned(), new_view.clone());
        blocking(move || {
            regenerate_after_reschedule(&root, &old, &view, lang, now).map_err(AppError::from)
        })
        .await
    }

    /// The folder a booking's documents go to (whether or not written yet).
    #[cfg(test)]
    pub fn booking_folder(&self, patient: &PatientKey, cup_number: &str) -> Option<PathBuf> {
        let root = self.root.as_ref()?;
        booking_dir(&root.join(patient.as_str()), cup_number).ok()
    }
}

fn off() -> AppError {
    AppError::Other {
        code: DOCUMENTS_OFF,
        message: "this device keeps no documents".into(),
    }
}

/// Runs CPU and file work off the async runtime's threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| AppError::internal("the documents task stopped"))?
}
