//! The reminders' settings and what the UI shows of them: `reminder_settings`,
//! `set_reminder_lead_times`, `missed_reminders` (the home screen's "Hai un appuntamento oggi
//! alle 10:00" banner) and `test_notification` ("Prova le notifiche"). On a device that keeps
//! nothing (kiosk, device store off) there are no reminders: the settings say so.

use chrono::{DateTime, Utc};
use cup_domain::Lang;
use serde::Serialize;

use crate::AppError;
use crate::reminders::{Detail, LeadTime, Notifier, test_notification as test_message};
use crate::state::Reminders;
use crate::state::reminders::{REMINDERS_OFF, TauriNotifier};

/// At least one reminder, at most this many (the settings panel's limit).
pub const MAX_LEAD_TIMES: usize = 5;

/// The reminders' settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReminderSettings {
    /// False on a device that keeps nothing: no reminders at all.
    pub available: bool,
    /// When, before each appointment, a reminder is shown (empty when not available).
    pub lead_times: Vec<LeadTime>,
}

/// A reminder whose time passed while the app was closed, for an appointment still ahead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MissedReminder {
    pub cup_number: String,
    pub starts_at: DateTime<Utc>,
    /// "Promemoria appuntamento".
    pub title: String,
    /// "Hai un appuntamento oggi alle 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO ...".
    pub body: String,
}

fn reminders_off() -> AppError {
    AppError::Other {
        code: REMINDERS_OFF,
        message: "this device keeps no reminders".into(),
    }
}

pub fn reminder_settings_with(reminders: &Reminders) -> ReminderSettings {
    ReminderSettings {
        available: reminders.is_on(),
        lead_times: reminders
            .store()
            .map(|store| store.lead_times())
            .unwrap_or_default(),
    }
}

/// Replaces the lead times: 1 to [`MAX_LEAD_TIMES`], each in range (up to 14 days before).
///
/// # Errors
/// `reminder_lead_times_count` (field `lead_times`), `reminder_lead_time_invalid`,
/// `reminders_off`, or `reminder_io` (the change holds until the app closes).
pub fn set_reminder_lead_times_with(
    reminders: &Reminders,
    lead_times: &[LeadTime],
    now: DateTime<Utc>,
) -> Result<ReminderSettings, AppError> {
    let store = reminders.store().ok_or_else(reminders_off)?;
    if lead_times.is_empty() || lead_times.len() > MAX_LEAD_TIMES {
        return Err(AppError::Invalid {
            code: "reminder_lead_times_count",
            field: "lead_times",
            message: format!("from 1 to {MAX_LEAD_TIMES} reminder times"),
        });
    }
    store.set_lead_times(lead_times, now)?;
    Ok(reminder_settings_with(reminders))
}

/// The reminders missed while the app was closed, worded in `lang` as of `now`.
pub fn missed_reminders_with(
    reminders: &Reminders,
    lang: Lang,
    now: DateTime<Utc>,
) -> Vec<MissedReminder> {
    reminders
        .missed(now)
        .into_iter()
        .map(|due| {
            let message = due.message(now, lang, Detail::Full);
            MissedReminder {
                cup_number: due.booking.cup_number,
                starts_at: due.booking.starts_at,
                title: message.title,
                body: message.body,
            }
        })
        .collect()
}

/// Shows a notification now, as a reminder would be shown.
///
/// # Errors
/// `reminders_off`, or `notification_failed` when the platform refused it.
pub fn test_notification_with(
    reminders: &Reminders,
    notifier: &dyn Notifier,
    lang: Lang,
) -> Result<(), AppError> {
    if !reminders.is_on() {
        return Err(reminders_off());
    }
    let message = test_message(lang);
    notifier
        .notify(&message.title, &message.body)
        .map_err(|error| {
            tracing::warn!(%error, "the test notification could not be shown");
            AppError::Other {
                code: "notification_failed",
                message: "the notification could not be shown".into(),
            }
        })
}

#[tauri::command]
#[tracing::instrument(name = "reminder_settings", skip_all)]
pub fn reminder_settings(
    reminders: tauri::State<'_, Reminders>,
) -> Result<ReminderSettings, AppError> {
    Ok(reminder_settings_with(&reminders))
}

#[tauri::command]
#[tracing::instrument(name = "set_reminder_lead_times", skip_all)]
pub fn set_reminder_lead_times(
    reminders: tauri::State<'_, Reminders>,
    lead_times: Vec<LeadTime>,
) -> Result<ReminderSettings, AppError> {
    set_reminder_lead_times_with(&reminders, &lead_times, cup_clock::now())
}

#[tauri::command]
#[tracing::instrument(name = "missed_reminders", skip_all)]
pub fn missed_reminders(
    reminders: tauri::State<'_, Reminders>,
    lang: Lang,
) -> Result<Vec<MissedReminder>, AppError> {
    Ok(missed_reminders_with(&reminders, lang, cup_clock::now()))
}

#[tauri::command]
#[tracing::instrument(name = "test_notification", skip_all)]
pub fn test_notification<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    reminders: tauri::State<'_, Reminders>,
    lang: Lang,
) -> Result<(), AppError> {
    test_notification_with(&reminders, &TauriNotifier(app), lang)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use chrono::TimeDelta;

    use super::*;
    use crate::reminders::ReminderBooking;
    use crate::state::UiLanguage;

    #[derive(Default)]
    struct Recorder(Mutex<Vec<(String, String)>>);

    impl Notifier for Recorder {
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

    fn booking(cup: &str, starts_at: DateTime<Utc>) -> ReminderBooking {
        ReminderBooking {
            cup_number: cup.to_owned(),
            service: "PRIMA VISITA CARDIOLOGICA".to_owned(),
            starts_at,
            place: "POLIAMBULATORIO".to_owned(),
        }
    }

    #[test]
    fn lead_times_are_checked_and_kept_across_restarts() {
        let dir = tempfile::tempdir().expect("dir");
        let reminders = Reminders::new(dir.path(), UiLanguage::default());
        let settings = reminder_settings_with(&reminders);
        assert!(settings.available);
        assert_eq!(settings.lead_times, LeadTime::defaults());
        let json = serde_json::to_value(&settings).expect("json");
        assert_eq!(json["leadTimes"][0]["kind"], "days_before_at");
        assert_eq!(json["leadTimes"][1]["minutes"], 120);

        let now = cup_clock::now();
        for wrong in [vec![], vec![LeadTime::TWO_HOURS_BEFORE; 6]] {
            let error = set_reminder_lead_times_with(&reminders, &wrong, now).unwrap_err();
            assert_eq!(error.code(), "reminder_lead_times_count");
            assert_eq!(error.field(), Some("lead_times"));
        }
        for wrong in [
            LeadTime::DaysBeforeAt {
                days: 15,
                hour: 18,
                minute: 0,
            },
            LeadTime::DaysBeforeAt {
                days: 1,
                hour: 24,
                minute: 0,
            },
            LeadTime::MinutesBefore { minutes: 0 },
        ] {
            let error = set_reminder_lead_times_with(&reminders, &[wrong], now).unwrap_err();
            assert_eq!(error.code(), "reminder_lead_time_invalid");
        }
        let chosen = vec![
            LeadTime::DaysBeforeAt {
                days: 2,
                hour: 9,
                minute: 30,
            },
            LeadTime::MinutesBefore { minutes: 45 },
        ];
        let settings = set_reminder_lead_times_with(&reminders, &chosen, now).expect("set");
        assert_eq!(settings.lead_times.len(), 2);
        let again = Reminders::new(dir.path(), UiLanguage::default());
        assert_eq!(
            reminder_settings_with(&again).lead_times,
            settings.lead_times
        );
    }

    #[test]
    fn missed_reminders_are_found_once_at_start_and_worded_in_the_ui_language() {
        let dir = tempfile::tempdir().expect("dir");
        let now = cup_clock::now();
        let starts_at = now + TimeDelta::minutes(90);
        {
            let before = Reminders::new(dir.path(), UiLanguage::default());
            let store = before.store().expect("on");
            // Booked yesterday: the "two hours before" reminder fell due half an hour ago,
            // while the app was closed.
            store
                .upsert(booking("202612030042", starts_at), now - TimeDelta::days(1))
                .expect("upsert");
        }
        let reminders = Reminders::new(dir.path(), UiLanguage::default());
        assert!(missed_reminders_with(&reminders, Lang::It, now).is_empty());
        reminders.take_missed_at_start(now);
        let missed = missed_reminders_with(&reminders, Lang::It, now);
        assert_eq!(missed.len(), 1);
        assert_eq!(missed[0].cup_number, "202612030042");
        assert!(
            missed[0].body.starts_with("Hai un appuntamento"),
            "{}",
            missed[0].body
        );
        let english = missed_reminders_with(&reminders, Lang::En, now);
        assert!(english[0].body.starts_with("You have an appointment"));
        // Once the appointment has started there is nothing to show.
        assert!(missed_reminders_with(&reminders, Lang::It, starts_at).is_empty());
        // Taken once: after another start, nothing is missed any more.
        let restarted = Reminders::new(dir.path(), UiLanguage::default());
        restarted.take_missed_at_start(now);
        assert!(missed_reminders_with(&restarted, Lang::It, now).is_empty());
    }

    #[test]
    fn the_test_notification_is_shown_in_the_chosen_language() {
        let dir = tempfile::tempdir().expect("dir");
        let reminders = Reminders::new(dir.path(), UiLanguage::default());
        let recorder = Recorder::default();
        test_notification_with(&reminders, &recorder, Lang::It).expect("shown");
        test_notification_with(&reminders, &recorder, Lang::En).expect("shown");
        let shown = recorder.0.lock().expect("lock").clone();
        assert_eq!(shown.len(), 2);
        assert!(shown[0].0.contains("prova delle notifiche"));
        assert!(shown[1].0.contains("notification test"));
        let off = Reminders::off(UiLanguage::default());
        assert_eq!(
            test_notification_with(&off, &recorder, Lang::It)
                .unwrap_err()
                .code(),
            "reminders_off"
        );
        assert!(!reminder_settings_with(&off).available);
        assert_eq!(
            set_reminder_lead_times_with(&off, &LeadTime::defaults(), cup_clock::now())
                .unwrap_err()
                .code(),
            "reminders_off"
        );
    }
}
