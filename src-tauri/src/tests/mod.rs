//! The command functions against a real cup-server: started in-process on port 0 over a fresh
//! SQLite file in a temp dir, seeded with the `small` demo region, as the app's default run.

mod calendar_days;
mod device_store;
mod documents;
mod kiosk;
mod manage;

use std::time::Duration;

use cup_api::{AvailabilityQuery, BookRequest, BookingStatus, CalendarQuery, HoldRequest};
use cup_client::IdempotencyKey;
use cup_domain::time::rome_date;
use cup_server::demo::{DemoConfig, DemoRegion, Profile};
use cup_server::server::demo_start_day;

use crate::commands::availability::{availability_with, calendar_with};
use crate::commands::book::book_with;
use crate::commands::demo_citizens::{DemoCitizenView, DemoShowcase};
use crate::commands::hold::{extend_hold_with, hold_with, release_hold_with};
use crate::commands::patient::patient_with;
use crate::commands::prescription::prescription_with;
use crate::commands::session::{login_prescription_with, logout_with};
use crate::commands::validate_access::validate_access_for;
use crate::retry::RetryPolicy;
use crate::state::{
    BackendHandle, CardVault, DeviceStore, DocumentsState, Reminders, SessionState, UiLanguage,
};
use crate::{AppConfig, AppError, embedded};

const FAST: RetryPolicy = RetryPolicy {
    retries: 3,
    backoff: Duration::from_millis(10),
};

fn citizen(case: &str) -> DemoCitizenView {
    DemoShowcase::default()
        .citizens()
        .iter()
        .find(|c| c.case == case)
        .cloned()
        .expect("showcase citizen")
}

/// A codice fiscale whose check character is wrong.
fn with_wrong_check_char(cf: &str) -> String {
    let mut chars: Vec<char> = cf.chars().collect();
    let last = chars.last_mut().expect("not empty");
    *last = if *last == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

async fn embedded_backend(dir: &tempfile::TempDir) -> BackendHandle {
    let (client, running) = embedded::start(dir.path(), Duration::from_secs(600))
        .await
        .expect("embedded backend starts");
    BackendHandle::ready(client, Some(running))
}

fn login_request(c: &DemoCitizenView) -> cup_api::PrescriptionLoginRequest {
    cup_api::PrescriptionLoginRequest {
        codice_fiscale: c.codice_fiscale.clone(),
        tessera: c.tessera.clone(),
        nre: c.nre.clone(),
        privacy_consent: true,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn books_a_visit_end_to_end_and_maps_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let backend = embedded_backend(&dir).await;
    let session = SessionState::new();
    let store = DeviceStore::disabled();
    let documents = DocumentsState::disabled(UiLanguage::default());
    let reminders = Reminders::off(UiLanguage::default());
    let vault = CardVault::off();
    let visit = citizen("visit_p");

    // Nothing works before logging in.
    let error = patient_with(&backend, &session).await.unwrap_err();
    assert_eq!(error.code(), "session_expired");

    // Privacy consent is required (the server says so).
    let mut no_consent = login_request(&visit);
    no_consent.privacy_consent = false;
    let error = login_prescription_with(&backend, &session, &store, no_consent)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "privacy_consent_required");

    // A wrong check character is caught locally, with its field.
    let mut wrong = login_request(&visit);
    wrong.codice_fiscale = with_wrong_check_char(&visit.codice_fiscale);
    let error = login_prescription_with(&backend, &session, &store, wrong)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "cf_check_char");
    assert_eq!(error.field(), Some("codice_fiscale"));

    // Login: the token stays in Rust; the UI gets kind, expiry and patient.
    let info = login_prescription_with(&backend, &session, &store, login_request(&visit))
        .await
        .expect("login");
    assert_eq!(info.kind, cup_api::SessionKind::Prescription);
    assert_eq!(info.patient.codice_fiscale, visit.codice_fiscale);
    let json = serde_json::to_value(&info).unwrap();
    assert!(json.get("token").is_none());
    assert!(json.get("expiresAt").is_some());
    assert_eq!(
        patient_with(&backend, &session).await.unwrap().family_name,
        visit.family_name
    );

    // The prescription and its offer.
    let prescription = prescription_with(&backend, &session, &visit.nre)
        .await
        .expect("prescription");
    let line = prescription
        .lines
        .iter()
        .find(|l| l.bookability.bookable)
        .expect("a bookable line")
        .line;
    let query = AvailabilityQuery {
        line,
        limit: Some(5),
        ..AvailabilityQuery::default()
    };
    let offers = availability_with(&backend, &session, &visit.nre, &query)
        .await
        .expect("availability");
    let first = offers.offers.first().expect("an offer").clone();
    let month = first.starts_at.format("%Y-%m").to_string();
    let calendar = calendar_with(
        &backend,
        &session,
        &visit.nre,
        &CalendarQuery {
            line,
            month,
            ..CalendarQuery::default()
        },
    )
    .await
    .expect("calendar");
    assert!(!calendar.days.is_empty());

    // Hold, release, hold again, extend once.
    let request = HoldRequest {
        nre: visit.nre.clone(),
        line,
        slot_id: first.slot_id,
        reschedule: None,
    };
    let held = hold_with(&backend, &session, FAST, &IdempotencyKey::new(), &request)
        .await
        .expect("hold");
    release_hold_with(&backend, &session, FAST, &IdempotencyKey::new(), held.id)
        .await
        .expect("release");
    let held = hold_with(&backend, &session, FAST, &IdempotencyKey::new(), &request)
        .await
        .expect("hold again");
    assert!(held.expires_at > held.server_time);
    if held.can_extend {
        let extended = extend_hold_with(&backend, &session, FAST, &IdempotencyKey::new(), held.id)
            .await
            .expect("extend");
        assert!(extended.expires_at >= held.expires_at);
    }

    // Book; a retry with the same key returns the same booking, never a second one.
    let key = IdempotencyKey::new();
    let book = BookRequest {
        hold_id: held.id,
        phone: Some("333 123 4567".into()),
    };
    let booking = book_with(
        &backend, &session, &store, &documents, &reminders, FAST, &key, &book,
    )
    .await
    .expect("book");
    assert_eq!(booking.status, BookingStatus::Booked);
    assert_eq!(booking.cup_number.len(), 12);
    let replayed = book_with(
        &backend, &session, &store, &documents, &reminders, FAST, &key, &book,
    )
    .await
    .expect("replayed booking");
    assert_eq!(replayed.cup_number, booking.cup_number);
    // A new key for the same hold is refused: the hold is used.
    let error = book_with(
        &backend,
        &session,
        &store,
        &documents,
        &reminders,
        FAST,
        &IdempotencyKey::new(),
        &book,
    )
    .await
    .unwrap_err();
    assert!(matches!(error, AppError::Api { .. }), "{error:?}");

    // Logout forgets the token here.
    logout_with(&backend, &session, &vault, true)
        .await
        .expect("logout");
    let error = patient_with(&backend, &session).await.unwrap_err();
    assert_eq!(error.code(), "session_expired");

    // Backend stopped: `unreachable`, even through the retries.
    login_prescription_with(
        &backend,
        &session,
        &store,
        login_request(&citizen("exempt")),
    )
    .await
    .expect("login again");
    backend.stop().await;
    let error = prescription_with(&backend, &session, &visit.nre)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "unreachable");
    let error = book_with(
        &backend,
        &session,
        &store,
        &documents,
        &reminders,
        FAST,
        &IdempotencyKey::new(),
        &book,
    )
    .await
    .unwrap_err();
    assert_eq!(error.code(), "unreachable");
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["code"], "unreachable");
    assert!(json.get("field").is_none());
}

/// Another demo citizen, picked from the generator (never a copied codice fiscale): one with a
/// bookable line for GIULIA's service who lives in another zone (as in the slot-taken
/// end-to-end test; holds do not depend on the zone).
fn another_cardiology_patient() -> cup_api::PrescriptionLoginRequest {
    let region = DemoRegion::generate(&DemoConfig {
        seed: embedded::DEMO_SEED,
        profile: Profile::Small,
        start_day: demo_start_day(rome_date(cup_clock::now())),
    });
    let giulia = region.showcase_login("visit_p").expect("GIULIA");
    let other = region
        .bookable_for(&giulia.service_code)
        .into_iter()
        .find(|l| l.zone_id != giulia.zone_id)
        .expect("a generated citizen with the same service in another zone");
    cup_api::PrescriptionLoginRequest {
        codice_fiscale: other.codice_fiscale,
        tessera: other.tessera,
        nre: other.nre,
        privacy_consent: true,
    }
}

/// Logs `who` in on `session`, holds `slot_id` on the first bookable line of their
/// prescription.
async fn hold_slot(
    backend: &BackendHandle,
    session: &SessionState,
    who: cup_api::PrescriptionLoginRequest,
    slot_id: Option<i64>,
) -> Result<cup_api::HoldView, AppError> {
    let store = DeviceStore::disabled();
    let nre = who.nre.clone();
    login_prescription_with(backend, session, &store, who)
        .await
        .expect("login");
    let prescription = prescription_with(backend, session, &nre)
        .await
        .expect("prescription");
    let line = prescription
        .lines
        .iter()
        .find(|l| l.bookability.bookable)
        .expect("a bookable line")
        .line;
    let slot_id = match slot_id {
        Some(id) => id,
        None => {
            let query = AvailabilityQuery {
                line,
                limit: Some(1),
                ..AvailabilityQuery::default()
            };
            let offers = availability_with(backend, session, &nre, &query)
                .await
                .expect("availability");
            offers.offers.first().expect("an offer").slot_id
        }
    };
    let request = HoldRequest {
        nre,
        line,
        slot_id,
        reschedule: None,
    };
    hold_with(backend, session, FAST, &IdempotencyKey::new(), &request).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_who_walks_away_leaves_no_slot_held() {
    let dir = tempfile::tempdir().expect("temp dir");
    let backend = embedded_backend(&dir).await;
    let giulia = SessionState::new();
    let other = SessionState::new();
    let vault = CardVault::off();
    let visit = citizen("visit_p");

    // While GIULIA holds her first offer, nobody else can hold it.
    let held = hold_slot(&backend, &giulia, login_request(&visit), None)
        .await
        .expect("GIULIA holds");
    let error = hold_slot(
        &backend,
        &other,
        another_cardiology_patient(),
        Some(held.offer.slot_id),
    )
    .await
    .unwrap_err();
    assert_eq!(error.code(), "slot_unavailable");
    logout_with(&backend, &other, &vault, false)
        .await
        .expect("logout");

    // She logs out (the end of a booking, a kiosk reset): her hold goes with the session.
    logout_with(&backend, &giulia, &vault, false)
        .await
        .expect("logout");
    let taken = hold_slot(
        &backend,
        &other,
        another_cardiology_patient(),
        Some(held.offer.slot_id),
    )
    .await
    .expect("the slot is free again at once");
    assert_eq!(taken.offer.slot_id, held.offer.slot_id);

    // A new login on the same app (the next citizen) releases the previous one's hold too.
    logout_with(&backend, &other, &vault, false)
        .await
        .expect("logout");
    let held = hold_slot(
        &backend,
        &giulia,
        login_request(&visit),
        Some(taken.offer.slot_id),
    )
    .await
    .expect("GIULIA holds it again");
    hold_slot(
        &backend,
        &giulia,
        another_cardiology_patient(),
        Some(held.offer.slot_id),
    )
    .await
    .expect("the next login on this app takes it: the previous hold was released");
}

#[test]
fn validate_access_names_the_wrong_field_without_a_server() {
    let visit = citizen("visit_p");
    assert_eq!(
        validate_access_for(&visit.codice_fiscale, &visit.tessera, &visit.nre),
        Ok(())
    );
    let error = validate_access_for(
        &with_wrong_check_char(&visit.codice_fiscale),
        &visit.tessera,
        &visit.nre,
    )
    .unwrap_err();
    assert_eq!(error.code(), "cf_check_char");
    assert_eq!(error.field(), Some("codice_fiscale"));
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["field"], "codice_fiscale");
    assert_eq!(json["code"], "cf_check_char");

    let error = validate_access_for(&visit.codice_fiscale, "123", &visit.nre).unwrap_err();
    assert_eq!(error.field(), Some("tessera"));
    let error = validate_access_for(&visit.codice_fiscale, &visit.tessera, "0900").unwrap_err();
    assert_eq!(error.field(), Some("nre"));
}

#[tokio::test]
async fn a_backend_that_does_not_start_in_time_answers_timeout() {
    let backend = BackendHandle::starting().with_ready_timeout(Duration::from_millis(20));
    let session = SessionState::new();
    let error = patient_with(&backend, &session).await.unwrap_err();
    assert_eq!(error.code(), "timeout");
    backend.set_failed(AppError::Unreachable);
    let error = patient_with(&backend, &session).await.unwrap_err();
    assert_eq!(error.code(), "unreachable");
}

/// Permissions of Tauri's core the main window holds besides the app's commands, each for a
/// named reason: nothing broader.
const CORE_PERMISSIONS: &[&str] = &[
    // The accessibility toolbar's page zoom.
    "core:webview:allow-set-webview-zoom",
];

/// A capability file's windows and its permissions (Tauri's core ones apart), each sorted;
/// every core permission must be one of [`CORE_PERMISSIONS`].
fn capability(file: &str) -> (Vec<String>, Vec<String>) {
    let path = format!("{}/../capabilities/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("capability file");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let (core, mut granted): (Vec<String>, Vec<String>) = json["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("string").to_owned())
        .partition(|p| p.starts_with("core:"));
    for permission in &core {
        assert!(
            CORE_PERMISSIONS.contains(&permission.as_str()),
            "{file}: {permission} is not one of the named core permissions"
        );
    }
    granted.sort();
    let windows = json["windows"]
        .as_array()
        .expect("windows")
        .iter()
        .map(|w| w.as_str().expect("string").to_owned())
        .collect();
    (windows, granted)
}

fn permissions_of(commands: &[&str]) -> Vec<String> {
    let mut permissions: Vec<String> = commands
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    permissions.sort();
    permissions
}

#[test]
fn capabilities_grant_exactly_the_commands() {
    let (windows, granted) = capability("main.json");
    assert_eq!(windows, ["main"]);
    assert_eq!(granted, permissions_of(crate::commands::COMMANDS));
    // build.rs makes a permission for each command of the same list (command_names.rs).
    let build = include_str!("../../build.rs");
    assert!(build.contains("include!(\"src/command_names.rs\")"));
    for command in crate::kiosk::KIOSK_ONLY_COMMANDS {
        assert!(
            !crate::commands::COMMANDS.contains(command),
            "{command} is the kiosk's only"
        );
    }
    assert!(AppConfig::default().is_demo());
}

#[test]
fn the_kiosk_capability_grants_exactly_the_kiosks_commands() {
    let (windows, granted) = capability("kiosk.json");
    assert_eq!(windows, [crate::kiosk::WINDOW_LABEL]);
    assert_eq!(granted, permissions_of(crate::kiosk::KIOSK_COMMANDS));
    // Nothing that keeps the citizen on the device.
    for kept in ["remembered_card", "forget_card", "saved_bookings"] {
        assert!(!crate::kiosk::KIOSK_COMMANDS.contains(&kept), "{kept}");
    }
    // Every kiosk command is an app command or one of the kiosk's own.
    for command in crate::kiosk::KIOSK_COMMANDS {
        assert!(
            crate::commands::COMMANDS.contains(command)
                || crate::kiosk::KIOSK_ONLY_COMMANDS.contains(command),
            "{command}"
        );
    }
    for command in crate::kiosk::KIOSK_ONLY_COMMANDS {
        assert!(crate::kiosk::KIOSK_COMMANDS.contains(command), "{command}");
    }
}
