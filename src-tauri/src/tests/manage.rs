//! Managing bookings (GESTISCI) through the command functions, against a real cup-server
//! started here with a clock the test moves (for the 48-hour cancellation deadline): card
//! access and "remember me", retrieval by PIN / CUP number / NRE, cancel, reschedule, and
//! the device store that answers when the backend cannot be reached.

use std::collections::HashSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Days, NaiveDate, SubsecRound, TimeDelta, Utc};
use cup_api::{
    AvailabilityQuery, BookRequest, BookingStatus, BookingView, Channel, HoldRequest, Offer,
    PrescriptionLoginRequest,
};
use cup_client::{CupClient, IdempotencyKey};
use cup_domain::time::rome_date;
use cup_server::demo::{DemoConfig, DemoRegion, Profile};
use cup_server::infra::sms::SpoolSender;
use cup_server::server::demo_start_day;
use cup_server::{Clock, DemoSeed, ManualClock, ServerConfig};
use tempfile::TempDir;

use super::{FAST, citizen, login_request, with_wrong_check_char};
use crate::commands::availability::availability_with;
use crate::commands::book::book_with;
use crate::commands::bookings::{
    BookingList, BookingSource, LookupMode, booking_documents_with, lookup_bookings_with,
    my_bookings_with, saved_bookings_with,
};
use crate::commands::card::{forget_card_with, remembered_card_with};
use crate::commands::hold::hold_with;
use crate::commands::manage::{cancel_booking_with, reschedule_booking_with};
use crate::commands::prescription::prescription_with;
use crate::commands::session::{
    SessionInfo, login_card_with, login_prescription_with, logout_with,
};
use crate::embedded::DEMO_SEED;
use crate::state::card_vault::{self, CardCredentials};
use crate::state::{
    BackendHandle, CardVault, DeviceStore, DocumentsState, Reminders, SessionState, UiLanguage,
    documents_and_reminders, kept_on_device,
};
use crate::{AppConfig, AppError};

/// The app's state over a cup-server of its own (SQLite in a temp dir, demo region, manual
/// clock), with the device store, the documents and the reminders in another temp dir.
pub(super) struct Harness {
    pub(super) backend: BackendHandle,
    pub(super) clock: Arc<ManualClock>,
    /// The first day of the demo agendas.
    pub(super) start_day: NaiveDate,
    url: String,
    pub(super) session: SessionState,
    pub(super) store: DeviceStore,
    pub(super) vault: CardVault,
    /// The UI's language, as `set_language` sets it.
    pub(super) language: UiLanguage,
    pub(super) documents: DocumentsState,
    pub(super) reminders: Reminders,
    /// The app's data directory (the device store's, the documents' and the reminders').
    pub(super) data_dir: TempDir,
    _db_dir: TempDir,
}

impl Harness {
    /// Device store on, "remember me" in memory.
    pub(super) async fn start() -> Self {
        Self::start_with(|dir| (DeviceStore::in_memory_key(dir), CardVault::memory())).await
    }

    pub(super) async fn start_with(
        on_device: impl FnOnce(&Path) -> (DeviceStore, CardVault),
    ) -> Self {
        Self::start_at(cup_clock::now(), on_device).await
    }

    /// As [`Harness::start_with`], with the server's clock (and so the day its demo region
    /// is generated for) at `at`.
    pub(super) async fn start_at(
        at: DateTime<Utc>,
        on_device: impl FnOnce(&Path) -> (DeviceStore, CardVault),
    ) -> Self {
        let db_dir = tempfile::tempdir().expect("temp dir");
        let data_dir = tempfile::tempdir().expect("temp dir");
        // Whole seconds, as the backend keeps instants.
        let clock = Arc::new(ManualClock::new(at.trunc_subsecs(0)));
        let url = format!("sqlite://{}", db_dir.path().join("cup.db").display());
        let seed = DemoSeed {
            profile: Profile::Small,
            seed: DEMO_SEED,
        };
        let (server_store, _) = cup_server::prepare_store(&url, 4, Some(seed), clock.as_ref())
            .await
            .expect("store");
        let running = cup_server::start(
            SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            server_store,
            clock.clone(),
            ServerConfig::default(),
            Arc::new(SpoolSender::new(None)),
        )
        .await
        .expect("server starts");
        let url = running.url();
        let client = CupClient::new(&url, Channel::App).expect("client");
        let (store, vault) = on_device(data_dir.path());
        // The documents and the reminders are behind the device store's switch, as in the app.
        let language = UiLanguage::default();
        let (documents, reminders) =
            documents_and_reminders(store.is_enabled().then_some(data_dir.path()), &language);
        Harness {
            backend: BackendHandle::ready(client, Some(running)),
            start_day: demo_start_day(rome_date(clock.now())),
            clock,
            url,
            session: SessionState::new(),
            store,
            vault,
            language,
            documents,
            reminders,
            data_dir,
            _db_dir: db_dir,
        }
    }

    pub(super) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub(super) async fn login_card(
        &self,
        case: &str,
        remember: bool,
    ) -> Result<SessionInfo, AppError> {
        let c = citizen(case);
        login_card_with(
            &self.backend,
            &self.session,
            &self.store,
            &self.vault,
            &c.codice_fiscale,
            &c.tessera,
            remember,
        )
        .await
    }

    pub(super) async fn my_bookings(&self) -> Result<BookingList, AppError> {
        my_bookings_with(&self.backend, &self.session, &self.store, &self.reminders).await
    }

    pub(super) async fn lookup(
        &self,
        mode: LookupMode,
        value: &str,
    ) -> Result<BookingList, AppError> {
        lookup_bookings_with(
            &self.backend,
            &self.session,
            &self.store,
            &self.reminders,
            mode,
            value,
        )
        .await
    }

    pub(super) async fn cancel(
        &self,
        key: &IdempotencyKey,
        cup: &str,
    ) -> Result<BookingView, AppError> {
        cancel_booking_with(
            &self.backend,
            &self.session,
            &self.store,
            &self.documents,
            &self.reminders,
            FAST,
            key,
            cup,
        )
        .await
    }

    pub(super) async fn reschedule(
        &self,
        key: &IdempotencyKey,
        cup: &str,
        hold_id: i64,
    ) -> Result<BookingView, AppError> {
        reschedule_booking_with(
            &self.backend,
            &self.session,
            &self.store,
            &self.documents,
            &self.reminders,
            FAST,
            key,
            cup,
            hold_id,
        )
        .await
    }

    /// Offers for line `line` from `days_ahead` days on; for a move when `moving` names the
    /// booking.
    pub(super) async fn offers(
        &self,
        nre: &str,
        line: u32,
        days_ahead: u64,
        moving: Option<&str>,
    ) -> Vec<Offer> {
        let query = AvailabilityQuery {
            line,
            from: Some(rome_date(self.now()) + Days::new(days_ahead)),
            limit: Some(10),
            reschedule: moving.map(str::to_owned),
            ..AvailabilityQuery::default()
        };
        availability_with(&self.backend, &self.session, nre, &query)
            .await
            .expect("availability")
            .offers
    }

    /// The PRENOTA flow through the app's commands: three-factor login, prescription, the
    /// first offer at least `days_ahead` days ahead, hold, book.
    pub(super) async fn book(&self, case: &str, days_ahead: u64) -> BookingView {
        let c = citizen(case);
        login_prescription_with(&self.backend, &self.session, &self.store, login_request(&c))
            .await
            .expect("three-factor login");
        let prescription = prescription_with(&self.backend, &self.session, &c.nre)
            .await
            .expect("prescription");
        let line = prescription
            .lines
            .iter()
            .find(|l| l.bookability.bookable)
            .expect("a bookable line")
            .line;
        let offer = self
            .offers(&c.nre, line, days_ahead, None)
            .await
            .into_iter()
            .next()
            .expect("an offer");
        let held = hold_with(
            &self.backend,
            &self.session,
            FAST,
            &IdempotencyKey::new(),
            &HoldRequest {
                nre: c.nre.clone(),
                line,
                slot_id: offer.slot_id,
                reschedule: None,
            },
        )
        .await
        .expect("hold");
        book_with(
            &self.backend,
            &self.session,
            &self.store,
            &self.documents,
            &self.reminders,
            FAST,
            &IdempotencyKey::new(),
            &BookRequest {
                hold_id: held.id,
                phone: Some("333 123 4567".into()),
            },
        )
        .await
        .expect("book")
    }

    /// Every file under the data directory, with its contents (PDFs and archives read
    /// lossily as text).
    pub(super) fn files(&self) -> Vec<(PathBuf, String)> {
        fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
            for entry in std::fs::read_dir(dir).expect("read dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    let bytes = std::fs::read(&path).expect("readable file");
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    out.push((path, text));
                }
            }
        }
        let mut out = Vec::new();
        walk(self.data_dir.path(), &mut out);
        out
    }
}

fn cups(list: &BookingList) -> Vec<&str> {
    list.bookings
        .iter()
        .map(|b| b.cup_number.as_str())
        .collect()
}

fn booked(list: &BookingList) -> Vec<&BookingView> {
    list.bookings
        .iter()
        .filter(|b| b.status == BookingStatus::Booked)
        .collect()
}

/// The same digits with the last one changed: a typing error the check digit catches.
fn with_wrong_last_digit(value: &str) -> String {
    let mut chars: Vec<char> = value.chars().collect();
    let last = chars.last_mut().expect("not empty");
    *last = if *last == '0' { '1' } else { '0' };
    chars.into_iter().collect()
}

fn assert_local(error: &AppError, field: &str) {
    assert!(
        matches!(error, AppError::Invalid { .. }),
        "caught locally, not by the backend: {error:?}"
    );
    assert_eq!(error.field(), Some(field), "{error:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retrieves_a_booking_by_each_mode_and_checks_keys_locally() {
    let h = Harness::start().await;
    let visit = citizen("visit_p");
    let exempt = citizen("exempt");
    let mine = h.book("visit_p", 2).await;
    let theirs = h.book("exempt", 2).await;
    let info = h.login_card("visit_p", false).await.expect("card login");
    assert_eq!(info.kind, cup_api::SessionKind::Card);
    assert_eq!(info.patient.codice_fiscale, visit.codice_fiscale);

    // All the patient's bookings, fresh from the backend.
    let all = h.my_bookings().await.expect("my bookings");
    assert_eq!(all.source, BookingSource::Backend);
    assert!(all.updated_at.is_some());
    assert_eq!(cups(&all), vec![mine.cup_number.as_str()]);
    assert_eq!(all.bookings[0].status, BookingStatus::Booked);
    let json = serde_json::to_value(&all).expect("json");
    assert_eq!(json["source"], "backend");
    assert!(json["updatedAt"].is_string());

    // By PIN (also typed with a space), CUP number and NRE.
    let spaced_pin = format!("{} {}", &mine.pin[..4], &mine.pin[4..]);
    for (mode, value) in [
        (LookupMode::Pin, mine.pin.as_str()),
        (LookupMode::Pin, spaced_pin.as_str()),
        (LookupMode::CupNumber, mine.cup_number.as_str()),
        (LookupMode::Nre, visit.nre.as_str()),
    ] {
        let found = h.lookup(mode, value).await.expect("lookup");
        assert_eq!(cups(&found), vec![mine.cup_number.as_str()], "{mode:?}");
        assert_eq!(found.source, BookingSource::Backend);
    }

    // Another patient's booking is not found by any of its keys, nor can it be read or
    // cancelled from this session.
    for (mode, value) in [
        (LookupMode::CupNumber, theirs.cup_number.as_str()),
        (LookupMode::Pin, theirs.pin.as_str()),
        (LookupMode::Nre, exempt.nre.as_str()),
    ] {
        let found = h.lookup(mode, value).await.expect("lookup");
        assert!(found.bookings.is_empty(), "{mode:?}: {:?}", cups(&found));
    }
    let error = booking_documents_with(&h.backend, &h.session, &h.store, &theirs.cup_number)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "not_found");
    let error = h
        .cancel(&IdempotencyKey::new(), &theirs.cup_number)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "not_found");
    h.login_card("exempt", false).await.expect("their login");
    let theirs_now = h.my_bookings().await.expect("their bookings");
    assert_eq!(booked(&theirs_now).len(), 1, "still theirs, still booked");
    h.login_card("visit_p", false).await.expect("login again");

    // A typing error in each key is named, with its field, before anything is sent.
    let error = h
        .lookup(LookupMode::Pin, &with_wrong_last_digit(&mine.pin))
        .await
        .unwrap_err();
    assert_local(&error, "pin");
    assert_eq!(error.code(), "pin_check");
    let error = h
        .lookup(LookupMode::CupNumber, &mine.cup_number[1..])
        .await
        .unwrap_err();
    assert_local(&error, "cup_number");
    let error = h
        .lookup(LookupMode::Nre, &visit.nre[1..])
        .await
        .unwrap_err();
    assert_local(&error, "nre");
    let short_cup = &mine.cup_number[1..];
    let error = booking_documents_with(&h.backend, &h.session, &h.store, short_cup)
        .await
        .unwrap_err();
    assert_local(&error, "cup_number");
    let error = h
        .cancel(&IdempotencyKey::new(), "20260000000X")
        .await
        .unwrap_err();
    assert_local(&error, "cup_number");
    let error = h
        .reschedule(&IdempotencyKey::new(), short_cup, 1)
        .await
        .unwrap_err();
    assert_local(&error, "cup_number");
    let error = login_card_with(
        &h.backend,
        &h.session,
        &h.store,
        &h.vault,
        &with_wrong_check_char(&visit.codice_fiscale),
        &visit.tessera,
        false,
    )
    .await
    .unwrap_err();
    assert_local(&error, "codice_fiscale");
    assert_eq!(error.code(), "cf_check_char");
    let error = login_card_with(
        &h.backend,
        &h.session,
        &h.store,
        &h.vault,
        &visit.codice_fiscale,
        &with_wrong_last_digit(&visit.tessera),
        false,
    )
    .await
    .unwrap_err();
    assert_local(&error, "tessera");
    // A locally refused login leaves the session as it was.
    assert_eq!(
        h.my_bookings()
            .await
            .expect("still logged in")
            .bookings
            .len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancels_for_free_before_the_deadline_and_owing_the_ticket_after_it() {
    let h = Harness::start().await;
    let early = h.book("visit_p", 5).await;
    h.login_card("visit_p", false).await.expect("card login");
    assert!(early.cancel_by > h.now(), "the deadline is days away");
    assert_eq!(
        early.cancel_by,
        early.offer.starts_at - TimeDelta::hours(48)
    );
    assert!(!early.malum_owed);

    let key = IdempotencyKey::new();
    let cancelled = h.cancel(&key, &early.cup_number).await.expect("cancel");
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert!(!cancelled.malum_owed, "cancelled in time: nothing owed");
    assert_eq!(cancelled.cancelled_at, Some(h.now()));
    // The same call retried with its key answers the same; a new one is refused.
    assert_eq!(
        h.cancel(&key, &early.cup_number).await,
        Ok(cancelled.clone())
    );
    let error = h
        .cancel(&IdempotencyKey::new(), &early.cup_number)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "booking_state_conflict");
    let list = h.my_bookings().await.expect("list");
    assert_eq!(list.bookings.len(), 1);
    assert_eq!(list.bookings[0].status, BookingStatus::Cancelled);

    // The line can be booked again; then the appointment comes within 48 hours.
    let late = h.book("visit_p", 5).await;
    h.clock.set(late.offer.starts_at - TimeDelta::hours(24));
    // Meanwhile the session expired: the citizen is asked to log in again.
    let error = h.my_bookings().await.unwrap_err();
    assert_eq!(error.code(), "session_expired");
    h.login_card("visit_p", false).await.expect("card login");
    let list = h.my_bookings().await.expect("list");
    let shown = list
        .bookings
        .iter()
        .find(|b| b.cup_number == late.cup_number)
        .expect("the late booking");
    assert!(
        shown.cancel_by < h.now(),
        "past the deadline: the malum warning"
    );
    let cancelled = h
        .cancel(&IdempotencyKey::new(), &late.cup_number)
        .await
        .expect("a late cancellation is still allowed");
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert!(cancelled.malum_owed, "cancelled late: the ticket is owed");
    assert!(cancelled.ticket_cents > 0);

    // The device keeps both cancellations as they were answered.
    h.backend.stop().await;
    let kept = h.my_bookings().await.expect("from the device");
    assert_eq!(kept.source, BookingSource::Device);
    assert!(booked(&kept).is_empty());
    let kept_late = kept
        .bookings
        .iter()
        .find(|b| b.cup_number == late.cup_number)
        .expect("kept");
    assert!(kept_late.malum_owed);
    assert_eq!(kept.bookings.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reschedules_in_one_step_and_the_device_follows_the_move() {
    let h = Harness::start().await;
    let visit = citizen("visit_p");
    let old = h.book("visit_p", 2).await;
    h.login_card("visit_p", false).await.expect("card login");

    // Offers for the move (the booked line is searched again only for it), then the hold.
    let target = h
        .offers(&visit.nre, old.line, 2, Some(&old.cup_number))
        .await
        .into_iter()
        .find(|o| o.slot_id != old.offer.slot_id)
        .expect("another slot");
    let held = hold_with(
        &h.backend,
        &h.session,
        FAST,
        &IdempotencyKey::new(),
        &HoldRequest {
            nre: visit.nre.clone(),
            line: old.line,
            slot_id: target.slot_id,
            reschedule: Some(old.cup_number.clone()),
        },
    )
    .await
    .expect("hold for the move");
    let key = IdempotencyKey::new();
    let moved = h
        .reschedule(&key, &old.cup_number, held.id)
        .await
        .expect("move");
    assert_eq!(moved.status, BookingStatus::Booked);
    assert_ne!(moved.cup_number, old.cup_number);
    assert_eq!(moved.offer.slot_id, target.slot_id);
    assert_eq!(moved.moved_from.as_deref(), Some(old.cup_number.as_str()));
    assert!(
        moved.sms_phone.is_some(),
        "the SMS reminder follows the move"
    );
    // Retried with its key: the same move, not a second one.
    let replayed = h
        .reschedule(&key, &old.cup_number, held.id)
        .await
        .expect("replay");
    assert_eq!(replayed.cup_number, moved.cup_number);

    // What the device kept right after the move (no list was asked for since): the old
    // booking moved to the new one, the new one booked.
    let kept = saved_bookings_with(
        &SessionState::new(),
        &h.store,
        &visit.codice_fiscale,
        &visit.tessera,
    )
    .await
    .expect("kept");
    assert_eq!(kept.source, BookingSource::Device);
    assert_eq!(kept.bookings.len(), 2);
    let kept_old = kept
        .bookings
        .iter()
        .find(|b| b.cup_number == old.cup_number)
        .expect("old kept");
    assert_eq!(kept_old.status, BookingStatus::Moved);
    assert_eq!(
        kept_old.moved_to.as_deref(),
        Some(moved.cup_number.as_str())
    );
    assert_eq!(
        booked(&kept)
            .iter()
            .map(|b| b.cup_number.as_str())
            .collect::<Vec<_>>(),
        vec![moved.cup_number.as_str()]
    );

    // The backend says the same.
    let list = h.my_bookings().await.expect("list");
    assert_eq!(list.bookings.len(), 2);
    assert_eq!(booked(&list).len(), 1);
    assert_eq!(booked(&list)[0].cup_number, moved.cup_number);
    let listed_old = list
        .bookings
        .iter()
        .find(|b| b.cup_number == old.cup_number)
        .expect("old listed");
    assert_eq!(listed_old.status, BookingStatus::Moved);

    // Offline, the documents follow the move: the new booking's are there, and the old
    // booking's carry its moved status.
    h.backend.stop().await;
    let docs = booking_documents_with(&h.backend, &h.session, &h.store, &moved.cup_number)
        .await
        .expect("new documents from the device");
    assert_eq!(docs.source, BookingSource::Device);
    assert_eq!(docs.documents.booking.cup_number, moved.cup_number);
    assert_eq!(docs.documents.booking.offer.slot_id, target.slot_id);
    assert!(docs.documents.payment.is_some());
    let old_docs = booking_documents_with(&h.backend, &h.session, &h.store, &old.cup_number)
        .await
        .expect("old documents from the device");
    assert_eq!(old_docs.documents.booking.status, BookingStatus::Moved);
}

/// A demo patient, other than the showcase ones, with a prescription line for `service`.
fn other_patients_with(
    region: &DemoRegion,
    service_id: i64,
) -> Vec<(PrescriptionLoginRequest, u32)> {
    let showcase: HashSet<i64> = region.showcase.iter().map(|c| c.prescription_id).collect();
    let prebooked: HashSet<(i64, i64)> = region
        .prebooked
        .iter()
        .map(|p| (p.prescription_id, p.line))
        .collect();
    region
        .items
        .iter()
        .filter(|i| i.service_id == service_id && !showcase.contains(&i.prescription_id))
        .filter(|i| !prebooked.contains(&(i.prescription_id, i.line)))
        .filter_map(|item| {
            let p = region
                .prescriptions
                .iter()
                .find(|p| p.id == item.prescription_id)
                .filter(|p| p.nre.starts_with("090") && p.priority.as_deref() != Some("U"))?;
            let c = region.citizens.iter().find(|c| c.id == p.citizen_id)?;
            let request = PrescriptionLoginRequest {
                codice_fiscale: c.codice_fiscale.clone(),
                tessera: c.tessera.clone(),
                nre: p.nre.clone(),
                privacy_consent: true,
            };
            Some((request, u32::try_from(item.line).ok()?))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slot_taken_by_someone_else_leaves_the_old_booking_in_place() {
    let h = Harness::start().await;
    let visit = citizen("visit_p");
    let old = h.book("visit_p", 2).await;
    h.login_card("visit_p", false).await.expect("card login");
    let offers = h
        .offers(&visit.nre, old.line, 2, Some(&old.cup_number))
        .await;
    let target = offers
        .iter()
        .find(|o| o.slot_id != old.offer.slot_id)
        .expect("a slot for the move")
        .clone();

    // Someone else, on another device, holds and books that slot first.
    let region = DemoRegion::generate(&DemoConfig {
        seed: DEMO_SEED,
        profile: Profile::Small,
        start_day: h.start_day,
    });
    let visit_row = region
        .showcase
        .iter()
        .find(|c| c.case == "visit_p")
        .expect("visit_p");
    let service_id = region
        .items
        .iter()
        .find(|i| i.prescription_id == visit_row.prescription_id && i.line == i64::from(old.line))
        .expect("visit_p's line")
        .service_id;
    let other = CupClient::new(&h.url, Channel::Web).expect("client");
    let mut taken = false;
    for (request, line) in other_patients_with(&region, service_id) {
        let Ok(session) = other.login_prescription(&request).await else {
            continue;
        };
        let hold = HoldRequest {
            nre: request.nre.clone(),
            line,
            slot_id: target.slot_id,
            reschedule: None,
        };
        let Ok(held) = other
            .hold(&session.token, &IdempotencyKey::new(), &hold)
            .await
        else {
            continue;
        };
        let book = BookRequest {
            hold_id: held.value.id,
            phone: None,
        };
        other
            .book(&session.token, &IdempotencyKey::new(), &book)
            .await
            .expect("the other patient books the slot");
        taken = true;
        break;
    }
    assert!(
        taken,
        "no other demo patient could take the slot: the demo region changed"
    );

    // Our hold for the move fails: the slot is gone. The citizen keeps the old booking.
    let error = hold_with(
        &h.backend,
        &h.session,
        FAST,
        &IdempotencyKey::new(),
        &HoldRequest {
            nre: visit.nre.clone(),
            line: old.line,
            slot_id: target.slot_id,
            reschedule: Some(old.cup_number.clone()),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(error.code(), "slot_unavailable");
    let error = h
        .reschedule(&IdempotencyKey::new(), &old.cup_number, i64::MAX)
        .await
        .unwrap_err();
    assert!(matches!(error, AppError::Api { .. }), "{error:?}");
    let list = h.my_bookings().await.expect("list");
    assert_eq!(
        cups(&list),
        vec![old.cup_number.as_str()],
        "nothing doubled"
    );
    assert_eq!(list.bookings[0].status, BookingStatus::Booked);
    assert_eq!(list.bookings[0].offer.slot_id, old.offer.slot_id);

    // A hold that expires before the move is confirmed changes nothing either.
    let later = offers
        .iter()
        .find(|o| o.slot_id != old.offer.slot_id && o.slot_id != target.slot_id)
        .expect("a third slot");
    let held = hold_with(
        &h.backend,
        &h.session,
        FAST,
        &IdempotencyKey::new(),
        &HoldRequest {
            nre: visit.nre.clone(),
            line: old.line,
            slot_id: later.slot_id,
            reschedule: Some(old.cup_number.clone()),
        },
    )
    .await
    .expect("hold");
    h.clock.advance(TimeDelta::seconds(601));
    let error = h
        .reschedule(&IdempotencyKey::new(), &old.cup_number, held.id)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "hold_expired");
    let list = h.my_bookings().await.expect("list");
    assert_eq!(booked(&list).len(), 1);
    assert_eq!(booked(&list)[0].cup_number, old.cup_number);
    assert_eq!(booked(&list)[0].offer.slot_id, old.offer.slot_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_backend_the_device_shows_what_it_kept() {
    let started = cup_clock::now();
    let h = Harness::start().await;
    let visit = citizen("visit_p");
    let mine = h.book("visit_p", 2).await;
    h.login_card("visit_p", false).await.expect("card login");
    let online = h.my_bookings().await.expect("list");
    let docs_online = booking_documents_with(&h.backend, &h.session, &h.store, &mine.cup_number)
        .await
        .expect("documents");
    assert_eq!(docs_online.source, BookingSource::Backend);
    let refreshed_by = cup_clock::now();

    h.backend.stop().await;
    let offline = h.my_bookings().await.expect("from the device");
    assert_eq!(offline.source, BookingSource::Device);
    assert_eq!(offline.bookings, online.bookings);
    let updated = offline
        .updated_at
        .expect("when it was last brought up to date");
    assert!(started <= updated && updated <= refreshed_by, "{updated}");
    let json = serde_json::to_value(&offline).expect("json");
    assert_eq!(json["source"], "device");
    assert!(json["updatedAt"].is_string());

    // Retrieval works on what was kept.
    for (mode, value) in [
        (LookupMode::Pin, mine.pin.as_str()),
        (LookupMode::CupNumber, mine.cup_number.as_str()),
        (LookupMode::Nre, visit.nre.as_str()),
    ] {
        let found = h.lookup(mode, value).await.expect("from the device");
        assert_eq!(found.source, BookingSource::Device, "{mode:?}");
        assert_eq!(cups(&found), vec![mine.cup_number.as_str()], "{mode:?}");
    }
    // Nothing kept for a key: the backend's absence is said as it is.
    let error = h
        .lookup(LookupMode::CupNumber, "000000000001")
        .await
        .unwrap_err();
    assert_eq!(error.code(), "unreachable");
    let docs = booking_documents_with(&h.backend, &h.session, &h.store, &mine.cup_number)
        .await
        .expect("documents from the device");
    assert_eq!(docs.source, BookingSource::Device);
    assert_eq!(docs.documents, docs_online.documents);
    assert!(docs.updated_at.is_some());
    let error = booking_documents_with(&h.backend, &h.session, &h.store, "000000000001")
        .await
        .unwrap_err();
    assert_eq!(error.code(), "unreachable");
    // A device that kept nothing answers with the original error.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let empty = DeviceStore::in_memory_key(elsewhere.path());
    let error = my_bookings_with(&h.backend, &h.session, &empty, &h.reminders)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "unreachable");

    // At login the backend cannot be reached: what the device kept for that identity.
    let error = h.login_card("visit_p", false).await.unwrap_err();
    assert_eq!(error.code(), "unreachable");
    let saved = saved_bookings_with(
        &h.session,
        &h.store,
        &visit.codice_fiscale.to_lowercase(),
        &visit.tessera,
    )
    .await
    .expect("saved");
    assert_eq!(saved.source, BookingSource::Device);
    assert_eq!(cups(&saved), vec![mine.cup_number.as_str()]);
    assert!(saved.updated_at.is_some());
    // In that view the kept documents of those bookings open too, and nothing else does.
    let documents = booking_documents_with(&h.backend, &h.session, &h.store, &mine.cup_number)
        .await
        .expect("kept documents without the backend");
    assert_eq!(documents.source, BookingSource::Device);
    assert_eq!(documents.documents.booking.cup_number, mine.cup_number);
    let error = h
        .cancel(&IdempotencyKey::new(), &mine.cup_number)
        .await
        .unwrap_err();
    assert!(
        matches!(error.code(), "session_expired" | "unreachable"),
        "no change without the backend: {error:?}"
    );
    let exempt = citizen("exempt");
    let nobody = saved_bookings_with(
        &SessionState::new(),
        &h.store,
        &exempt.codice_fiscale,
        &exempt.tessera,
    )
    .await
    .expect("another identity");
    assert!(nobody.bookings.is_empty());
    assert_eq!(nobody.updated_at, None);
    let crossed = saved_bookings_with(
        &SessionState::new(),
        &h.store,
        &visit.codice_fiscale,
        &exempt.tessera,
    )
    .await
    .expect("a card of someone else");
    assert!(crossed.bookings.is_empty());
    let error = saved_bookings_with(
        &SessionState::new(),
        &h.store,
        &with_wrong_check_char(&visit.codice_fiscale),
        &visit.tessera,
    )
    .await
    .unwrap_err();
    assert_local(&error, "codice_fiscale");

    // The files name no one and never hold the card number; they are versioned.
    let files = h.files();
    assert!(files.len() >= 2, "{files:?}");
    for (path, text) in &files {
        let name = path.file_name().expect("name").to_string_lossy();
        for id in [
            visit.codice_fiscale.as_str(),
            visit.tessera.as_str(),
            mine.cup_number.as_str(),
            mine.pin.as_str(),
            visit.nre.as_str(),
        ] {
            assert!(!name.contains(id), "{name}");
        }
        assert!(!text.contains(&visit.tessera), "the card number in {name}");
        if name.ends_with(".json") {
            let json: serde_json::Value = serde_json::from_str(text).expect("json");
            assert_eq!(json["version"], 1);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switched_off_the_device_keeps_nothing() {
    let config = AppConfig {
        device_store: false,
        ..AppConfig::default()
    };
    let h = Harness::start_with(|dir| kept_on_device(config.device_store, Some(dir))).await;
    let visit = citizen("visit_p");
    let remember = remembered_card_with(&h.vault, &h.store).await;
    assert!(!remember.available, "no remember me on a kiosk");
    assert_eq!(remember.card, None);

    let mine = h.book("visit_p", 2).await;
    h.login_card("visit_p", true).await.expect("card login");
    assert_eq!(remembered_card_with(&h.vault, &h.store).await.card, None);
    assert_eq!(h.my_bookings().await.expect("list").bookings.len(), 1);
    h.lookup(LookupMode::Pin, &mine.pin).await.expect("lookup");
    booking_documents_with(&h.backend, &h.session, &h.store, &mine.cup_number)
        .await
        .expect("documents");
    h.cancel(&IdempotencyKey::new(), &mine.cup_number)
        .await
        .expect("cancel");
    assert!(h.files().is_empty(), "{:?}", h.files());

    h.backend.stop().await;
    let error = h.my_bookings().await.unwrap_err();
    assert_eq!(error.code(), "unreachable");
    let saved = saved_bookings_with(
        &SessionState::new(),
        &h.store,
        &visit.codice_fiscale,
        &visit.tessera,
    )
    .await
    .expect("saved");
    assert!(saved.bookings.is_empty());
    assert!(h.files().is_empty());
    assert_eq!(
        std::fs::read_dir(h.data_dir.path()).expect("dir").count(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remember_me_keeps_the_card_until_logout_or_forget() {
    let h = Harness::start().await;
    let visit = citizen("visit_p");
    let expected = CardCredentials {
        codice_fiscale: visit.codice_fiscale.clone(),
        tessera: visit.tessera.clone(),
    };
    let state = remembered_card_with(&h.vault, &h.store).await;
    assert!(state.available);
    assert_eq!(state.card, None);

    // Typed in lower case: remembered as the card reads.
    login_card_with(
        &h.backend,
        &h.session,
        &h.store,
        &h.vault,
        &visit.codice_fiscale.to_lowercase(),
        &visit.tessera,
        true,
    )
    .await
    .expect("login");
    let json = serde_json::to_value(remembered_card_with(&h.vault, &h.store).await).expect("json");
    assert_eq!(json["available"], true);
    assert_eq!(json["card"]["codiceFiscale"], visit.codice_fiscale);
    assert_eq!(json["card"]["tessera"], visit.tessera);

    // Without "remember me" the card is forgotten.
    h.login_card("visit_p", false).await.expect("login");
    assert_eq!(remembered_card_with(&h.vault, &h.store).await.card, None);

    // Forgotten on request...
    h.login_card("visit_p", true).await.expect("login");
    assert_eq!(
        remembered_card_with(&h.vault, &h.store).await.card,
        Some(expected.clone())
    );
    forget_card_with(&h.vault).await.expect("forget");
    assert_eq!(remembered_card_with(&h.vault, &h.store).await.card, None);

    // The end of a booking closes the session and keeps the card...
    h.login_card("visit_p", true).await.expect("login");
    logout_with(&h.backend, &h.session, &h.vault, false)
        .await
        .expect("logout");
    assert_eq!(h.my_bookings().await.unwrap_err().code(), "session_expired");
    assert_eq!(
        remembered_card_with(&h.vault, &h.store).await.card,
        Some(expected.clone())
    );

    // ... and "Esci" forgets it, with the session.
    h.login_card("visit_p", true).await.expect("login");
    logout_with(&h.backend, &h.session, &h.vault, true)
        .await
        .expect("logout");
    assert_eq!(remembered_card_with(&h.vault, &h.store).await.card, None);
    assert_eq!(h.my_bookings().await.unwrap_err().code(), "session_expired");

    // A login the backend refuses remembers nothing.
    let exempt = citizen("exempt");
    let error = login_card_with(
        &h.backend,
        &h.session,
        &h.store,
        &h.vault,
        &visit.codice_fiscale,
        &exempt.tessera,
        true,
    )
    .await
    .unwrap_err();
    assert_eq!(error.code(), "authentication_failed");
    assert_eq!(remembered_card_with(&h.vault, &h.store).await.card, None);
}

/// Set by `scripts/with-keyring.sh`, which runs a private, unlocked Secret Service.
const KEYRING_ENV: &str = "CUP_KEYRING_TEST";

/// What the Secret Service itself holds for the entry (read with libsecret's `secret-tool`,
/// not through our code).
fn secret_tool_lookup(user: &str) -> Option<String> {
    let output = std::process::Command::new("secret-tool")
        .args(["lookup", "service", card_vault::SERVICE, "username", user])
        .output()
        .expect("secret-tool (libsecret-tools) runs");
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
        .filter(|secret| !secret.is_empty())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remember_me_round_trips_through_the_os_keyring() {
    if std::env::var_os(KEYRING_ENV).is_none() {
        eprintln!(
            "skipped: {KEYRING_ENV} is not set, so there may be no Secret Service to use; \
             run under scripts/with-keyring.sh (as scripts/test.sh and CI do)"
        );
        return;
    }
    // The app's service, an entry of this test's own.
    let user = format!("test-{}", std::process::id());
    let h = Harness::start_with(|dir| {
        (
            DeviceStore::in_memory_key(dir),
            CardVault::os_entry(card_vault::SERVICE, &user),
        )
    })
    .await;
    let visit = citizen("visit_p");
    let state = remembered_card_with(&h.vault, &h.store).await;
    assert!(
        state.available,
        "{KEYRING_ENV} is set but the keyring is not usable"
    );
    assert_eq!(state.card, None);

    h.login_card("visit_p", true).await.expect("login");
    let card = remembered_card_with(&h.vault, &h.store)
        .await
        .card
        .expect("remembered");
    assert_eq!(card.codice_fiscale, visit.codice_fiscale);
    assert_eq!(card.tessera, visit.tessera);
    let held = secret_tool_lookup(&user).expect("the Secret Service holds the entry");
    assert!(held.contains(&visit.tessera));
    // Never in a plain file of the app.
    for (path, text) in h.files() {
        assert!(!text.contains(&visit.tessera), "{path:?}");
    }

    forget_card_with(&h.vault).await.expect("forget");
    assert_eq!(remembered_card_with(&h.vault, &h.store).await.card, None);
    assert_eq!(secret_tool_lookup(&user), None, "gone from the keyring");
    forget_card_with(&h.vault)
        .await
        .expect("forgetting twice is fine");

    h.login_card("visit_p", true).await.expect("login");
    assert!(
        remembered_card_with(&h.vault, &h.store)
            .await
            .card
            .is_some()
    );
    logout_with(&h.backend, &h.session, &h.vault, true)
        .await
        .expect("logout");
    assert_eq!(remembered_card_with(&h.vault, &h.store).await.card, None);
    assert_eq!(secret_tool_lookup(&user), None, "logout forgets it");
}
