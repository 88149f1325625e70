//! `book`: confirms a held slot ("Sì, prenoto!"). One idempotency key per confirmation,
//! retried on transport failures: a booking is never doubled nor lost.

use cup_api::{BookRequest, BookingView};
use cup_client::IdempotencyKey;

use crate::AppError;
use crate::retry::{RetryPolicy, with_same_key};
use crate::state::{BackendHandle, SessionState};

pub async fn book_with(
    backend: &BackendHandle,
    session: &SessionState,
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
    session
        .check(result.map(|booked| booked.value).map_err(AppError::from))
        .await
}

#[tauri::command]
#[tracing::instrument(name = "book", skip_all)]
pub async fn book(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    hold_id: i64,
    phone: Option<String>,
) -> Result<BookingView, AppError> {
    let key = IdempotencyKey::new();
    let request = BookRequest { hold_id, phone };
    book_with(&backend, &session, RetryPolicy::DEFAULT, &key, &request).await
}
