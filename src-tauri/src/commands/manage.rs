//! `cancel_booking` (disdetta) and `reschedule_booking` (spostamento). One idempotency key
//! per call, retried with it: a cancellation or a move is never doubled nor lost. The
//! answer is kept on this device (a move marks the old booking moved there too), and the
//! booking's documents and reminders follow ([`follow::cancelled`], [`follow::moved`]).

use cup_api::{BookingView, RescheduleRequest};
use cup_client::IdempotencyKey;

use crate::AppError;
use crate::commands::bookings::keep_bookings;
use crate::commands::follow;
use crate::commands::validate_access::parse_cup_number;
use crate::retry::{RetryPolicy, with_same_key};
use crate::state::{BackendHandle, DeviceStore, DocumentsState, Reminders, SessionState};

/// Cancels a booking; past the deadline (48 h before) the answer says the malum is owed.
#[allow(clippy::too_many_arguments)]
pub async fn cancel_booking_with(
    backend: &BackendHandle,
    session: &SessionState,
    store: &DeviceStore,
    documents: &DocumentsState,
    reminders: &Reminders,
    policy: RetryPolicy,
    key: &IdempotencyKey,
    cup_number: &str,
) -> Result<BookingView, AppError> {
    let cup = parse_cup_number(cup_number)?;
    let client = backend.client().await?;
    let token = session.token().await?;
    let result = with_same_key(policy, key, |key| {
        let (client, token, cup) = (&client, &token, &cup);
        async move { client.cancel(token, &key, cup.as_str()).await }
    })
    .await;
    let cancelled = session
        .check(result.map(|done| done.value).map_err(AppError::from))
        .await?;
    keep_bookings(
        &client,
        &token,
        session,
        store,
        std::slice::from_ref(&cancelled),
        cup_clock::now(),
    )
    .await;
    follow::cancelled(session, documents, reminders, &cancelled).await;
    Ok(cancelled)
}

/// Moves a booking to the slot held with `hold_id` (held with `reschedule` naming it) in one
/// atomic step on the backend; answers the new booking. If it fails, the old one stands.
#[allow(clippy::too_many_arguments)]
pub async fn reschedule_booking_with(
    backend: &BackendHandle,
    session: &SessionState,
    store: &DeviceStore,
    documents: &DocumentsState,
    reminders: &Reminders,
    policy: RetryPolicy,
    key: &IdempotencyKey,
    cup_number: &str,
    hold_id: i64,
) -> Result<BookingView, AppError> {
    let cup = parse_cup_number(cup_number)?;
    let client = backend.client().await?;
    let token = session.token().await?;
    let request = RescheduleRequest { hold_id };
    let result = with_same_key(policy, key, |key| {
        let (client, token, cup, request) = (&client, &token, &cup, &request);
        async move { client.reschedule(token, &key, cup.as_str(), request).await }
    })
    .await;
    let moved = session
        .check(result.map(|done| done.value).map_err(AppError::from))
        .await?;
    session.hold_done(hold_id).await;
    let now = cup_clock::now();
    keep_bookings(
        &client,
        &token,
        session,
        store,
        std::slice::from_ref(&moved),
        now,
    )
    .await;
    follow::moved(
        session,
        store,
        documents,
        reminders,
        cup.as_str(),
        &moved,
        now,
    )
    .await;
    Ok(moved)
}

#[tauri::command]
#[tracing::instrument(name = "cancel_booking", skip_all)]
pub async fn cancel_booking(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    documents: tauri::State<'_, DocumentsState>,
    reminders: tauri::State<'_, Reminders>,
    cup_number: String,
) -> Result<BookingView, AppError> {
    let key = IdempotencyKey::new();
    cancel_booking_with(
        &backend,
        &session,
        &store,
        &documents,
        &reminders,
        RetryPolicy::DEFAULT,
        &key,
        &cup_number,
    )
    .await
}

#[tauri::command]
#[tracing::instrument(name = "reschedule_booking", skip_all)]
pub async fn reschedule_booking(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    documents: tauri::State<'_, DocumentsState>,
    reminders: tauri::State<'_, Reminders>,
    cup_number: String,
    hold_id: i64,
) -> Result<BookingView, AppError> {
    let key = IdempotencyKey::new();
    reschedule_booking_with(
        &backend,
        &session,
        &store,
        &documents,
        &reminders,
        RetryPolicy::DEFAULT,
        &key,
        &cup_number,
        hold_id,
    )
    .await
}
