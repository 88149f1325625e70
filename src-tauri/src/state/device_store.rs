//! The device store: the bookings made or retrieved on this device, with their documents,
//! kept in the app's data directory so they can be shown when the backend cannot be reached.
//!
//! One file per patient, named by a salted hash of codice fiscale + card number (never a clear
//! identifier in a file name), encrypted at rest with XChaCha20-Poly1305 (a random 192-bit
//! nonce at every write; the patient's key and the format are authenticated with it, so a
//! file changed by one byte or moved under another patient's name is refused), written
//! atomically and privately (0600 in a 0700 folder, [`crate::private_files`]). The data key and
//! the salt live in the OS keyring ([`StoreKey`]), never on disk.
//!
//! A store of the first version (plain JSON files and a plain salt file beside them) is
//! migrated at the first start with a keyring: its salt goes into the keyring with a new key,
//! every file is written again encrypted, and the plain files and the salt are removed. With
//! no usable keyring the store keeps nothing: it writes nothing, and reads nothing either (not
//! even plain files left by an older version); the UI says so ([`NotKept::NoKeyring`]).
//!
//! The whole store is behind one switch ([`crate::AppConfig::device_store`]): switched off
//! (kiosk), it writes nothing and reads nothing.
//!
//! A failure of the store never fails a command: it is logged (without identifiers or paths)
//! and the citizen gets the backend's answer anyway.

use std::fs;
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use cup_api::{BookingDocumentsView, BookingStatus, BookingView};
use cup_domain::{CodiceFiscale, TesseraSanitaria};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;

use super::store_key::{StoreKey, StoreSecrets};
use crate::private_files::write_atomic;

/// The store's folder inside the app's data directory.
pub const STORE_DIR: &str = "bookings";
/// The version of the patient files this build writes and reads (encrypted).
pub const FORMAT_VERSION: u32 = 2;
/// The first version: plain JSON, read only to be migrated.
const PLAIN_VERSION: u32 = 1;
/// The first version's salt file, inside [`STORE_DIR`] (removed by the migration).
const PLAIN_SALT_FILE: &str = "salt";
/// The first version's file extension.
const PLAIN_EXT: &str = "json";
/// The encrypted files' extension.
const SEALED_EXT: &str = "sealed";
/// What an encrypted file starts with: a mark and the format's version.
const MAGIC: &[u8; 6] = b"CUPDS\x02";
const NONCE_LEN: usize = 24;

/// Why this device keeps no bookings (the UI says it; `null` on the wire: it keeps them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NotKept {
    /// The device store is off (a kiosk).
    SwitchedOff,
    /// The app has no data directory.
    NoDataDir,
    /// There is no usable OS keyring to hold the store's key.
    NoKeyring,
}

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

/// What the store knows of its secrets.
#[derive(Debug)]
enum Secrets {
    /// Not asked yet (or the keyring failed last time: asked again).
    Unknown,
    Ready(StoreSecrets),
    /// No usable keyring in this process: nothing is kept.
    NoKeyring,
}

/// The store of this device (managed by Tauri). Cheap operations on small files, serialised
/// by one lock, which also guards the secrets (loaded from the keyring at first use).
#[derive(Debug)]
pub struct DeviceStore {
    /// The store's folder, or why there is none.
    dir: Result<PathBuf, NotKept>,
    key: StoreKey,
    secrets: Mutex<Secrets>,
}

impl DeviceStore {
    /// The store in `data_dir`, its secrets held by `key` (nothing is created until something
    /// is saved; a first-version store there is migrated at first use).
    pub fn new(data_dir: &Path, key: StoreKey) -> Self {
        Self {
            dir: Ok(data_dir.join(STORE_DIR)),
            key,
            secrets: Mutex::new(Secrets::Unknown),
        }
    }

    /// A store that keeps nothing, for `reason`.
    pub fn keeping_nothing(reason: NotKept) -> Self {
        Self {
            dir: Err(reason),
            key: StoreKey::off(),
            secrets: Mutex::new(Secrets::NoKeyring),
        }
    }

    /// A store that keeps nothing (kiosk mode).
    pub fn disabled() -> Self {
        Self::keeping_nothing(NotKept::SwitchedOff)
    }

    /// A store in `data_dir` with its secrets in memory (tests).
    #[cfg(test)]
    pub fn in_memory_key(data_dir: &Path) -> Self {
        Self::new(data_dir, StoreKey::memory())
    }

    #[cfg(test)]
    pub fn is_enabled(&self) -> bool {
        self.dir.is_ok()
    }

    /// Why this device keeps no bookings, or `None` when it keeps them. Asks the keyring
    /// whether it is usable (once per process).
    pub async fn not_kept(&self) -> Option<NotKept> {
        let dir = match &self.dir {
            Ok(dir) => dir,
            Err(reason) => return Some(*reason),
        };
        let mut secrets = self.secrets.lock().await;
        match &*secrets {
            Secrets::Ready(_) => None,
            Secrets::NoKeyring => Some(NotKept::NoKeyring),
            Secrets::Unknown => {
                if self.key.available().await {
                    // Loads the key now if there is one (and migrates a plain store).
                    self.secrets_in(&mut secrets, dir, false).await;
                    None
                } else {
                    no_keyring(&mut secrets);
                    Some(NotKept::NoKeyring)
                }
            }
        }
    }

    /// At start: loads the store's key if the keyring holds one, and migrates a first-version
    /// (plain) store then — its plain files do not wait for the first login to go.
    pub async fn open(&self) {
        if let Some(reason) = self.not_kept().await {
            tracing::info!(?reason, "this device keeps no bookings");
        }
    }

    /// The key of a patient's records, drawing this installation's secrets if there are none
    /// yet; `None` when the store keeps nothing or the secrets cannot be kept.
    pub async fn patient_key(
        &self,
        codice_fiscale: &CodiceFiscale,
        tessera: &TesseraSanitaria,
    ) -> Option<PatientKey> {
        let dir = self.dir.as_ref().ok()?;
        let mut secrets = self.secrets.lock().await;
        let secrets = self.secrets_in(&mut secrets, dir, true).await?;
        Some(key_of(secrets.salt(), codice_fiscale, tessera))
    }

    /// The key of a patient's records if this device ever kept any; creates nothing.
    pub async fn existing_patient_key(
        &self,
        codice_fiscale: &CodiceFiscale,
        tessera: &TesseraSanitaria,
    ) -> Option<PatientKey> {
        let dir = self.dir.as_ref().ok()?;
        let mut secrets = self.secrets.lock().await;
        let secrets = self.secrets_in(&mut secrets, dir, false).await?;
        Some(key_of(secrets.salt(), codice_fiscale, tessera))
    }

    /// The store's secrets: cached, or read from the keyring (drawn and kept there when
    /// `create`, or when a plain store is to be migrated), the plain store then migrated.
    async fn secrets_in(
        &self,
        state: &mut Secrets,
        dir: &Path,
        create: bool,
    ) -> Option<StoreSecrets> {
        match &*state {
            Secrets::Ready(secrets) => return Some(secrets.clone()),
            Secrets::NoKeyring => return None,
            Secrets::Unknown => {}
        }
        if !self.key.available().await {
            no_keyring(state);
            return None;
        }
        let plain_salt = plain_salt(dir);
        let secrets = match self.key.load().await {
            Ok(Some(secrets)) => secrets,
            Ok(None) if create || plain_salt.is_some() => {
                let secrets = match plain_salt.clone() {
                    Some(salt) => StoreSecrets::with_salt(salt),
                    None => StoreSecrets::draw(),
                };
                if let Err(error) = self.key.keep(&secrets).await {
                    tracing::warn!(%error, "the device store's key cannot be kept: nothing kept");
                    return None;
                }
                secrets
            }
            Ok(None) => return None,
            Err(error) => {
                tracing::warn!(%error, "the device store's key cannot be read: nothing kept");
                return None;
            }
        };
        migrate_plain(dir, &secrets, plain_salt.as_deref());
        *state = Secrets::Ready(secrets.clone());
        Some(secrets)
    }

    /// The secrets when the store keeps anything and has them already (every patient key was
    /// made with them); `None` otherwise.
    async fn ready(&self) -> Option<(&Path, tokio::sync::MutexGuard<'_, Secrets>)> {
        let dir = self.dir.as_ref().ok()?;
        let mut guard = self.secrets.lock().await;
        self.secrets_in(&mut guard, dir, false).await?;
        Some((dir.as_path(), guard))
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
        let Some((dir, guard)) = self.ready().await else {
            return Vec::new();
        };
        let Secrets::Ready(secrets) = &*guard else {
            return Vec::new();
        };
        let mut bookings = read_sealed(dir, secrets, patient).bookings;
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
        let (dir, guard) = self.ready().await?;
        let Secrets::Ready(secrets) = &*guard else {
            return None;
        };
        let stored = read_sealed(dir, secrets, patient)
            .bookings
            .into_iter()
            .find(|stored| stored.booking.cup_number == cup_number)?;
        let mut documents = stored.documents?;
        documents.view.booking = stored.booking;
        Some(documents)
    }

    /// Reads the patient's file, changes it and writes it back, encrypted, atomically.
    async fn update(&self, patient: &PatientKey, change: impl FnOnce(&mut PatientFile)) {
        let Some((dir, guard)) = self.ready().await else {
            return;
        };
        let Secrets::Ready(secrets) = &*guard else {
            return;
        };
        let mut file = read_sealed(dir, secrets, patient);
        change(&mut file);
        if let Err(error) = write_sealed(dir, secrets, patient, &file) {
            tracing::warn!(kind = ?error.kind(), "the device store could not keep the bookings");
        }
    }
}

fn no_keyring(state: &mut Secrets) {
    tracing::warn!(
        "no usable keyring: this device keeps no bookings (their key would have nowhere safe \
         to live)"
    );
    *state = Secrets::NoKeyring;
}

fn sealed_path(dir: &Path, patient: &PatientKey) -> PathBuf {
    dir.join(format!("{}.{SEALED_EXT}", patient.as_str()))
}

/// What is authenticated with a file's contents: the format and whose file it is.
fn associated_data(patient: &PatientKey) -> Vec<u8> {
    let mut aad = MAGIC.to_vec();
    aad.extend_from_slice(patient.as_str().as_bytes());
    aad
}

fn cipher(secrets: &StoreSecrets) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(&Key::from(*secrets.key()))
}

/// The file's bytes: [`MAGIC`], a fresh random nonce, then the encrypted JSON and its tag.
fn seal(
    secrets: &StoreSecrets,
    patient: &PatientKey,
    file: &PatientFile,
) -> std::io::Result<Vec<u8>> {
    let json = serde_json::to_vec(file).map_err(std::io::Error::other)?;
    let nonce_bytes: [u8; NONCE_LEN] = rand::random();
    let nonce = XNonce::from(nonce_bytes);
    let aad = associated_data(patient);
    let sealed = cipher(secrets)
        .encrypt(
            &nonce,
            Payload {
                msg: &json,
                aad: &aad,
            },
        )
        .map_err(|_| std::io::Error::other("encryption failed"))?;
    let mut bytes = Vec::with_capacity(MAGIC.len() + NONCE_LEN + sealed.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&nonce_bytes);
    bytes.extend_from_slice(&sealed);
    Ok(bytes)
}

/// Why a file could not be opened (kinds only, for the log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unsealed {
    /// Not a file of this format (another version, or not ours).
    Format,
    /// Changed since it was written, or under another patient's name, or another key.
    NotAuthentic,
    /// Authentic, but not a patient file of this version.
    Contents,
}

fn unseal(
    secrets: &StoreSecrets,
    patient: &PatientKey,
    bytes: &[u8],
) -> Result<PatientFile, Unsealed> {
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or(Unsealed::Format)?;
    if rest.len() < NONCE_LEN {
        return Err(Unsealed::Format);
    }
    let (nonce, sealed) = rest.split_at(NONCE_LEN);
    let nonce = XNonce::try_from(nonce).map_err(|_| Unsealed::Format)?;
    let aad = associated_data(patient);
    let json = cipher(secrets)
        .decrypt(
            &nonce,
            Payload {
                msg: sealed,
                aad: &aad,
            },
        )
        .map_err(|_| Unsealed::NotAuthentic)?;
    match serde_json::from_slice::<PatientFile>(&json) {
        Ok(file) if file.version == FORMAT_VERSION => Ok(file),
        _ => Err(Unsealed::Contents),
    }
}

/// The patient's file, or an empty one when there is none or it cannot be opened (it is then
/// replaced at the next save).
fn read_sealed(dir: &Path, secrets: &StoreSecrets, patient: &PatientKey) -> PatientFile {
    let bytes = match fs::read(sealed_path(dir, patient)) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return PatientFile::new(),
        Err(error) => {
            tracing::warn!(kind = ?error.kind(), "a device store file is unreadable");
            return PatientFile::new();
        }
    };
    unseal(secrets, patient, &bytes).unwrap_or_else(|why| {
        tracing::warn!(?why, "a device store file was refused; ignored");
        PatientFile::new()
    })
}

fn write_sealed(
    dir: &Path,
    secrets: &StoreSecrets,
    patient: &PatientKey,
    file: &PatientFile,
) -> std::io::Result<()> {
    let mut file = file.clone();
    file.version = FORMAT_VERSION;
    write_atomic(&sealed_path(dir, patient), &seal(secrets, patient, &file)?)
}

/// The first version's salt, when its file is there and readable.
fn plain_salt(dir: &Path) -> Option<Vec<u8>> {
    let text = fs::read_to_string(dir.join(PLAIN_SALT_FILE)).ok()?;
    hex::decode(text.trim())
        .ok()
        .filter(|salt| salt.len() >= 16)
}

/// Migrates a first-version store in `dir`: every plain patient file written again encrypted
/// (unless an encrypted one is there already, from an interrupted migration) and removed, the
/// leftover temporary files removed, then the plain salt. Plain files named with another salt
/// than the keyring's can never be found again: they are removed. A file that cannot be
/// written stops the migration with the plain files in place (tried again at next start).
fn migrate_plain(dir: &Path, secrets: &StoreSecrets, plain_salt: Option<&[u8]>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let same_salt = plain_salt.is_none_or(|salt| salt == secrets.salt());
    let (mut migrated, mut dropped) = (0usize, 0usize);
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".tmp") {
            let _ = fs::remove_file(&path);
            continue;
        }
        let Some(key) = name.strip_suffix(&format!(".{PLAIN_EXT}")) else {
            continue;
        };
        let patient = PatientKey(key.to_owned());
        let plain = fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<PatientFile>(&bytes).ok())
            .filter(|file| file.version == PLAIN_VERSION);
        match plain {
            Some(file) if same_salt && !sealed_path(dir, &patient).exists() => {
                if let Err(error) = write_sealed(dir, secrets, &patient, &file) {
                    tracing::warn!(
                        kind = ?error.kind(),
                        "the plain device store could not be migrated; tried again at next start"
                    );
                    return;
                }
                migrated += 1;
            }
            _ => dropped += 1,
        }
        if let Err(error) = fs::remove_file(&path) {
            tracing::warn!(kind = ?error.kind(), "a plain device store file could not be removed");
            return;
        }
    }
    match fs::remove_file(dir.join(PLAIN_SALT_FILE)) {
        Ok(()) => tracing::info!(
            migrated,
            dropped,
            "the device store is now encrypted; its plain files and salt are removed"
        ),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => {
            tracing::warn!(kind = ?error.kind(), "the plain device store's salt could not be removed");
        }
    }
}

fn key_of(salt: &[u8], codice_fiscale: &CodiceFiscale, tessera: &TesseraSanitaria) -> PatientKey {
    let mut hash = Sha256::new();
    hash.update(salt);
    hash.update(codice_fiscale.to_string().as_bytes());
    hash.update([0x1f]);
    hash.update(tessera.to_string().as_bytes());
    PatientKey(hex::encode(hash.finalize()))
}

/// A first-version (plain) store, as an older build wrote it: the salt file and one JSON file
/// per patient (tests of the migration).
#[cfg(test)]
pub fn write_plain_store_for_tests(
    data_dir: &Path,
    salt: &[u8],
    codice_fiscale: &CodiceFiscale,
    tessera: &TesseraSanitaria,
    bookings: &[BookingView],
    now: DateTime<Utc>,
) -> PathBuf {
    let dir = data_dir.join(STORE_DIR);
    fs::create_dir_all(&dir).expect("store dir");
    fs::write(dir.join(PLAIN_SALT_FILE), hex::encode(salt)).expect("salt");
    let mut file = PatientFile {
        version: PLAIN_VERSION,
        bookings: Vec::new(),
    };
    for booking in bookings {
        file.upsert(booking, now);
    }
    let key = key_of(salt, codice_fiscale, tessera);
    let path = dir.join(format!("{}.{PLAIN_EXT}", key.as_str()));
    fs::write(&path, serde_json::to_vec_pretty(&file).expect("json")).expect("plain file");
    path
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

    fn store_files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir.join(STORE_DIR))
            .map(|entries| {
                entries
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[tokio::test]
    async fn keys_are_salted_per_installation_and_name_no_identifier() {
        let one = tempfile::tempdir().unwrap();
        let two = tempfile::tempdir().unwrap();
        let a = DeviceStore::in_memory_key(one.path());
        let b = DeviceStore::in_memory_key(two.path());
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
        // The salt is in the keyring, not beside the files: nothing is written for a key.
        assert!(store_files(one.path()).is_empty());
    }

    #[tokio::test]
    async fn switched_off_it_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = DeviceStore::disabled();
        assert!(!store.is_enabled());
        assert_eq!(store.patient_key(&cf(), &tessera()).await, None);
        assert_eq!(store.not_kept().await, Some(NotKept::SwitchedOff));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[tokio::test]
    async fn without_a_keyring_it_keeps_nothing_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let store = DeviceStore::new(dir.path(), StoreKey::off());
        assert!(store.is_enabled());
        assert_eq!(store.not_kept().await, Some(NotKept::NoKeyring));
        assert_eq!(store.patient_key(&cf(), &tessera()).await, None);
        let patient = PatientKey::for_tests("p");
        store.save_bookings(&patient, &[], cup_clock::now()).await;
        assert!(store.bookings(&patient).await.is_empty());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        let with_key = DeviceStore::in_memory_key(dir.path());
        assert_eq!(with_key.not_kept().await, None);
    }

    #[tokio::test]
    async fn an_empty_file_round_trips_and_a_changed_or_moved_one_is_refused() {
        let secrets = StoreSecrets::draw();
        let patient = PatientKey::for_tests("a");
        let mut file = PatientFile::new();
        file.version = FORMAT_VERSION;
        let sealed = seal(&secrets, &patient, &file).unwrap();
        assert_eq!(unseal(&secrets, &patient, &sealed), Ok(file.clone()));
        assert_ne!(
            seal(&secrets, &patient, &file).unwrap(),
            sealed,
            "a fresh nonce at every write"
        );
        for at in [0, MAGIC.len(), MAGIC.len() + NONCE_LEN, sealed.len() - 1] {
            let mut changed = sealed.clone();
            changed[at] ^= 0x01;
            assert!(unseal(&secrets, &patient, &changed).is_err(), "byte {at}");
        }
        let other = PatientKey::for_tests("b");
        assert_eq!(
            unseal(&secrets, &other, &sealed),
            Err(Unsealed::NotAuthentic),
            "another patient's name"
        );
        assert_eq!(
            unseal(&StoreSecrets::draw(), &patient, &sealed),
            Err(Unsealed::NotAuthentic),
            "another key"
        );
        assert_eq!(
            unseal(&secrets, &patient, br#"{"version": 1, "bookings": []}"#),
            Err(Unsealed::Format)
        );
    }

    #[tokio::test]
    async fn a_damaged_file_reads_as_nothing_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = DeviceStore::in_memory_key(dir.path());
        let key = store.patient_key(&cf(), &tessera()).await.unwrap();
        let path = sealed_path(&dir.path().join(STORE_DIR), &key);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, br#"{"version": 2, "bookings": []}"#).unwrap();
        assert!(store.bookings(&key).await.is_empty());
        fs::write(&path, b"CUPDS\x02short").unwrap();
        assert!(store.bookings(&key).await.is_empty());
        assert!(store.documents(&key, "202600000001").await.is_none());
    }
}
