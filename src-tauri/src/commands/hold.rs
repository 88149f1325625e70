//! `hold`, `extend_hold` and `release_hold`: the slot reserved (RISERVATO) while the citizen
//! confirms. Each call makes one idempotency key and retries transport failures with it.

use cup_api::{HoldRequest, HoldView};
use cup_client::IdempotencyKey;

use crate::AppError;
use crate::retry::{RetryPolicy, with_same_key};
use crate::state::{BackendHandle, SessionState};

pub async fn hold_with(
    backend: &BackendHandle,
    session: &SessionState,
    policy: RetryPolicy,
    key: &IdempotencyKey,
    request: &HoldRequest,
) -> Result<HoldView, AppError> {
    let client = backend.client().await?;
    let token = session.token().await?;
    let result = with_same_key(policy, key, |key| {
        let (client, token) = (&client, &token);
        async move { client.hold(token, &key, request).await }
    })
    .await;
    let held = session
        .check(result.map(|held| held.value).map_err(AppError::from))
        .await?;
    session.held(held.id).await;
    Ok(held)
}

pub async fn extend_hold_with(
    backend: &BackendHandle,
    session: &SessionState,
    policy: RetryPolicy,
    key: &IdempotencyKey,
    hold_id: i64,
) -> Result<HoldView, AppError> {
    let client = backend.client().await?;
    let token = session.token().await?;
    let result = with_same_key(policy, key, |key| {
        let (client, token) = (&client, &token);
        async move { client.extend_hold(token, &key, hold_id).await }
    })
    .await;
    session
        .check(result.map(|held| held.value).map_err(AppError::from))
        .await
}

pub async fn release_hold_with(
    backend: &BackendHandle,
    session: &SessionState,
    policy: RetryPolicy,
    key: &IdempotencyKey,
    hold_id: i64,
) -> Result<(), AppError> {
    let client = backend.client().await?;
    let token = session.token().await?;
    let result = with_same_key(policy, key, |key| {
        let (client, token) = (&client, &token);
        async move { client.release_hold(token, &key, hold_id).await }
    })
    .await;
    session
        .check(result.map(|_| ()).map_err(AppError::from))
        .await?;
    session.hold_done(hold_id).await;
    Ok(())
}

#[tauri::command]
#[tracing::instrument(name = "hold", skip_all)]
pub async fn hold(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    request: HoldRequest,
) -> Result<HoldView, AppError> {
    let key = IdempotencyKey::new();
    hold_with(&backend, &session, RetryPolicy::DEFAULT, &key, &request).await
}

#[tauri::command]
#[tracing::instrument(name = "extend_hold", skip_all)]
pub async fn extend_hold(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    hold_id: i64,
) -> Result<HoldView, AppError> {
    let key = IdempotencyKey::new();
    extend_hold_with(&backend, &session, RetryPolicy::DEFAULT, &key, hold_id).await
}

#[tauri::command]
#[tracing::instrument(name = "release_hold", skip_all)]
pub async fn release_hold(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    hold_id: i64,
) -> Result<(), AppError> {
    let key = IdempotencyKey::new();
    release_hold_with(&backend, &session, RetryPolicy::DEFAULT, &key, hold_id).await
}
