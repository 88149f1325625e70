//! Reminders with a manual clock: due at the right instants (Rome time, across daylight-saving
//! changes), missed at start, after cancel, after reschedule, after a restart, with edited
//! lead times; the scheduler task end to end.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use cup_domain::{Lang, rome_to_utc};

use super::*;

fn rome(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    rome_to_utc(
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap(),
    )
    .unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn booking(cup: &str, starts_at: DateTime<Utc>) -> ReminderBooking {
    ReminderBooking {
        cup_number: cup.to_owned(),
        service: "PRIMA VISITA CARDIOLOGICA".to_owned(),
        starts_at,
        place: "POLIAMBULATORIO CITTÀ DI PRATO".to_owned(),
    }
}

fn bodies(due: &[DueReminder], now: DateTime<Utc>) -> Vec<String> {
    due.iter()
        .map(|d| d.message(now, Lang::It, Detail::Full).body)
        .collect()
}

const CUP: &str = "202612030042";

#[test]
fn default_lead_times_fire_the_day_before_at_six_and_two_hours_before() {
    let start = rome(2026, 12, 3, 10, 0);
    assert_eq!(
        LeadTime::DAY_BEFORE_EVENING.fire_at(start),
        Some(rome(2026, 12, 2, 18, 0))
    );
    assert_eq!(
        LeadTime::TWO_HOURS_BEFORE.fire_at(start),
        Some(rome(2026, 12, 3, 8, 0))
    );
    assert_eq!(
        LeadTime::defaults(),
        [LeadTime::DAY_BEFORE_EVENING, LeadTime::TWO_HOURS_BEFORE]
    );
}

#[test]
fn lead_times_across_daylight_saving_changes() {
    // Monday 30 March 2026, 10:00 CEST: the day before (Sunday 29, the change day) at 18:00
    // CEST is 16:00 UTC; two hours before is 06:00 UTC (08:00 CEST).
    let spring = rome(2026, 3, 30, 10, 0);
    assert_eq!(
        LeadTime::DAY_BEFORE_EVENING.fire_at(spring),
        Some(utc("2026-03-29T16:00:00Z"))
    );
    assert_eq!(
        LeadTime::TWO_HOURS_BEFORE.fire_at(spring),
        Some(utc("2026-03-30T06:00:00Z"))
    );
    // A visit at 03:30 CEST on the change night: two hours before is 00:30 CET, three hours
    // earlier on the wall clock (02:00-03:00 does not exist).
    let night = rome(2026, 3, 29, 3, 30);
    assert_eq!(
        LeadTime::TWO_HOURS_BEFORE.fire_at(night),
        Some(rome(2026, 3, 29, 0, 30))
    );
    // "The same day at 02:30" does not exist on 29 March: 03:30 CEST instead.
    let same_day = LeadTime::DaysBeforeAt {
        days: 0,
        hour: 2,
        minute: 30,
    };
    assert_eq!(
        same_day.fire_at(rome(2026, 3, 29, 9, 0)),
        Some(utc("2026-03-29T01:30:00Z"))
    );
    // Sunday 25 October 2026, 10:00 CET (after the change back): the day before at 18:00 is
    // still summer time (16:00 UTC); two hours before is 07:00 UTC (08:00 CET).
    let autumn = rome(2026, 10, 25, 10, 0);
    assert_eq!(autumn, utc("2026-10-25T09:00:00Z"));
    assert_eq!(
        LeadTime::DAY_BEFORE_EVENING.fire_at(autumn),
        Some(utc("2026-10-24T16:00:00Z"))
    );
    assert_eq!(
        LeadTime::TWO_HOURS_BEFORE.fire_at(autumn),
        Some(utc("2026-10-25T07:00:00Z"))
    );
    // A lead that would fire after the start has no reminder.
    let evening_same_day = LeadTime::DaysBeforeAt {
        days: 0,
        hour: 18,
        minute: 0,
    };
    assert_eq!(evening_same_day.fire_at(rome(2026, 12, 3, 10, 0)), None);
}

#[test]
fn due_at_the_right_instants_across_the_spring_change() {
    // Booked in February for Monday 30 March 2026, 10:00 CEST (the clocks went forward on
    // Sunday 29): the reminders fire at 18:00 CEST on the 29th and 08:00 CEST on the 30th.
    let store = ReminderStore::in_memory();
    store
        .upsert(
            booking(CUP, rome(2026, 3, 30, 10, 0)),
            rome(2026, 2, 20, 9, 0),
        )
        .unwrap();
    assert!(store.due(utc("2026-03-29T15:59:59Z")).is_empty());
    let at = utc("2026-03-29T16:00:00Z");
    assert_eq!(
        bodies(&store.due(at), at),
        ["Domani alle 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO CITTÀ DI PRATO"]
    );
    assert!(store.due(utc("2026-03-30T05:59:59Z")).is_empty());
    let at = utc("2026-03-30T06:00:00Z");
    assert_eq!(
        bodies(&store.due(at), at),
        ["Oggi alle 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO CITTÀ DI PRATO"]
    );
}

#[test]
fn due_fires_each_reminder_once_at_its_time() {
    let store = ReminderStore::in_memory();
    let start = rome(2026, 12, 3, 10, 0);
    store
        .upsert(booking(CUP, start), rome(2026, 11, 10, 9, 0))
        .unwrap();
    assert_eq!(
        store.next_fire_at(rome(2026, 11, 10, 9, 0)),
        Some(rome(2026, 12, 2, 18, 0))
    );

    assert!(store.due(rome(2026, 12, 2, 17, 59)).is_empty());
    let at = rome(2026, 12, 2, 18, 0);
    let due = store.due(at);
    assert_eq!(
        bodies(&due, at),
        ["Domani alle 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO CITTÀ DI PRATO"]
    );
    assert_eq!(
        due[0].message(at, Lang::It, Detail::Full).title,
        "Promemoria appuntamento"
    );
    assert_eq!(due[0].lead, LeadTime::DAY_BEFORE_EVENING);
    // Never twice.
    assert!(store.due(rome(2026, 12, 2, 18, 1)).is_empty());
    assert_eq!(store.next_fire_at(at), Some(rome(2026, 12, 3, 8, 0)));

    let at = rome(2026, 12, 3, 8, 0);
    let due = store.due(at);
    assert_eq!(
        bodies(&due, at),
        ["Oggi alle 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO CITTÀ DI PRATO"]
    );
    assert_eq!(
        due[0].message(at, Lang::En, Detail::Full).body,
        "Today at 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO CITTÀ DI PRATO"
    );
    assert_eq!(
        due[0].message(at, Lang::It, Detail::Discreet).body,
        "Oggi alle 10:00. Apri CUP Toscana per i dettagli."
    );
    assert!(store.due(rome(2026, 12, 3, 9, 59)).is_empty());
    assert_eq!(store.next_fire_at(at), None);
    // Once the visit has started it is forgotten.
    assert!(store.due(rome(2026, 12, 3, 10, 0)).is_empty());
    assert!(store.plans().is_empty());
}

#[test]
fn reminders_due_together_after_a_sleep_show_once() {
    let store = ReminderStore::in_memory();
    store
        .upsert(
            booking(CUP, rome(2026, 12, 3, 10, 0)),
            rome(2026, 11, 10, 9, 0),
        )
        .unwrap();
    // The computer slept from the 2nd at 17:00 to the 3rd at 08:30: both fell due.
    let at = rome(2026, 12, 3, 8, 30);
    let due = store.due(at);
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].lead, LeadTime::TWO_HOURS_BEFORE);
    assert!(store.due(at).is_empty());
}

#[test]
fn a_booking_made_late_skips_the_reminders_already_past() {
    let store = ReminderStore::in_memory();
    // Booked on the 2nd at 20:00 for the 3rd at 10:00: the 18:00 reminder is past.
    let now = rome(2026, 12, 2, 20, 0);
    store
        .upsert(booking(CUP, rome(2026, 12, 3, 10, 0)), now)
        .unwrap();
    let plan = &store.plans()[0];
    let reminders: &[Reminder] = &plan.reminders;
    assert_eq!(reminders.len(), 2);
    assert_eq!(plan.reminders[0].state, ReminderState::Skipped);
    assert_eq!(plan.reminders[1].state, ReminderState::Pending);
    assert!(store.due(now).is_empty());
    assert!(store.missed_at_start(now).is_empty());
    assert_eq!(store.due(rome(2026, 12, 3, 8, 0)).len(), 1);
    // A booking for a time already past has nothing to remind.
    store
        .upsert(booking("202612030099", rome(2026, 12, 1, 10, 0)), now)
        .unwrap();
    assert!(
        store
            .plans()
            .iter()
            .all(|p| p.booking.cup_number != "202612030099")
    );
}

#[test]
fn missed_at_start_shows_what_passed_while_the_app_was_closed() {
    let dir = tempfile::tempdir().unwrap();
    let start = rome(2026, 12, 3, 10, 0);
    {
        let store = ReminderStore::open(dir.path());
        store
            .upsert(booking(CUP, start), rome(2026, 11, 10, 9, 0))
            .unwrap();
        store
            .upsert(
                booking("202612030077", rome(2026, 12, 1, 9, 0)),
                rome(2026, 11, 10, 9, 0),
            )
            .unwrap();
    }
    // The app was closed from 10 November until the 2nd at 20:15; the visit of the 1st is past.
    let store = ReminderStore::open(dir.path());
    let now = rome(2026, 12, 2, 20, 15);
    let missed = store.missed_at_start(now);
    assert_eq!(
        bodies(&missed, now),
        [
            "Hai un appuntamento domani alle 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO CITTÀ DI PRATO"
        ]
    );
    assert_eq!(
        missed[0].message(now, Lang::En, Detail::Full).body,
        "You have an appointment tomorrow at 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO CITTÀ DI PRATO"
    );
    assert!(missed[0].missed);
    assert_eq!(store.plans().len(), 1, "the past visit is forgotten");
    // Shown once: neither due nor missed again, even after another restart.
    assert!(store.due(now).is_empty());
    drop(store);
    let store = ReminderStore::open(dir.path());
    assert!(store.missed_at_start(now).is_empty());
    // Opened on the morning of the visit, after the two-hours-before time.
    let now = rome(2026, 12, 3, 8, 40);
    let missed = store.missed_at_start(now);
    assert_eq!(
        bodies(&missed, now),
        [
            "Hai un appuntamento oggi alle 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO CITTÀ DI PRATO"
        ]
    );
    // Opened after the visit: nothing.
    assert!(store.missed_at_start(rome(2026, 12, 3, 10, 5)).is_empty());
}

#[test]
fn a_far_day_is_named() {
    let store = ReminderStore::in_memory();
    let now = rome(2026, 11, 10, 9, 0);
    store
        .set_lead_times(
            &[LeadTime::DaysBeforeAt {
                days: 3,
                hour: 9,
                minute: 0,
            }],
            now,
        )
        .unwrap();
    store
        .upsert(booking(CUP, rome(2026, 12, 3, 10, 0)), now)
        .unwrap();
    let at = rome(2026, 11, 30, 9, 0);
    assert_eq!(
        bodies(&store.due(at), at),
        [
            "Giovedì 3 dicembre alle 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO CITTÀ DI PRATO"
        ]
    );
}

#[test]
fn nothing_fires_after_a_cancel() {
    let store = ReminderStore::in_memory();
    store
        .upsert(
            booking(CUP, rome(2026, 12, 3, 10, 0)),
            rome(2026, 11, 10, 9, 0),
        )
        .unwrap();
    assert!(store.remove(CUP).unwrap());
    assert!(!store.remove(CUP).unwrap());
    assert_eq!(store.next_fire_at(rome(2026, 11, 10, 9, 0)), None);
    assert!(store.due(rome(2026, 12, 2, 18, 0)).is_empty());
    assert!(store.due(rome(2026, 12, 3, 8, 0)).is_empty());
    assert!(store.missed_at_start(rome(2026, 12, 3, 9, 0)).is_empty());
}

#[test]
fn after_a_reschedule_only_the_new_times_fire() {
    let store = ReminderStore::in_memory();
    let booked = rome(2026, 11, 10, 9, 0);
    store
        .upsert(booking(CUP, rome(2026, 12, 3, 10, 0)), booked)
        .unwrap();
    // Moved to the 10th at 11:30, with a new CUP number.
    let mut moved = booking("202612030077", rome(2026, 12, 10, 11, 30));
    moved.place = "OSPEDALE SANTO STEFANO".to_owned();
    store
        .replace(CUP, moved, rome(2026, 11, 20, 12, 0))
        .unwrap();
    assert!(store.due(rome(2026, 12, 2, 18, 0)).is_empty());
    assert!(store.due(rome(2026, 12, 3, 8, 0)).is_empty());
    let at = rome(2026, 12, 9, 18, 0);
    assert_eq!(
        bodies(&store.due(at), at),
        ["Domani alle 11:30: PRIMA VISITA CARDIOLOGICA — OSPEDALE SANTO STEFANO"]
    );
    let at = rome(2026, 12, 10, 9, 30);
    assert_eq!(store.due(at)[0].booking.cup_number, "202612030077");
    assert_eq!(store.plans().len(), 1);
}

#[test]
fn after_a_restart_what_fired_stays_fired_and_what_is_pending_is_pending() {
    let dir = tempfile::tempdir().unwrap();
    let start = rome(2026, 12, 3, 10, 0);
    let store = ReminderStore::open(dir.path());
    store
        .upsert(booking(CUP, start), rome(2026, 11, 10, 9, 0))
        .unwrap();
    assert_eq!(store.due(rome(2026, 12, 2, 18, 0)).len(), 1);
    drop(store);

    let file = std::fs::read_to_string(dir.path().join(STATE_FILE)).unwrap();
    assert!(file.contains("\"version\": 1"), "{file}");
    let store = ReminderStore::open(dir.path());
    let plan = &store.plans()[0];
    assert_eq!(
        plan.reminders[0].state,
        ReminderState::Fired {
            at: rome(2026, 12, 2, 18, 0)
        }
    );
    assert_eq!(plan.reminders[1].state, ReminderState::Pending);
    assert!(store.due(rome(2026, 12, 2, 18, 30)).is_empty());
    assert_eq!(
        store.next_fire_at(rome(2026, 12, 2, 18, 30)),
        Some(rome(2026, 12, 3, 8, 0))
    );
    assert_eq!(store.due(rome(2026, 12, 3, 8, 0)).len(), 1);
    // Read again from the backend after firing: still fired.
    store
        .upsert(booking(CUP, start), rome(2026, 12, 3, 8, 5))
        .unwrap();
    assert!(store.due(rome(2026, 12, 3, 8, 10)).is_empty());
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, [STATE_FILE]);
}

#[test]
fn an_unreadable_file_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(STATE_FILE), b"{\"version\": 99}").unwrap();
    let store = ReminderStore::open(dir.path());
    assert!(store.plans().is_empty());
    assert_eq!(store.lead_times(), LeadTime::defaults());
    assert!(dir.path().join("reminders.json.unreadable").exists());
}

#[test]
fn edited_lead_times_apply_to_existing_bookings_and_persist() {
    let dir = tempfile::tempdir().unwrap();
    let store = ReminderStore::open(dir.path());
    let start = rome(2026, 12, 3, 10, 0);
    store
        .upsert(booking(CUP, start), rome(2026, 11, 10, 9, 0))
        .unwrap();
    assert_eq!(store.due(rome(2026, 12, 2, 18, 0)).len(), 1);

    // Keep the evening one (fired), drop "2 hours", add "30 minutes" and "3 days at 9:00".
    let three_days = LeadTime::DaysBeforeAt {
        days: 3,
        hour: 9,
        minute: 0,
    };
    let half_hour = LeadTime::MinutesBefore { minutes: 30 };
    store
        .set_lead_times(
            &[LeadTime::DAY_BEFORE_EVENING, half_hour, three_days],
            rome(2026, 12, 2, 19, 0),
        )
        .unwrap();
    drop(store);
    let store = ReminderStore::open(dir.path());
    let mut leads = store.lead_times();
    leads.sort();
    let mut expected = vec![LeadTime::DAY_BEFORE_EVENING, half_hour, three_days];
    expected.sort();
    assert_eq!(leads, expected);
    let plan = &store.plans()[0];
    let state_of = |lead| {
        plan.reminders
            .iter()
            .find(|r| r.lead == lead)
            .map(|r| r.state)
    };
    assert!(matches!(
        state_of(LeadTime::DAY_BEFORE_EVENING),
        Some(ReminderState::Fired { .. })
    ));
    assert_eq!(
        state_of(three_days),
        Some(ReminderState::Skipped),
        "already past"
    );
    assert_eq!(state_of(LeadTime::TWO_HOURS_BEFORE), None);
    assert!(
        store.due(rome(2026, 12, 3, 8, 0)).is_empty(),
        "2 hours is gone"
    );
    let at = rome(2026, 12, 3, 9, 30);
    assert_eq!(store.due(at)[0].lead, half_hour);

    // Out of range, or too many: refused, nothing changes.
    let bad = LeadTime::DaysBeforeAt {
        days: 1,
        hour: 24,
        minute: 0,
    };
    assert_eq!(
        store.set_lead_times(&[bad], at).unwrap_err().code(),
        "reminder_lead_time_invalid"
    );
    let many: Vec<_> = (1..=MAX_LEAD_TIMES as u32 + 1)
        .map(|m| LeadTime::MinutesBefore { minutes: m * 10 })
        .collect();
    assert_eq!(
        store.set_lead_times(&many, at).unwrap_err().code(),
        "reminder_lead_times_too_many"
    );
    assert_eq!(store.lead_times().len(), 3);
    // An empty list switches reminders off.
    store.set_lead_times(&[], at).unwrap();
    store
        .upsert(booking("202612030077", rome(2026, 12, 20, 9, 0)), at)
        .unwrap();
    assert_eq!(store.next_fire_at(at), None);
}

#[test]
fn bookings_read_from_the_backend_are_synced() {
    let store = ReminderStore::in_memory();
    let now = rome(2026, 11, 10, 9, 0);
    let start = rome(2026, 12, 3, 10, 0);
    let mut view = crate::documents::tests::sample_view(start).booking;
    store
        .sync_bookings(std::slice::from_ref(&view), now)
        .unwrap();
    assert_eq!(store.plans()[0].booking, booking(CUP, start));
    view.status = cup_api::BookingStatus::Cancelled;
    store.sync_bookings(&[view], now).unwrap();
    assert!(store.plans().is_empty());
}

/// Records what the scheduler shows.
#[derive(Default)]
struct Recorder {
    shown: Mutex<Vec<(String, String)>>,
    tx: Mutex<Option<tokio::sync::mpsc::UnboundedSender<String>>>,
}

impl Notifier for Recorder {
    fn notify(
        &self,
        title: &str,
        body: &str,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        self.shown
            .lock()
            .unwrap()
            .push((title.to_owned(), body.to_owned()));
        if let Some(tx) = self.tx.lock().unwrap().as_ref() {
            tx.send(body.to_owned())?;
        }
        Ok(())
    }
}

async fn next(rx: &mut tokio::sync::mpsc::UnboundedReceiver<String>) -> String {
    tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("a notification in time")
        .expect("the scheduler is running")
}

#[tokio::test]
async fn the_scheduler_shows_missed_then_due_reminders_at_their_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(ReminderStore::open(dir.path()));
    // Two bookings: one whose evening reminder passed while the app was closed.
    store
        .upsert(
            booking(CUP, rome(2026, 12, 3, 10, 0)),
            rome(2026, 11, 10, 9, 0),
        )
        .unwrap();
    let mut other = booking("202612030077", rome(2026, 12, 2, 9, 0));
    other.service = "ECOCOLORDOPPLER".to_owned();
    store.upsert(other, rome(2026, 11, 10, 9, 0)).unwrap();

    let clock = Arc::new(ManualClock::new(rome(2026, 12, 1, 19, 30)));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let recorder = Arc::new(Recorder {
        tx: Mutex::new(Some(tx)),
        ..Recorder::default()
    });
    let task = tokio::spawn(run(
        recorder.clone(),
        store.clone(),
        clock.clone(),
        || Lang::It,
        Detail::Full,
    ));
    // At start: the evening reminder of the 1st (for the 2nd) was missed.
    assert_eq!(
        next(&mut rx).await,
        "Hai un appuntamento domani alle 09:00: ECOCOLORDOPPLER — POLIAMBULATORIO CITTÀ DI PRATO"
    );
    // Time moves: the 2nd at 07:00 (two hours before the doppler).
    clock.set(rome(2026, 12, 2, 7, 0));
    assert_eq!(
        next(&mut rx).await,
        "Oggi alle 09:00: ECOCOLORDOPPLER — POLIAMBULATORIO CITTÀ DI PRATO"
    );
    // A booking made while running wakes the scheduler; its reminder is the next one.
    store
        .upsert(
            booking("202612030088", rome(2026, 12, 2, 12, 0)),
            rome(2026, 12, 2, 7, 0),
        )
        .unwrap();
    clock.set(rome(2026, 12, 2, 10, 0));
    assert_eq!(
        next(&mut rx).await,
        "Oggi alle 12:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO CITTÀ DI PRATO"
    );
    // The cardiology visit of the 3rd: the evening before, then two hours before.
    clock.set(rome(2026, 12, 2, 18, 0));
    assert_eq!(
        next(&mut rx).await,
        "Domani alle 10:00: PRIMA VISITA CARDIOLOGICA — POLIAMBULATORIO CITTÀ DI PRATO"
    );
    // Cancelled meanwhile: nothing more.
    store.remove(CUP).unwrap();
    clock.set(rome(2026, 12, 3, 8, 0));
    tokio::time::sleep(Duration::from_millis(200)).await;
    task.abort();
    let shown = recorder.shown.lock().unwrap().clone();
    assert_eq!(shown.len(), 4, "{shown:?}");
    assert!(
        shown
            .iter()
            .all(|(title, _)| title == "Promemoria appuntamento")
    );
}

#[tokio::test]
async fn the_system_clock_sleeps_until_a_deadline_and_the_scheduler_wakes_every_minute() {
    let clock = SystemClock;
    let before = clock.now();
    clock
        .sleep_until(before + chrono::TimeDelta::milliseconds(30))
        .await;
    assert!(clock.now() >= before + chrono::TimeDelta::milliseconds(30));
    // A deadline in the past resolves at once.
    clock
        .sleep_until(before - chrono::TimeDelta::hours(1))
        .await;
    assert_eq!(MAX_SLEEP, chrono::TimeDelta::minutes(1));
}
