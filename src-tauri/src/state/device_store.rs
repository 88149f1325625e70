//! The device store: the bookings made or retrieved on this device, with their documents,
//! kept in the app's data directory so they can be shown when the backend cannot be reached.
//!
//! One JSON file per patient, named by a salted hash of codice fiscale + card number (never
//! a clear identifier in a file name), written atomically (temp file, fsync, rename) and
//! versioned. The salt is drawn once per installation and kept beside the files. The whole
//! store is behind one switch ([`crate::AppConfig::device_store`]): switched off (kiosk), it
//! writes nothing and reads nothing.
//!
//! A failure of the store never fails a command: it is logged (without identifiers or paths)
//! and the citizen gets the backend's answer anyway.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use cup_api::{BookingDocumentsView, BookingStatus, BookingView};
use cup_domain::{CodiceFiscale, TesseraSanitaria};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;

/// The store's folder inside the app's data directory.
pub const STORE_DIR: &str = "bookings";
/// The per-installation salt of the patients' keys, inside [`STORE_DIR`].
const SALT_FILE: &str = "salt";
/// The version of the patient files this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Which patient's records: a salted hash of codice fiscale + card number, in hex. It names
/// the patient's file; it is not an identifier and may be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct PatientKey(String);

impl PatientKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    #[cfg(test)]
    pub fn for_tests(key: &str) -> Self {
        PatientKey(key.to_owned())
    }
}

impl std::fmt::Debug for PatientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PatientKey({}…)", self.0.get(..8).unwrap_or(&self.0))
    }
}

/// One booking as kept on the device, with the time it was last brought up to date and its
/// documents: the per-booking place for what travels with a booking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredBooking {
    pub booking: BookingView,
    /// When the backend last answered with this booking.
    pub updated_at: DateTime<Utc>,
    /// The data of its promemoria and payment notice, once read from the backend.
    #[serde(default)]
    pub documents: Option<StoredDocuments>,
}

/// A booking's documents as last read from the backend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDocuments {
    pub view: BookingDocumentsView,
    pub updated_at: DateTime<Utc>,
}

/// One patient's file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct PatientFile {
    version: u32,
    bookings: Vec<StoredBooking>,
}

impl PatientFile {
    fn new() -> Self {
        Self {
            version: FORMAT_VERSION,
            bookings: Vec::new(),
        }
    }

    fn record_mut(&mut self, cup_number: &str) -> Option<&mut StoredBooking> {
        self.bookings
            .iter_mut()
            .find(|stored| stored.booking.cup_number == cup_number)
    }

    /// Adds or replaces a booking (its documents are kept); a booking that replaced another
    /// (a move) marks the other one moved, as the backend did.
    fn upsert(&mut self, booking: &BookingView, now: DateTime<Utc>) {
        match self.record_mut(&booking.cup_number) {
            Some(stored) => {
                stored.booking = booking.clone();
                stored.updated_at = now;
            }
            None => self.bookings.push(StoredBooking {
                booking: booking.clone(),
                updated_at: now,
                documents: None,
            }),
        }
        if let Some(old) = &booking.moved_from
            && let Some(stored) = self.record_mut(old)
            && stored.booking.status == BookingStatus::Booked
        {
            stored.booking.status = BookingStatus::Moved;
            stored.booking.moved_to = Some(booking.cup_number.clone());
        }
    }
}

/// The store of this device (managed by Tauri). Cheap operations on small files, serialised
/// by one lock.
#[derive(Debug)]
pub struct DeviceStore {
    /// `None`: switched off.
    dir: Option<PathBuf>,
    lock: Mutex<()>,
}

impl DeviceStore {
    /// The store in `data_dir` (nothing is created until something is saved), or a switched
    /// off one.
    pub fn new(data_dir: &Path, enabled: bool) -> Self {
        Self {
            dir: enabled.then(|| data_dir.join(STORE_DIR)),
            lock: Mutex::new(()),
        }
    }

    /// A store that keeps nothing (kiosk mode, or no data directory).
    pub fn disabled() -> Self {
        Self {
            dir: None,
            lock: Mutex::new(()),
        }
    }

    #[cfg(test)]
    pub fn is_enabled(&self) -> bool {
        self.dir.is_some()
    }

    /// The key of a patient's records, drawing this installation's salt if there is none
    /// yet; `None` when the store is off or the salt cannot be kept.
    pub async fn patient_key(
        &self,
        codice_fiscale: &CodiceFiscale,
        tessera: &TesseraSanitaria,
    ) -> Option<PatientKey> {
        let dir = self.dir.as_ref()?;
        let _guard = self.lock.lock().await;
        match salt(dir, true) {
            Ok(Some(salt)) => Some(key_of(&salt, codice_fiscale, tessera)),
            Ok(None) => None,
            Err(error) => {
                tracing::warn!(kind = ?error.kind(), "the device store's salt cannot be kept");
                None
            }
        }
    }

    /// The key of a patient's records if this device ever kept any; creates nothing.
    pub async fn existing_patient_key(
        &self,
        codice_fiscale: &CodiceFiscale,
        tessera: &TesseraSanitaria,
    ) -> Option<PatientKey> {
        let dir = self.dir.as_ref()?;
        let _guard = self.lock.lock().await;
        match salt(dir, false) {
            Ok(salt) => salt.map(|salt| key_of(&salt, codice_fiscale, tessera)),
            Err(error) => {
                tracing::warn!(kind = ?error.kind(), "the device store's salt is unreadable");
                None
            }
        }
    }

    /// Keeps bookings the backend answered with, as of `now`.
    pub async fn save_bookings(
        &self,
        patient: &PatientKey,
        bookings: &[BookingView],
        now: DateTime<Utc>,
    ) {
        if bookings.is_empty() {
            return;
        }
        self.update(patient, |file| {
            for booking in bookings {
                file.upsert(booking, now);
            }
        })
        .await;
    }

    /// Keeps a booking's documents (and the booking they carry), as of `now`.
    pub async fn save_documents(
        &self,
        patient: &PatientKey,
        documents: &BookingDocumentsView,
        now: DateTime<Utc>,
    ) {
        self.update(patient, |file| {
            file.upsert(&documents.booking, now);
            if let Some(stored) = file.record_mut(&documents.booking.cup_number) {
                stored.documents = Some(StoredDocuments {
                    view: documents.clone(),
                    updated_at: now,
                });
            }
        })
        .await;
    }

    /// The patient's kept bookings, by appointment time; empty when nothing is kept.
    pub async fn bookings(&self, patient: &PatientKey) -> Vec<StoredBooking> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let _guard = self.lock.lock().await;
        let mut bookings = read_file(dir, patient).bookings;
        bookings.sort_by_key(|stored| stored.booking.offer.starts_at);
        bookings
    }

    /// A kept booking's documents, carrying the booking as last kept (its status may have
    /// changed since the documents were read).
    pub async fn documents(
        &self,
        patient: &PatientKey,
        cup_number: &str,
    ) -> Option<StoredDocuments> {
        let dir = self.dir.as_ref()?;
        let _guard = self.lock.lock().await;
        let stored = read_file(dir, patient)
            .bookings
            .into_iter()
            .find(|stored| stored.booking.cup_number == cup_number)?;
        let mut documents = stored.documents?;
        documents.view.booking = stored.booking;
        Some(documents)
    }

    /// Reads the patient's file, changes it and writes it back atomically.
    async fn update(&self, patient: &PatientKey, change: impl FnOnce(&mut PatientFile)) {
        let Some(dir) = &self.dir else {
            return;
        };
        let _guard = self.lock.lock().await;
        let mut file = read_file(dir, patient);
        change(&mut file);
        file.version = FORMAT_VERSION;
        let written = serde_json::to_vec_pretty(&file)
            .map_err(std::io::Error::other)
            .and_then(|bytes| write_atomic(&file_path(dir, patient), &bytes));
        if let Err(error) = written {
            tracing::warn!(kind = ?error.kind(), "the device store could not keep the bookings");
        }
    }
}

fn file_path(dir: &Path, patient: &PatientKey) -> PathBuf {
    dir.join(format!("{}.json", patient.as_str()))
}

/// The patient's file, or an empty one when there is none, it is unreadable, or it has
/// another version (it is then replaced at the next save).
fn read_file(dir: &Path, patient: &PatientKey) -> PatientFile {
    let bytes = match fs::read(file_path(dir, patient)) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return PatientFile::new(),
        Err(error) => {
            tracing::warn!(kind = ?error.kind(), "a device store file is unreadable");
            return PatientFile::new();
        }
    };
    match serde_json::from_slice::<PatientFile>(&bytes) {
        Ok(file) if file.version == FORMAT_VERSION => file,
        Ok(file) => {
            tracing::warn!(
                version = file.version,
                "a device store file has another version; ignored"
            );
            PatientFile::new()
        }
        Err(_) => {
            tracing::warn!("a device store file is not valid; ignored");
            PatientFile::new()
        }
    }
}

/// The installation's salt; drawn and written when `create` and missing.
fn salt(dir: &Path, create: bool) -> std::io::Result<Option<Vec<u8>>> {
    let path = dir.join(SALT_FILE);
    match fs::read_to_string(&path) {
        Ok(text) => match hex::decode(text.trim()) {
            Ok(salt) if salt.len() >= 16 => return Ok(Some(salt)),
            _ if !create => return Ok(None),
            // A damaged salt: draw a new one (what was kept under the old one is orphaned).
            _ => tracing::warn!("the device store's salt is damaged; drawing a new one"),
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && !create => return Ok(None),
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
        Err(_) => {}
    }
    let salt: [u8; 32] = rand::random();
    create_dir(dir)?;
    write_atomic(&path, hex::encode(salt).as_bytes())?;
    Ok(Some(salt.to_vec()))
}

fn key_of(salt: &[u8], codice_fiscale: &CodiceFiscale, tessera: &TesseraSanitaria) -> PatientKey {
    let mut hash = Sha256::new();
    hash.update(salt);
    hash.update(codice_fiscale.to_string().as_bytes());
    hash.update([0x1f]);
    hash.update(tessera.to_string().as_bytes());
    PatientKey(hex::encode(hash.finalize()))
}

/// The store's folder, private to the user.
fn create_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Writes `bytes` to `path` so that a crash leaves either the old file or the new one:
/// a temp file in the same folder, fsync, rename over, fsync the folder.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent folder"))?;
    create_dir(dir)?;
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("no file name"))?
        .to_string_lossy();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let result = (|| {
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        #[cfg(unix)]
        fs::File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cf() -> CodiceFiscale {
        CodiceFiscale::parse("BNCGLI85D52D612X").unwrap()
    }

    fn tessera() -> TesseraSanitaria {
        TesseraSanitaria::parse("80380000001234560016").unwrap()
    }

    #[tokio::test]
    async fn keys_are_salted_per_installation_and_name_no_identifier() {
        let one = tempfile::tempdir().unwrap();
        let two = tempfile::tempdir().unwrap();
        let a = DeviceStore::new(one.path(), true);
        let b = DeviceStore::new(two.path(), true);
        assert_eq!(a.existing_patient_key(&cf(), &tessera()).await, None);
        let key = a.patient_key(&cf(), &tessera()).await.unwrap();
        assert_eq!(a.patient_key(&cf(), &tessera()).await, Some(key.clone()));
        assert_eq!(
            a.existing_patient_key(&cf(), &tessera()).await,
            Some(key.clone())
        );
        let other = b.patient_key(&cf(), &tessera()).await.unwrap();
        assert_ne!(key, other, "another installation, another salt");
        assert_eq!(key.as_str().len(), 64);
        assert!(!key.as_str().contains("BNCGLI"));
    }

    #[tokio::test]
    async fn switched_off_it_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = DeviceStore::new(dir.path(), false);
        assert!(!store.is_enabled());
        assert_eq!(store.patient_key(&cf(), &tessera()).await, None);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[tokio::test]
    async fn a_damaged_or_other_version_file_reads_as_nothing_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = DeviceStore::new(dir.path(), true);
        let key = store.patient_key(&cf(), &tessera()).await.unwrap();
        let path = file_path(&dir.path().join(STORE_DIR), &key);
        fs::write(&path, br#"{"version": 99, "bookings": []}"#).unwrap();
        assert!(store.bookings(&key).await.is_empty());
        fs::write(&path, b"{not json").unwrap();
        assert!(store.bookings(&key).await.is_empty());
        assert!(store.documents(&key, "202600000001").await.is_none());
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("f.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("f.json")]);
    }
}
