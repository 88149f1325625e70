//! The desktop scheduler: a tokio task that sleeps until the next reminder (waking at least
//! once a minute, and at once when the reminders change), then shows what is due through a
//! [`Notifier`] — tauri-plugin-notification in the app, a recorder in tests.

use std::sync::Arc;

use chrono::TimeDelta;
use cup_domain::Lang;

use super::{Clock, Detail, ReminderStore};

/// The longest the scheduler sleeps: a changed system clock or a computer waking from sleep
/// is noticed within this.
pub(crate) const MAX_SLEEP: TimeDelta = TimeDelta::minutes(1);

/// Shows a notification.
pub(crate) trait Notifier: Send + Sync {
    /// # Errors
    /// Whatever the platform says (logged, never retried: a reminder fires at most once).
    fn notify(
        &self,
        title: &str,
        body: &str,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>>;
}

/// Runs until its task is aborted: first the reminders missed while the app was closed
/// ("Hai un appuntamento oggi alle 10:00"), then each reminder at its time. `lang` is asked
/// at each notification: the citizen may change the UI's language meanwhile.
pub(crate) async fn run(
    notifier: Arc<dyn Notifier>,
    store: Arc<ReminderStore>,
    clock: Arc<dyn Clock>,
    lang: impl Fn() -> Lang + Send + Sync + 'static,
    detail: Detail,
) {
    let now = clock.now();
    for reminder in store.missed_at_start(now) {
        show(notifier.as_ref(), &reminder.message(now, lang(), detail));
    }
    loop {
        let now = clock.now();
        for reminder in store.due(now) {
            show(notifier.as_ref(), &reminder.message(now, lang(), detail));
        }
        let wake = store
            .next_fire_at(now)
            .map_or(now + MAX_SLEEP, |next| next.min(now + MAX_SLEEP));
        tokio::select! {
            () = clock.sleep_until(wake) => {}
            () = store.changed() => {}
        }
    }
}

fn show(notifier: &dyn Notifier, message: &super::Notification) {
    if let Err(error) = notifier.notify(&message.title, &message.body) {
        tracing::warn!(%error, "a reminder could not be shown");
    }
}
