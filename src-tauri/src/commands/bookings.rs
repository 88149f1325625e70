//! `my_bookings`, `lookup_bookings`, `saved_bookings` and `booking_documents`: the patient's
//! bookings and their documents (GESTISCI). What the backend answers is kept on this device
//! ([`DeviceStore`]); when the backend cannot be reached, what was kept answers instead,
//! marked `device` with when it was last brought up to date.
//!
//! Reminders: a list the backend answered brings this device's reminders in line with it
//! ([`Reminders::sync`]: booked ones reminded, cancelled or moved ones no more). The backend
//! answers only the logged-in patient's bookings, so only the bookings of the citizens who
//! log in on this device are ever reminded; a list answered from the device changes nothing.

use chrono::{DateTime, Utc};
use cup_api::{BookingDocumentsView, BookingStatus, BookingView, LookupQuery};
use cup_client::{CupClient, Token};
use cup_domain::{CupNumber, Nre, Pin};
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::commands::validate_access::{parse_card, parse_cup_number, parse_nre, parse_pin};
use crate::state::device_store::StoredBooking;
use crate::state::{BackendHandle, DeviceStore, Reminders, SessionState};

/// Where an answer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BookingSource {
    /// The regional backend, just now.
    Backend,
    /// This device's store: the backend could not be reached.
    Device,
}

/// A list of bookings and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BookingList {
    pub bookings: Vec<BookingView>,
    pub source: BookingSource,
    /// When the data was last brought up to date (from the device: the oldest of the list);
    /// `null` for an empty list from the device.
    pub updated_at: Option<DateTime<Utc>>,
}

/// A booking's documents and where they come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DocumentsResult {
    pub documents: BookingDocumentsView,
    pub source: BookingSource,
    pub updated_at: Option<DateTime<Utc>>,
}

/// How a booking is retrieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LookupMode {
    /// The call-centre PIN.
    Pin,
    /// The CUP booking number.
    CupNumber,
    /// The prescription number.
    Nre,
}

/// A retrieval key, checked by the domain.
enum Lookup {
    Pin(Pin),
    CupNumber(CupNumber),
    Nre(Nre),
}

impl Lookup {
    fn parse(mode: LookupMode, value: &str) -> Result<Self, AppError> {
        Ok(match mode {
            LookupMode::Pin => Lookup::Pin(parse_pin(value)?),
            LookupMode::CupNumber => Lookup::CupNumber(parse_cup_number(value)?),
            LookupMode::Nre => Lookup::Nre(parse_nre(value)?),
        })
    }

    fn query(&self) -> LookupQuery {
        match self {
            Lookup::Pin(pin) => LookupQuery {
                pin: Some(pin.to_string()),
                ..LookupQuery::default()
            },
            Lookup::CupNumber(cup) => LookupQuery {
                cup_number: Some(cup.to_string()),
                ..LookupQuery::default()
            },
            Lookup::Nre(nre) => LookupQuery {
                nre: Some(nre.to_string()),
                ..LookupQuery::default()
            },
        }
    }

    fn matches(&self, booking: &BookingView) -> bool {
        match self {
            Lookup::Pin(pin) => booking.pin == pin.as_str(),
            Lookup::CupNumber(cup) => booking.cup_number == cup.as_str(),
            Lookup::Nre(nre) => booking.nre.eq_ignore_ascii_case(nre.as_str()),
        }
    }
}

/// Keeps bookings the backend answered with on this device (when it keeps anything), with
/// the documents of the active ones not kept yet: documents travel with bookings. Best
/// effort: nothing here fails the command.
pub async fn keep_bookings(
    client: &CupClient,
    token: &Token,
    session: &SessionState,
    store: &DeviceStore,
    bookings: &[BookingView],
    now: DateTime<Utc>,
) {
    let Some(patient) = session.patient().await else {
        return;
    };
    store.save_bookings(&patient, bookings, now).await;
    for booking in bookings {
        if booking.status != BookingStatus::Booked
            || store
                .documents(&patient, &booking.cup_number)
                .await
                .is_some()
        {
            continue;
        }
        match client.documents(token, &booking.cup_number).await {
            Ok(documents) => store.save_documents(&patient, &documents, now).await,
            Err(error) => {
                tracing::info!(code = error.code(), "documents not kept on the device");
            }
        }
    }
}

/// A backend answer as a list.
fn from_backend(bookings: Vec<BookingView>, now: DateTime<Utc>) -> BookingList {
    BookingList {
        bookings,
        source: BookingSource::Backend,
        updated_at: Some(now),
    }
}

/// Kept bookings as a list: as up to date as the oldest of them.
fn from_device(kept: Vec<StoredBooking>) -> BookingList {
    BookingList {
        updated_at: kept.iter().map(|stored| stored.updated_at).min(),
        bookings: kept.into_iter().map(|stored| stored.booking).collect(),
        source: BookingSource::Device,
    }
}

/// When the backend could not be reached: the logged-in patient's kept bookings that match,
/// or the original error when none are kept.
async fn offline_list(
    session: &SessionState,
    store: &DeviceStore,
    error: AppError,
    matches: impl Fn(&BookingView) -> bool,
) -> Result<BookingList, AppError> {
    if !device_answers(session, &error).await {
        return Err(error);
    }
    let Some(patient) = session.patient().await else {
        return Err(error);
    };
    let kept: Vec<StoredBooking> = store
        .bookings(&patient)
        .await
        .into_iter()
        .filter(|stored| matches(&stored.booking))
        .collect();
    if kept.is_empty() {
        return Err(error);
    }
    tracing::info!(count = kept.len(), "answering from the device store");
    Ok(from_device(kept))
}

/// All the logged-in patient's bookings.
pub async fn my_bookings_with(
    backend: &BackendHandle,
    session: &SessionState,
    store: &DeviceStore,
    reminders: &Reminders,
) -> Result<BookingList, AppError> {
    let online = async {
        let client = backend.client().await?;
        let token = session.token().await?;
        let found = client.bookings(&token).await?;
        Ok::<_, AppError>((client, token, found.bookings))
    }
    .await;
    match session.check(online).await {
        Ok((client, token, bookings)) => {
            let now = cup_clock::now();
            keep_bookings(&client, &token, session, store, &bookings, now).await;
            reminders.sync(&bookings, now);
            Ok(from_backend(bookings, now))
        }
        Err(error) => offline_list(session, store, error, |_| true).await,
    }
}

/// The logged-in patient's bookings found by PIN, CUP number or NRE (checked locally first).
pub async fn lookup_bookings_with(
    backend: &BackendHandle,
    session: &SessionState,
    store: &DeviceStore,
    reminders: &Reminders,
    mode: LookupMode,
    value: &str,
) -> Result<BookingList, AppError> {
    let lookup = Lookup::parse(mode, value)?;
    let online = async {
        let client = backend.client().await?;
        let token = session.token().await?;
        let found = client.lookup(&token, &lookup.query()).await?;
        Ok::<_, AppError>((client, token, found.bookings))
    }
    .await;
    match session.check(online).await {
        Ok((client, token, bookings)) => {
            let now = cup_clock::now();
            keep_bookings(&client, &token, session, store, &bookings, now).await;
            reminders.sync(&bookings, now);
            Ok(from_backend(bookings, now))
        }
        Err(error) => offline_list(session, store, error, |b| lookup.matches(b)).await,
    }
}

/// Whether this device's records answer instead of the backend: it could not be reached, or
/// the session is a device-only one (opened by [`saved_bookings_with`]).
async fn device_answers(session: &SessionState, error: &AppError) -> bool {
    error.is_offline() || (error.is_session_expired() && session.is_device_only().await)
}

/// What this device kept for a patient, without the backend (it could not be reached at
/// login): an empty list when nothing is kept. Opens a device-only session, so that the kept
/// documents of these bookings can be read too.
pub async fn saved_bookings_with(
    session: &SessionState,
    store: &DeviceStore,
    codice_fiscale: &str,
    tessera: &str,
) -> Result<BookingList, AppError> {
    let (cf, card) = parse_card(codice_fiscale, tessera)?;
    let kept = match store.existing_patient_key(&cf, &card).await {
        Some(patient) => {
            let kept = store.bookings(&patient).await;
            session.set_device_only(patient).await;
            kept
        }
        None => Vec::new(),
    };
    Ok(from_device(kept))
}

/// A booking's documents (promemoria and payment notice data).
pub async fn booking_documents_with(
    backend: &BackendHandle,
    session: &SessionState,
    store: &DeviceStore,
    cup_number: &str,
) -> Result<DocumentsResult, AppError> {
    let cup = parse_cup_number(cup_number)?;
    let online = async {
        let client = backend.client().await?;
        let token = session.token().await?;
        Ok::<_, AppError>(client.documents(&token, cup.as_str()).await?)
    }
    .await;
    match session.check(online).await {
        Ok(documents) => {
            let now = cup_clock::now();
            if let Some(patient) = session.patient().await {
                store.save_documents(&patient, &documents, now).await;
            }
            Ok(DocumentsResult {
                documents,
                source: BookingSource::Backend,
                updated_at: Some(now),
            })
        }
        Err(error) if device_answers(session, &error).await => {
            let kept = match session.patient().await {
                Some(patient) => store.documents(&patient, cup.as_str()).await,
                None => None,
            };
            match kept {
                Some(kept) => Ok(DocumentsResult {
                    documents: kept.view,
                    source: BookingSource::Device,
                    updated_at: Some(kept.updated_at),
                }),
                None => Err(error),
            }
        }
        Err(error) => Err(error),
    }
}

#[tauri::command]
#[tracing::instrument(name = "my_bookings", skip_all)]
pub async fn my_bookings(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    reminders: tauri::State<'_, Reminders>,
) -> Result<BookingList, AppError> {
    my_bookings_with(&backend, &session, &store, &reminders).await
}

#[tauri::command]
#[tracing::instrument(name = "lookup_bookings", skip_all, fields(?mode))]
pub async fn lookup_bookings(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    reminders: tauri::State<'_, Reminders>,
    mode: LookupMode,
    value: String,
) -> Result<BookingList, AppError> {
    lookup_bookings_with(&backend, &session, &store, &reminders, mode, &value).await
}

#[tauri::command]
#[tracing::instrument(name = "saved_bookings", skip_all)]
pub async fn saved_bookings(
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    codice_fiscale: String,
    tessera: String,
) -> Result<BookingList, AppError> {
    saved_bookings_with(&session, &store, &codice_fiscale, &tessera).await
}

#[tauri::command]
#[tracing::instrument(name = "booking_documents", skip_all)]
pub async fn booking_documents(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    cup_number: String,
) -> Result<DocumentsResult, AppError> {
    booking_documents_with(&backend, &session, &store, &cup_number).await
}
