//! `book`: confirms a held slot ("Sì, prenoto!"). One idempotency key per confirmation,
//! retried on transport failures: a booking is never doubled nor lost. The new booking is
//! kept on this device, with its documents.

use chrono::Utc;
use cup_api::{BookRequest, BookingView};
use cup_client::IdempotencyKey;

use crate::AppError;
use crate::commands::bookings::keep_bookings;
use crate::retry::{RetryPolicy, with_same_key};
use crate::state::{BackendHandle, DeviceStore, SessionState};

pub async fn book_with(
    backend: &BackendHandle,
    session: &SessionState,
    store: &DeviceStore,
    policy: RetryPolicy,
    key: &IdempotencyKey,
    request: &BookRequest,
) -> Result<BookingView, AppError> {
    let client = backend.client().await?;
    let token = session.token().await?;
    let result = with_same_key(policy, key, |key| {
        let (client, token) = (&client, &token);
        async move { client.book(token, &key, request).await }
    })
    .await;
    let booked = session
        .check(result.map(|booked| booked.value).map_err(AppError::from))
        .await?;
    keep_bookings(
        &client,
        &token,
        session,
        store,
        std::slice::from_ref(&booked),
        Utc::now(),
    )
    .await;
    Ok(booked)
}

#[tauri::command]
#[tracing::instrument(name = "book", skip_all)]
pub async fn book(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    hold_id: i64,
    phone: Option<String>,
) -> Result<BookingView, AppError> {
    let key = IdempotencyKey::new();
    let request = BookRequest { hold_id, phone };
    book_with(
        &backend,
        &session,
        &store,
        RetryPolicy::DEFAULT,
        &key,
        &request,
    )
    .await
}
