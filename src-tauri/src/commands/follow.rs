//! What follows a booking's change on this device, after the backend answered: its documents
//! (written, removed, or moved to the new booking's folder) and its reminders (set, removed,
//! replaced). Best effort: nothing here fails the command — a failure is logged without
//! identifiers and the citizen still gets the backend's answer. Nothing at all when the
//! device keeps nothing (kiosk, device store off): no patient key, no documents root, no
//! reminders store.

use chrono::{DateTime, Utc};
use cup_api::{BookingStatus, BookingView};

use crate::state::{DeviceStore, DocumentsState, Reminders, SessionState};

/// After "Sì, prenoto!": the new booking's documents, from the data [`keep_bookings`] kept,
/// and its reminders.
///
/// [`keep_bookings`]: crate::commands::bookings::keep_bookings
pub async fn booked(
    session: &SessionState,
    store: &DeviceStore,
    documents: &DocumentsState,
    reminders: &Reminders,
    booking: &BookingView,
    now: DateTime<Utc>,
) {
    reminders.booked(booking, now);
    let Some(patient) = session.patient().await else {
        return;
    };
    if !documents.is_enabled() || booking.status != BookingStatus::Booked {
        return;
    }
    let Some(kept) = store.documents(&patient, &booking.cup_number).await else {
        tracing::info!("no documents data kept: the documents are written when asked for");
        return;
    };
    match documents
        .write(&patient, &kept.view, documents.language(), now)
        .await
    {
        Ok(written) => tracing::info!(
            elapsed_ms = written.elapsed.as_millis(),
            "booking documents written"
        ),
        Err(error) => tracing::warn!(
            code = error.code(),
            "the booking documents were not written"
        ),
    }
}

/// After a cancellation: no more reminders, and the documents removed (a cancelled booking's
/// promemoria must not look valid; asked for again, they are made anew and say DISDETTA).
pub async fn cancelled(
    session: &SessionState,
    documents: &DocumentsState,
    reminders: &Reminders,
    booking: &BookingView,
) {
    reminders.cancelled(&booking.cup_number);
    let Some(patient) = session.patient().await else {
        return;
    };
    if let Err(error) = documents.remove(&patient, &booking.cup_number).await {
        tracing::warn!(
            code = error.code(),
            "the cancelled booking's documents were not removed"
        );
    }
}

/// After a move: the reminders of the old booking replaced by the new one's; the new
/// booking's documents written and the old booking's folder removed.
pub async fn moved(
    session: &SessionState,
    store: &DeviceStore,
    documents: &DocumentsState,
    reminders: &Reminders,
    old_cup_number: &str,
    moved: &BookingView,
    now: DateTime<Utc>,
) {
    reminders.moved(old_cup_number, moved, now);
    let Some(patient) = session.patient().await else {
        return;
    };
    if !documents.is_enabled() {
        return;
    }
    let result = match store.documents(&patient, &moved.cup_number).await {
        Some(kept) => documents
            .after_reschedule(
                &patient,
                old_cup_number,
                &kept.view,
                documents.language(),
                now,
            )
            .await
            .map(|_| ()),
        None => {
            tracing::info!("no documents data kept for the new booking: written when asked for");
            documents.remove(&patient, old_cup_number).await
        }
    };
    if let Err(error) = result {
        tracing::warn!(
            code = error.code(),
            "the moved booking's documents were not updated"
        );
    }
}
