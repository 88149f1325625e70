//! `booking_files` and `open_booking_file`: a booking's documents as files on this device —
//! "Scarica il promemoria", "Modulo di pagamento", "Aggiungi al calendario", "Scarica tutti i
//! documenti" — made again from the booking's documents data at each request (online, or
//! what this device kept when the backend cannot be reached) and opened with the system's
//! viewer from Rust: the webview holds no opener permission of its own.

use std::path::Path;

use cup_domain::Lang;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::commands::bookings::booking_documents_with;
use crate::commands::validate_access::parse_cup_number;
use crate::state::documents::{DOCUMENTS_OFF, WrittenDocuments};
use crate::state::{BackendHandle, DeviceStore, DocumentsState, SessionState};

/// Where a booking's documents were saved (absolute paths).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BookingFilesView {
    /// The booking's folder.
    pub folder: String,
    pub promemoria: String,
    /// `null`: nothing to pay, no payment notice.
    pub payment: Option<String>,
    /// The .ics file.
    pub calendar: String,
    /// "tutti-i-documenti.zip".
    pub archive: String,
}

/// Which document to open (`folder`: the booking's documents folder, in the file manager).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Promemoria,
    Payment,
    Calendar,
    Archive,
    /// The folder that holds the booking's documents.
    Folder,
}

impl DocumentKind {
    /// # Errors
    /// `document_kind` (field `kind`) for anything else.
    pub fn parse(value: &str) -> Result<Self, AppError> {
        Ok(match value {
            "promemoria" => DocumentKind::Promemoria,
            "payment" => DocumentKind::Payment,
            "calendar" => DocumentKind::Calendar,
            "archive" => DocumentKind::Archive,
            "folder" => DocumentKind::Folder,
            _ => {
                return Err(AppError::Invalid {
                    code: "document_kind",
                    field: "kind",
                    message: "unknown document kind".into(),
                });
            }
        })
    }
}

/// Opens a file with the system's viewer, a folder with its file manager (a recorder in tests).
pub trait Viewer: Send + Sync {
    /// # Errors
    /// When no program could be started for it.
    fn open(&self, path: &Path) -> std::io::Result<()>;
}

/// The desktop's default program for the file's type (xdg-open on Linux), started detached:
/// the app does not wait for the viewer to close.
pub struct SystemViewer;

impl Viewer for SystemViewer {
    fn open(&self, path: &Path) -> std::io::Result<()> {
        open::that_detached(path)
    }
}

fn path_string(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

impl From<&WrittenDocuments> for BookingFilesView {
    fn from(written: &WrittenDocuments) -> Self {
        let files = &written.files;
        BookingFilesView {
            folder: path_string(&files.dir),
            promemoria: path_string(&files.promemoria),
            payment: files.payment.as_deref().map(path_string),
            calendar: path_string(&files.calendar),
            archive: path_string(&written.archive),
        }
    }
}

fn documents_off() -> AppError {
    AppError::Other {
        code: DOCUMENTS_OFF,
        message: "this device keeps no documents".into(),
    }
}

/// Writes a booking's documents (again) and the archive; answers where they are.
pub async fn booking_files_with(
    backend: &BackendHandle,
    session: &SessionState,
    store: &DeviceStore,
    documents: &DocumentsState,
    cup_number: &str,
    lang: Lang,
) -> Result<BookingFilesView, AppError> {
    let cup = parse_cup_number(cup_number)?;
    if !documents.is_enabled() {
        return Err(documents_off());
    }
    let found = booking_documents_with(backend, session, store, cup.as_str()).await?;
    let patient = session.patient().await.ok_or_else(documents_off)?;
    let written = documents
        .write(&patient, &found.documents, lang, cup_clock::now())
        .await?;
    tracing::info!(
        elapsed_ms = written.elapsed.as_millis(),
        payment = written.files.payment.is_some(),
        "booking documents written"
    );
    Ok(BookingFilesView::from(&written))
}

/// Writes a booking's documents (again) and opens one (or their folder) with `viewer`;
/// answers its path.
#[allow(clippy::too_many_arguments)]
pub async fn open_booking_file_with(
    backend: &BackendHandle,
    session: &SessionState,
    store: &DeviceStore,
    documents: &DocumentsState,
    viewer: &dyn Viewer,
    cup_number: &str,
    kind: &str,
    lang: Lang,
) -> Result<String, AppError> {
    let kind = DocumentKind::parse(kind)?;
    let files = booking_files_with(backend, session, store, documents, cup_number, lang).await?;
    let path = match kind {
        DocumentKind::Promemoria => files.promemoria,
        DocumentKind::Calendar => files.calendar,
        DocumentKind::Archive => files.archive,
        DocumentKind::Folder => files.folder,
        DocumentKind::Payment => files.payment.ok_or_else(|| AppError::Other {
            code: "nothing_to_pay",
            message: "this booking has no payment notice".into(),
        })?,
    };
    viewer.open(Path::new(&path)).map_err(|error| {
        tracing::warn!(%error, ?kind, "no program opened the document");
        AppError::Other {
            code: "document_open_failed",
            message: "no program could open the document".into(),
        }
    })?;
    Ok(path)
}

#[tauri::command]
#[tracing::instrument(name = "booking_files", skip_all)]
pub async fn booking_files(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    documents: tauri::State<'_, DocumentsState>,
    cup_number: String,
    lang: Lang,
) -> Result<BookingFilesView, AppError> {
    booking_files_with(&backend, &session, &store, &documents, &cup_number, lang).await
}

#[tauri::command]
#[tracing::instrument(name = "open_booking_file", skip_all)]
pub async fn open_booking_file(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    documents: tauri::State<'_, DocumentsState>,
    cup_number: String,
    kind: String,
    lang: Lang,
) -> Result<String, AppError> {
    open_booking_file_with(
        &backend,
        &session,
        &store,
        &documents,
        &SystemViewer,
        &cup_number,
        &kind,
        lang,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_checked() {
        assert_eq!(
            DocumentKind::parse("promemoria"),
            Ok(DocumentKind::Promemoria)
        );
        assert_eq!(DocumentKind::parse("archive"), Ok(DocumentKind::Archive));
        assert_eq!(DocumentKind::parse("folder"), Ok(DocumentKind::Folder));
        let error = DocumentKind::parse("../../etc/passwd").unwrap_err();
        assert_eq!(error.code(), "document_kind");
        assert_eq!(error.field(), Some("kind"));
    }
}
