//! What a reminder says, in Italian or English: "Domani alle 10:00: PRIMA VISITA
//! CARDIOLOGICA — POLIAMBULATORIO ..."; at start, for one whose time passed while the app was
//! closed, "Hai un appuntamento oggi alle 10:00: ...".

use chrono::{DateTime, Utc};
use cup_domain::Lang;
use cup_domain::time::rome_date;

use super::{LeadTime, ReminderBooking};
use crate::documents::{clock_time, day_and_month};

/// A reminder to show now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DueReminder {
    pub(crate) booking: ReminderBooking,
    /// The lead time of the (latest) reminder that fell due.
    pub(crate) lead: LeadTime,
    pub(crate) fire_at: DateTime<Utc>,
    /// Its time passed while the app was closed (found at start).
    pub(crate) missed: bool,
}

/// How much a notification says: on a shared screen or a lock screen the service may be
/// health information the citizen prefers to keep private.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Detail {
    /// The service and the place.
    #[default]
    Full,
    /// Only the day and time (no setting offers it yet: the app shows [`Detail::Full`]).
    #[cfg_attr(not(test), allow(dead_code))]
    Discreet,
}

/// A notification's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notification {
    pub(crate) title: String,
    pub(crate) body: String,
}

impl DueReminder {
    /// The notification, worded from `now` ("oggi", "domani", or the day).
    pub(crate) fn message(&self, now: DateTime<Utc>, lang: Lang, detail: Detail) -> Notification {
        let start = self.booking.starts_at;
        let days = (rome_date(start) - rome_date(now)).num_days();
        let time = clock_time(start);
        let day = match (lang, days) {
            (Lang::It, 0) => "oggi".to_owned(),
            (Lang::It, 1) => "domani".to_owned(),
            (Lang::En, 0) => "today".to_owned(),
            (Lang::En, 1) => "tomorrow".to_owned(),
            (Lang::It, _) => day_and_month(rome_date(start), lang),
            (Lang::En, _) => format!("on {}", day_and_month(rome_date(start), lang)),
        };
        let when = match (lang, self.missed) {
            (Lang::It, false) => capitalise(&format!("{day} alle {time}")),
            (Lang::En, false) => capitalise(&format!("{day} at {time}")),
            (Lang::It, true) => format!("Hai un appuntamento {day} alle {time}"),
            (Lang::En, true) => format!("You have an appointment {day} at {time}"),
        };
        let body = match detail {
            Detail::Full => format!(
                "{when}: {} \u{2014} {}",
                self.booking.service, self.booking.place
            ),
            Detail::Discreet => match lang {
                Lang::It => format!("{when}. Apri CUP Toscana per i dettagli."),
                Lang::En => format!("{when}. Open CUP Toscana for the details."),
            },
        };
        let title = match lang {
            Lang::It => "Promemoria appuntamento",
            Lang::En => "Appointment reminder",
        };
        Notification {
            title: title.to_owned(),
            body,
        }
    }
}

/// "Prova le notifiche": what the citizen sees when trying the notifications out.
pub(crate) fn test_notification(lang: Lang) -> Notification {
    let (title, body) = match lang {
        Lang::It => (
            "CUP Toscana: prova delle notifiche",
            "Le notifiche funzionano: ti ricorderemo i tuoi appuntamenti.",
        ),
        Lang::En => (
            "CUP Toscana: notification test",
            "Notifications work: we will remind you of your appointments.",
        ),
    };
    Notification {
        title: title.to_owned(),
        body: body.to_owned(),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
