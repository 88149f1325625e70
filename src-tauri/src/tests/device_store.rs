//! The device store encrypted at rest, through the command functions against a real
//! cup-server (the harness of `manage.rs`): what a booking leaves in the store's files is
//! unreadable without the key, the key and the salt are in the keyring and in no file, a file
//! changed by one byte is refused (and the citizen still gets the backend's answer), a plain
//! store of the first version is migrated and its plain files and salt removed, and with no
//! usable keyring nothing is kept — and the UI is told why.

use std::path::{Path, PathBuf};

use cup_api::BookingView;
use cup_domain::{CodiceFiscale, TesseraSanitaria};

use super::citizen;
use super::manage::Harness;
use crate::commands::bookings::{BookingSource, my_bookings_with, saved_bookings_with};
use crate::commands::card::remembered_card_with;
use crate::state::device_store::{self, NotKept, STORE_DIR};
use crate::state::store_key::{self, StoreKey, StoreSecrets};
use crate::state::{CardVault, DeviceStore, SessionState};

/// Every file under `dir`, with its bytes.
fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                let bytes = std::fs::read(&path).expect("readable file");
                out.push((path, bytes));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The store's own files (encrypted patient files, and plain ones of the first version).
fn store_files(data_dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_under(&data_dir.join(STORE_DIR))
}

fn names(files: &[(PathBuf, Vec<u8>)]) -> Vec<String> {
    files
        .iter()
        .map(|(path, _)| {
            path.file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn card_of(case: &str) -> (CodiceFiscale, TesseraSanitaria) {
    let c = citizen(case);
    (
        CodiceFiscale::parse(&c.codice_fiscale).expect("cf"),
        TesseraSanitaria::parse(&c.tessera).expect("tessera"),
    )
}

/// What must never be readable in a store file: the citizen's identifiers and the booking's.
fn clear_identifiers(case: &str, booking: &BookingView) -> Vec<String> {
    let c = citizen(case);
    vec![
        c.codice_fiscale.clone(),
        c.tessera.clone(),
        c.nre.clone(),
        c.family_name.clone(),
        booking.pin.clone(),
        booking.cup_number.clone(),
        "3331234567".into(),
        "333 123 4567".into(),
    ]
}

/// The secrets as bytes and as text, in every form a careless write could leave them.
fn secret_forms(secrets: &StoreSecrets) -> Vec<Vec<u8>> {
    vec![
        secrets.key().to_vec(),
        hex::encode(secrets.key()).into_bytes(),
        hex::encode_upper(secrets.key()).into_bytes(),
        secrets.salt().to_vec(),
        hex::encode(secrets.salt()).into_bytes(),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_is_kept_encrypted_and_the_key_is_in_no_file() {
    let key = StoreKey::memory();
    let held = key.clone();
    let h = Harness::start_with(|dir| (DeviceStore::new(dir, held), CardVault::memory())).await;
    let mine = h.book("visit_p", 2).await;
    h.login_card("visit_p", false).await.expect("card login");
    let online = h.my_bookings().await.expect("list");
    assert_eq!(online.source, BookingSource::Backend);

    // One sealed file for the patient, named by the salted key; no salt file beside it.
    let kept = store_files(h.data_dir.path());
    let (cf, tessera) = card_of("visit_p");
    let patient = h
        .store
        .existing_patient_key(&cf, &tessera)
        .await
        .expect("a patient key");
    assert_eq!(names(&kept), [format!("{}.sealed", patient.as_str())]);
    let (_, bytes) = &kept[0];
    assert!(bytes.starts_with(b"CUPDS\x02"), "the format's mark");
    for id in clear_identifiers("visit_p", &mine) {
        assert!(
            !contains(bytes, id.as_bytes()),
            "{id} in clear in the store"
        );
    }
    assert!(!contains(bytes, b"\"bookings\""), "no JSON in clear");

    // The key and the salt are in the keyring, and in no file under the data directory
    // (the store's, the documents', the reminders', the demo database's folder).
    let secrets = key.held_for_tests().await.expect("the key is held");
    let everything = files_under(h.data_dir.path());
    assert!(everything.len() >= 3, "{:?}", names(&everything));
    for (path, bytes) in &everything {
        for form in secret_forms(&secrets) {
            assert!(!contains(bytes, &form), "a secret in {path:?}");
        }
    }

    // Read back without the backend, through the key.
    h.backend.stop().await;
    let offline = h.my_bookings().await.expect("from the device");
    assert_eq!(offline.source, BookingSource::Device);
    assert_eq!(offline.bookings, online.bookings);

    // Opened again (the app restarted) with the same keyring: the same records.
    let again = DeviceStore::new(h.data_dir.path(), key.clone());
    let patient_again = again.existing_patient_key(&cf, &tessera).await;
    assert_eq!(patient_again.as_ref(), Some(&patient));
    assert_eq!(again.bookings(&patient).await.len(), online.bookings.len());
    // With another key the same files say nothing.
    let stranger = DeviceStore::new(h.data_dir.path(), StoreKey::memory());
    let theirs = stranger
        .patient_key(&cf, &tessera)
        .await
        .expect("a key of its own");
    assert!(stranger.bookings(&theirs).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_file_changed_by_one_byte_is_refused_and_the_backend_still_answers() {
    let h = Harness::start().await;
    h.book("visit_p", 2).await;
    h.login_card("visit_p", false).await.expect("card login");
    let online = h.my_bookings().await.expect("list");
    let (cf, tessera) = card_of("visit_p");
    let patient = h
        .store
        .existing_patient_key(&cf, &tessera)
        .await
        .expect("key");
    let (path, bytes) = store_files(h.data_dir.path())
        .pop()
        .expect("the patient's file");
    let tamper = |at: usize| {
        let mut changed = bytes.clone();
        changed[at] ^= 0x20;
        std::fs::write(&path, changed).expect("write");
    };

    // One byte of the contents changed: the file is refused, read as nothing kept.
    tamper(bytes.len() / 2);
    assert!(h.store.bookings(&patient).await.is_empty());
    // The citizen's command is not failed by it: the backend's answer, and the store made
    // good again from it.
    let list = h.my_bookings().await.expect("the backend's answer");
    assert_eq!(list.source, BookingSource::Backend);
    assert_eq!(list.bookings, online.bookings);
    assert_eq!(
        h.store.bookings(&patient).await.len(),
        online.bookings.len()
    );

    // Changed again (the nonce this time), then the backend is gone: the changed file is not
    // shown as the citizen's bookings; the backend's absence is said as it is.
    let (_, rewritten) = store_files(h.data_dir.path()).pop().expect("file");
    let mut changed = rewritten.clone();
    changed[8] ^= 0x01;
    std::fs::write(&path, changed).expect("write");
    h.backend.stop().await;
    let error = h.my_bookings().await.unwrap_err();
    assert_eq!(error.code(), "unreachable");
    let saved = saved_bookings_with(
        &SessionState::new(),
        &h.store,
        &citizen("visit_p").codice_fiscale,
        &citizen("visit_p").tessera,
    )
    .await
    .expect("saved");
    assert!(saved.bookings.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_first_version_store_is_migrated_and_its_plain_files_and_salt_removed() {
    // Bookings as the backend answers them, to be found in a store of the first version.
    let h = Harness::start().await;
    let mine = h.book("visit_p", 2).await;
    h.login_card("visit_p", false).await.expect("card login");
    let online = h.my_bookings().await.expect("list");

    let old = tempfile::tempdir().expect("temp dir");
    let (cf, tessera) = card_of("visit_p");
    let salt = vec![0x5a; 32];
    let plain = device_store::write_plain_store_for_tests(
        old.path(),
        &salt,
        &cf,
        &tessera,
        &online.bookings,
        h.now(),
    );
    let dir = old.path().join(STORE_DIR);
    let leftover = dir.join(".x.json.1.tmp");
    std::fs::write(&leftover, b"{\"half\":").expect("a crashed write's leftover");
    let before = names(&store_files(old.path()));
    assert!(before.contains(&"salt".to_owned()), "{before:?}");
    assert!(
        std::str::from_utf8(&std::fs::read(&plain).expect("plain"))
            .expect("text")
            .contains(&mine.pin),
        "the first version kept the PIN in clear"
    );

    // The first start with a keyring: the salt moves into the keyring with a new key.
    let key = StoreKey::memory();
    let store = DeviceStore::new(old.path(), key.clone());
    store.open().await;
    let secrets = key.held_for_tests().await.expect("kept in the keyring");
    assert_eq!(
        secrets.salt(),
        salt.as_slice(),
        "the file names stay the same"
    );
    let patient = store
        .existing_patient_key(&cf, &tessera)
        .await
        .expect("the patient's key");
    let after = store_files(old.path());
    assert_eq!(
        names(&after),
        [format!("{}.sealed", patient.as_str())],
        "the plain file, the salt and the leftover are gone"
    );
    assert!(!plain.exists() && !leftover.exists() && !dir.join("salt").exists());
    for id in clear_identifiers("visit_p", &mine) {
        assert!(!contains(&after[0].1, id.as_bytes()), "{id} in clear");
    }
    // Everything that was kept is still there, now encrypted.
    let kept = store.bookings(&patient).await;
    let cups = |list: &[BookingView]| {
        let mut cups: Vec<String> = list.iter().map(|b| b.cup_number.clone()).collect();
        cups.sort();
        cups
    };
    let kept_views: Vec<BookingView> = kept.into_iter().map(|s| s.booking).collect();
    assert_eq!(cups(&kept_views), cups(&online.bookings));
    // And read through the commands, as the app restarted would.
    let again = DeviceStore::new(old.path(), key.clone());
    let saved = saved_bookings_with(
        &SessionState::new(),
        &again,
        &citizen("visit_p").codice_fiscale,
        &citizen("visit_p").tessera,
    )
    .await
    .expect("saved");
    assert_eq!(cups(&saved.bookings), cups(&online.bookings));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_usable_keyring_nothing_is_kept_plain_files_are_not_read_and_the_ui_is_told() {
    let h =
        Harness::start_with(|dir| (DeviceStore::new(dir, StoreKey::off()), CardVault::off())).await;
    let remember = remembered_card_with(&h.vault, &h.store).await;
    assert_eq!(remember.bookings_not_kept, Some(NotKept::NoKeyring));
    let json = serde_json::to_value(&remember).expect("json");
    assert_eq!(json["bookingsNotKept"], "no_keyring");

    let mine = h.book("visit_p", 2).await;
    h.login_card("visit_p", false).await.expect("card login");
    let online = h.my_bookings().await.expect("the backend's answer");
    assert_eq!(online.source, BookingSource::Backend);
    assert!(
        !h.data_dir.path().join(STORE_DIR).exists(),
        "no store file written: {:?}",
        names(&files_under(h.data_dir.path()))
    );
    assert!(
        !h.data_dir.path().join("documents").exists(),
        "no documents without a patient key"
    );

    // A plain store of the first version on this machine is neither read nor touched.
    let (cf, tessera) = card_of("visit_p");
    let plain = device_store::write_plain_store_for_tests(
        h.data_dir.path(),
        &[0x11; 32],
        &cf,
        &tessera,
        &online.bookings,
        h.now(),
    );
    let before = store_files(h.data_dir.path());
    h.backend.stop().await;
    let error = h.my_bookings().await.unwrap_err();
    assert_eq!(
        error.code(),
        "unreachable",
        "nothing answered from plain files"
    );
    let saved = saved_bookings_with(
        &SessionState::new(),
        &h.store,
        &citizen("visit_p").codice_fiscale,
        &citizen("visit_p").tessera,
    )
    .await
    .expect("saved");
    assert!(saved.bookings.is_empty(), "{:?}", mine.cup_number);
    assert!(plain.exists());
    assert_eq!(store_files(h.data_dir.path()), before);
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let error = my_bookings_with(
        &h.backend,
        &h.session,
        &DeviceStore::new(elsewhere.path(), StoreKey::off()),
        &h.reminders,
    )
    .await
    .unwrap_err();
    assert_eq!(error.code(), "unreachable");
}

/// Set by `scripts/with-keyring.sh`, which runs a private, unlocked Secret Service.
const KEYRING_ENV: &str = "CUP_KEYRING_TEST";

/// What the Secret Service itself holds for the store's entry (read with libsecret's
/// `secret-tool`, not through our code).
fn secret_tool_lookup(user: &str) -> Option<String> {
    let output = std::process::Command::new("secret-tool")
        .args(["lookup", "service", store_key::SERVICE, "username", user])
        .output()
        .expect("secret-tool (libsecret-tools) runs");
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
        .filter(|secret| !secret.is_empty())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_store_key_lives_in_the_os_keyring_under_its_own_entry() {
    if std::env::var_os(KEYRING_ENV).is_none() {
        eprintln!(
            "skipped: {KEYRING_ENV} is not set, so there may be no Secret Service to use; \
             run under scripts/with-keyring.sh (as scripts/test.sh and CI do)"
        );
        return;
    }
    let user = format!("test-store-{}", std::process::id());
    let key = StoreKey::os_entry(store_key::SERVICE, &user);
    assert!(key.available().await, "{KEYRING_ENV} is set but no keyring");
    let held = key.clone();
    let h = Harness::start_with(|dir| (DeviceStore::new(dir, held), CardVault::memory())).await;
    assert_eq!(h.store.not_kept().await, None);
    let mine = h.book("visit_p", 2).await;
    h.login_card("visit_p", false).await.expect("card login");
    h.my_bookings().await.expect("list");

    let entry = secret_tool_lookup(&user).expect("the Secret Service holds the store's entry");
    let secrets = key.held_for_tests().await.expect("readable");
    assert!(entry.contains(&hex::encode(secrets.key())));
    for (path, bytes) in files_under(h.data_dir.path()) {
        for form in secret_forms(&secrets) {
            assert!(!contains(&bytes, &form), "a secret in {path:?}");
        }
    }
    let (_, sealed) = store_files(h.data_dir.path()).pop().expect("a store file");
    for id in clear_identifiers("visit_p", &mine) {
        assert!(!contains(&sealed, id.as_bytes()), "{id} in clear");
    }
    key.forget().await.expect("clean up");
    assert_eq!(secret_tool_lookup(&user), None);
}
