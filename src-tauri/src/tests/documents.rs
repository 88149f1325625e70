//! A booking's documents and reminders follow it on this device, through the command
//! functions against a real cup-server (the harness of `manage.rs`): written after "Sì,
//! prenoto!" (the promemoria read back with pdftotext), opened with the system's viewer
//! (recorded here), removed after a cancellation, moved to the new booking's folder after a
//! move; the reminders set, removed and replaced in step, and synced by the bookings' lists;
//! nothing written at all when the device keeps nothing.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use cup_api::{BookingStatus, HoldRequest};
use cup_client::IdempotencyKey;
use cup_domain::Lang;

use super::manage::Harness;
use super::{FAST, citizen};
use crate::AppConfig;
use crate::commands::documents::{Viewer, booking_files_with, open_booking_file_with};
use crate::commands::hold::hold_with;
use crate::commands::reminders::{reminder_settings_with, test_notification_with};
use crate::documents::tests::pdf_text;
use crate::reminders::Notifier;
use crate::state::device_store::PatientKey;
use crate::state::kept_on_device;

/// Records what it was asked to open.
#[derive(Default)]
struct RecordingViewer(Mutex<Vec<PathBuf>>);

impl Viewer for RecordingViewer {
    fn open(&self, path: &Path) -> std::io::Result<()> {
        self.0.lock().expect("lock").push(path.to_path_buf());
        Ok(())
    }
}

#[derive(Default)]
struct RecordingNotifier(Mutex<Vec<(String, String)>>);

impl Notifier for RecordingNotifier {
    fn notify(
        &self,
        title: &str,
        body: &str,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        self.0
            .lock()
            .expect("lock")
            .push((title.to_owned(), body.to_owned()));
        Ok(())
    }
}

impl Harness {
    async fn patient(&self) -> PatientKey {
        self.session.patient().await.expect("a patient key")
    }

    async fn folder(&self, cup: &str) -> PathBuf {
        let patient = self.patient().await;
        self.documents
            .booking_folder(&patient, cup)
            .expect("documents on")
    }

    fn reminded(&self) -> Vec<String> {
        self.reminders
            .store()
            .map(|store| {
                store
                    .plans()
                    .into_iter()
                    .map(|plan| plan.booking.cup_number)
                    .collect()
            })
            .unwrap_or_default()
    }

    async fn open(
        &self,
        viewer: &RecordingViewer,
        cup: &str,
        kind: &str,
    ) -> Result<String, crate::AppError> {
        open_booking_file_with(
            &self.backend,
            &self.session,
            &self.store,
            &self.documents,
            viewer,
            cup,
            kind,
            Lang::It,
        )
        .await
    }
}

fn promemoria_text(folder: &Path) -> String {
    pdf_text(&std::fs::read(folder.join("promemoria.pdf")).expect("promemoria.pdf"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_and_reminders_follow_a_booking_through_its_cancel_and_move() {
    let h = Harness::start().await;
    let visit = citizen("visit_p");
    let mine = h.book("visit_p", 3).await;

    // After "Sì, prenoto!": the files of the booking, in the patient's folder (named by the
    // salted key, never by the codice fiscale), and its reminders.
    let folder = h.folder(&mine.cup_number).await;
    let patient = h.patient().await;
    assert_eq!(
        folder,
        h.data_dir
            .path()
            .join("documents")
            .join(patient.as_str())
            .join(format!("prenotazione-{}", mine.cup_number))
    );
    for name in [
        "promemoria.pdf",
        "pagamento.pdf",
        "appuntamento.ics",
        "tutti-i-documenti.zip",
    ] {
        assert!(folder.join(name).is_file(), "{name}");
    }
    let text = promemoria_text(&folder);
    assert!(text.contains(&mine.cup_number), "{text}");
    assert!(text.contains(&mine.pin), "{text}");
    assert!(!folder.to_string_lossy().contains(&visit.codice_fiscale));
    assert_eq!(h.reminded(), vec![mine.cup_number.clone()]);

    // "Scarica il promemoria" and the others: written again, opened, the path answered.
    let files = booking_files_with(
        &h.backend,
        &h.session,
        &h.store,
        &h.documents,
        &mine.cup_number,
        Lang::En,
    )
    .await
    .expect("booking files");
    assert_eq!(files.folder, folder.to_string_lossy());
    assert!(files.payment.is_some(), "a ticket to pay");
    let text = promemoria_text(&folder);
    assert!(
        text.contains("Booking number") || text.contains("booking"),
        "in English: {text}"
    );
    let archive = std::fs::read(&files.archive).expect("archive");
    let names: Vec<String> = zip::ZipArchive::new(std::io::Cursor::new(archive))
        .expect("zip")
        .file_names()
        .map(|name| name.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .expect("names");
    assert_eq!(names.len(), 3, "{names:?}");
    let viewer = RecordingViewer::default();
    for kind in ["promemoria", "payment", "calendar", "archive"] {
        let path = h
            .open(&viewer, &mine.cup_number, kind)
            .await
            .expect("opened");
        assert!(Path::new(&path).is_file(), "{kind}");
        assert!(path.starts_with(&files.folder), "{kind}");
    }
    // "Apri la cartella dei documenti": the booking's own folder, the one Rust made.
    let path = h
        .open(&viewer, &mine.cup_number, "folder")
        .await
        .expect("folder opened");
    assert_eq!(path, files.folder);
    assert!(Path::new(&path).is_dir());
    let opened = viewer.0.lock().expect("lock").clone();
    assert_eq!(opened.len(), 5);
    assert!(opened[0].ends_with("promemoria.pdf"));
    assert!(opened[2].ends_with("appuntamento.ics"));
    assert_eq!(opened[4], folder);
    let error = h
        .open(&viewer, &mine.cup_number, "../secret")
        .await
        .unwrap_err();
    assert_eq!(
        (error.code(), error.field()),
        ("document_kind", Some("kind"))
    );
    let error = h.open(&viewer, "123", "promemoria").await.unwrap_err();
    assert_eq!(error.field(), Some("cup_number"), "{error:?}");

    // A move: the new booking's documents and reminders, the old ones gone.
    h.login_card("visit_p", false).await.expect("card login");
    let target = h
        .offers(&visit.nre, mine.line, 3, Some(&mine.cup_number))
        .await
        .into_iter()
        .find(|o| o.slot_id != mine.offer.slot_id)
        .expect("another slot");
    let held = hold_with(
        &h.backend,
        &h.session,
        FAST,
        &IdempotencyKey::new(),
        &HoldRequest {
            nre: visit.nre.clone(),
            line: mine.line,
            slot_id: target.slot_id,
            reschedule: Some(mine.cup_number.clone()),
        },
    )
    .await
    .expect("hold for the move");
    let moved = h
        .reschedule(&IdempotencyKey::new(), &mine.cup_number, held.id)
        .await
        .expect("move");
    let new_folder = h.folder(&moved.cup_number).await;
    assert!(!folder.exists(), "the old booking's folder is gone");
    assert!(new_folder.join("promemoria.pdf").is_file());
    assert!(promemoria_text(&new_folder).contains(&moved.cup_number));
    assert_eq!(h.reminded(), vec![moved.cup_number.clone()]);

    // The list syncs the reminders: one lost here comes back from the backend's list.
    let store = h.reminders.store().expect("reminders on");
    store.remove(&moved.cup_number).expect("removed");
    assert!(h.reminded().is_empty());
    h.my_bookings().await.expect("my bookings");
    assert_eq!(h.reminded(), vec![moved.cup_number.clone()]);

    // A cancellation: no reminders, no documents that would look valid.
    let cancelled = h
        .cancel(&IdempotencyKey::new(), &moved.cup_number)
        .await
        .expect("cancel");
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert!(
        !new_folder.exists(),
        "the cancelled booking's folder is gone"
    );
    assert!(h.reminded().is_empty());
    // Asked for again (GESTISCI), the promemoria says the booking was cancelled.
    booking_files_with(
        &h.backend,
        &h.session,
        &h.store,
        &h.documents,
        &moved.cup_number,
        Lang::It,
    )
    .await
    .expect("the cancelled booking's files");
    let text = promemoria_text(&new_folder);
    assert!(text.contains("disdetta"), "{text}");
    // A list with the cancelled booking reminds nothing.
    h.lookup(
        crate::commands::bookings::LookupMode::CupNumber,
        &moved.cup_number,
    )
    .await
    .expect("lookup");
    assert!(h.reminded().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exempt_booking_has_no_payment_notice_and_the_documents_take_milliseconds() {
    let h = Harness::start().await;
    // The UI in English (`set_language`): the documents written after the booking follow it.
    h.language.set(Lang::En);
    let mine = h.book("exempt", 2).await;
    let written = h.folder(&mine.cup_number).await;
    assert!(promemoria_text(&written).contains("Booking reminder"));
    let started = std::time::Instant::now();
    let files = booking_files_with(
        &h.backend,
        &h.session,
        &h.store,
        &h.documents,
        &mine.cup_number,
        Lang::It,
    )
    .await
    .expect("files");
    println!(
        "booking_files (backend documents call + promemoria + .ics + archive, debug build): {} ms",
        started.elapsed().as_millis()
    );
    assert_eq!(files.payment, None);
    assert!(!Path::new(&files.folder).join("pagamento.pdf").exists());
    let viewer = RecordingViewer::default();
    let error = h
        .open(&viewer, &mine.cup_number, "payment")
        .await
        .unwrap_err();
    assert_eq!(error.code(), "nothing_to_pay");
    assert!(viewer.0.lock().expect("lock").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_that_keeps_nothing_writes_no_documents_and_no_reminders() {
    let config = AppConfig {
        device_store: false,
        ..AppConfig::default()
    };
    let h = Harness::start_with(|dir| kept_on_device(config.device_store, Some(dir))).await;
    assert!(!h.documents.is_enabled());
    assert!(!h.reminders.is_on());
    let mine = h.book("visit_p", 2).await;
    let error = booking_files_with(
        &h.backend,
        &h.session,
        &h.store,
        &h.documents,
        &mine.cup_number,
        Lang::It,
    )
    .await
    .unwrap_err();
    assert_eq!(error.code(), "documents_off");
    h.login_card("visit_p", false).await.expect("card login");
    h.my_bookings().await.expect("list");
    h.cancel(&IdempotencyKey::new(), &mine.cup_number)
        .await
        .expect("cancel");
    let settings = reminder_settings_with(&h.reminders);
    assert!(!settings.available);
    assert!(settings.lead_times.is_empty());
    let notifier = RecordingNotifier::default();
    let error = test_notification_with(&h.reminders, &notifier, Lang::It).unwrap_err();
    assert_eq!(error.code(), "reminders_off");
    assert_eq!(
        std::fs::read_dir(h.data_dir.path()).expect("dir").count(),
        0,
        "no documents dir, no reminders dir: {:?}",
        h.files()
    );
}

/// Every folder and file under `dir`, with its permission bits.
#[cfg(unix)]
fn modes_under(dir: &Path) -> Vec<(PathBuf, bool, u32)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, bool, u32)>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            let is_dir = path.is_dir();
            out.push((path.clone(), is_dir, crate::private_files::mode_of(&path)));
            if is_dir {
                walk(&path, out);
            }
        }
    }
    // The data directory itself is the test's temp dir (the app makes its own private:
    // state::kept_on_device, embedded::start).
    let mut out = Vec::new();
    walk(dir, &mut out);
    out
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_file_a_booking_leaves_is_0600_in_0700_folders() {
    let h = Harness::start().await;
    let mine = h.book("visit_p", 3).await;
    // Its documents asked for again (the archive too), the list kept by the device store.
    booking_files_with(
        &h.backend,
        &h.session,
        &h.store,
        &h.documents,
        &mine.cup_number,
        Lang::It,
    )
    .await
    .expect("files");
    h.login_card("visit_p", false).await.expect("card login");
    h.my_bookings().await.expect("list");

    let modes = modes_under(h.data_dir.path());
    let written: Vec<String> = modes
        .iter()
        .filter(|(_, is_dir, _)| !is_dir)
        .map(|(path, _, _)| {
            path.file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for expected in [
        "promemoria.pdf",
        "appuntamento.ics",
        "tutti-i-documenti.zip",
        "reminders.json",
    ] {
        assert!(
            written.iter().any(|name| name == expected),
            "{expected}: {written:?}"
        );
    }
    assert!(
        written.iter().any(|name| name.ends_with(".sealed")),
        "a device store file: {written:?}"
    );
    for (path, is_dir, mode) in &modes {
        let wanted = if *is_dir { 0o700 } else { 0o600 };
        assert_eq!(*mode, wanted, "{path:?} is {mode:o}");
    }
}
