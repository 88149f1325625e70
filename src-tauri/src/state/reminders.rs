//! The appointment reminders of this device: the store (`<app data>/reminders/reminders.json`),
//! the desktop scheduler task, and the reminders missed while the app was closed (computed
//! once at start, for the home screen's banner). Behind the device store's switch: off
//! (kiosk mode, or the device store off), nothing is stored and no task runs.
//!
//! Every change is best effort: a reminder that cannot be saved is logged (without
//! identifiers) and never fails the command that booked, cancelled or moved.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use cup_api::BookingView;
use tauri::{AppHandle, Runtime};

use crate::reminders::{Clock, Detail, DueReminder, Notifier, ReminderBooking, ReminderStore};
use crate::state::language::UiLanguage;

/// The reminders' folder inside the app's data directory.
pub const REMINDERS_DIR: &str = "reminders";

/// Code of the error when this device keeps no reminders.
pub const REMINDERS_OFF: &str = "reminders_off";

pub struct Reminders {
    /// `None`: switched off.
    store: Option<Arc<ReminderStore>>,
    language: UiLanguage,
    /// What fell due while the app was closed, as found at start.
    missed: Mutex<Vec<DueReminder>>,
    task: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
}

impl std::fmt::Debug for Reminders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reminders")
            .field("on", &self.store.is_some())
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Reminders {
    /// The reminders kept under `data_dir` (the folder is created when first written).
    pub fn new(data_dir: &Path, language: UiLanguage) -> Self {
        Self::with_store(
            Some(Arc::new(ReminderStore::open(&data_dir.join(REMINDERS_DIR)))),
            language,
        )
    }

    /// No reminders (kiosk mode, the device store off, or no data directory).
    pub fn off(language: UiLanguage) -> Self {
        Self::with_store(None, language)
    }

    fn with_store(store: Option<Arc<ReminderStore>>, language: UiLanguage) -> Self {
        Self {
            store,
            language,
            missed: Mutex::new(Vec::new()),
            task: Mutex::new(None),
        }
    }

    pub fn store(&self) -> Option<&Arc<ReminderStore>> {
        self.store.as_ref()
    }

    pub fn is_on(&self) -> bool {
        self.store.is_some()
    }

    /// A booking made (or read) on this device: its reminders, added or brought up to date.
    pub fn booked(&self, booking: &BookingView, now: DateTime<Utc>) {
        let Some(store) = &self.store else { return };
        let result = match ReminderBooking::from_view(booking) {
            Some(reminded) => store.upsert(reminded, now),
            None => store.remove(&booking.cup_number).map(|_| ()),
        };
        if let Err(error) = result {
            tracing::warn!(code = error.code(), "the reminders were not saved");
        }
    }

    /// A booking cancelled: no more reminders for it.
    pub fn cancelled(&self, cup_number: &str) {
        let Some(store) = &self.store else { return };
        if let Err(error) = store.remove(cup_number) {
            tracing::warn!(code = error.code(), "the reminders were not saved");
        }
    }

    /// A booking moved: the old one's reminders go, the new one's come.
    pub fn moved(&self, old_cup_number: &str, moved: &BookingView, now: DateTime<Utc>) {
        let Some(store) = &self.store else { return };
        let result = match ReminderBooking::from_view(moved) {
            Some(reminded) => store.replace(old_cup_number, reminded, now),
            None => store.remove(old_cup_number).map(|_| ()),
        };
        if let Err(error) = result {
            tracing::warn!(code = error.code(), "the reminders were not saved");
        }
    }

    /// Bookings the backend answered with, for the logged-in patient: booked ones reminded,
    /// the others' reminders removed. Bookings not in the list are left alone.
    pub fn sync(&self, bookings: &[BookingView], now: DateTime<Utc>) {
        let Some(store) = &self.store else { return };
        if bookings.is_empty() {
            return;
        }
        if let Err(error) = store.sync_bookings(bookings, now) {
            tracing::warn!(code = error.code(), "the reminders were not saved");
        }
    }

    /// At start: takes the reminders missed while the app was closed (kept for the banner),
    /// then runs the scheduler on Tauri's async runtime until [`Reminders::stop`]. Nothing
    /// when switched off.
    pub fn start(&self, notifier: Arc<dyn Notifier>, clock: Arc<dyn Clock>) {
        let Some(store) = &self.store else { return };
        self.take_missed_at_start(clock.now());
        let language = self.language.clone();
        let task = tauri::async_runtime::spawn(crate::reminders::run(
            notifier,
            store.clone(),
            clock,
            move || language.get(),
            Detail::Full,
        ));
        if let Some(previous) = lock(&self.task).replace(task) {
            previous.abort();
        }
    }

    /// Takes (marks fired) the reminders whose time passed while the app was closed and keeps
    /// them for [`Reminders::missed`]. Done once at start, before the scheduler runs.
    pub fn take_missed_at_start(&self, now: DateTime<Utc>) {
        let Some(store) = &self.store else { return };
        let missed = store.missed_at_start(now);
        if !missed.is_empty() {
            tracing::info!(
                count = missed.len(),
                "reminders missed while the app was closed"
            );
        }
        *lock(&self.missed) = missed;
    }

    /// Stops the scheduler (at exit).
    pub fn stop(&self) {
        if let Some(task) = lock(&self.task).take() {
            task.abort();
        }
    }

    /// The reminders missed while the app was closed whose appointment is still ahead.
    pub fn missed(&self, now: DateTime<Utc>) -> Vec<DueReminder> {
        lock(&self.missed)
            .iter()
            .filter(|due| due.booking.starts_at > now)
            .cloned()
            .collect()
    }
}

/// Notifications through tauri-plugin-notification (the desktop's notification server).
pub struct TauriNotifier<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> Notifier for TauriNotifier<R> {
    fn notify(
        &self,
        title: &str,
        body: &str,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        use tauri_plugin_notification::NotificationExt;
        self.0
            .notification()
            .builder()
            .title(title)
            .body(body)
            .show()
            .map_err(|error| Box::new(error) as Box<dyn std::error::Error + Send + Sync>)
    }
}
