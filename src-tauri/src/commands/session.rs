//! `login_prescription`, `login_card` and `logout`: the sessions. The token stays in
//! [`SessionState`] with the key of the patient's records on this device; the UI gets the
//! session's kind, expiry and patient.

use chrono::{DateTime, Utc};
use cup_api::{CardLoginRequest, PatientView, PrescriptionLoginRequest, SessionKind};
use cup_client::{CupClient, IdempotencyKey, Session};
use serde::Serialize;

use crate::AppError;
use crate::commands::validate_access::{parse_card, validate_access_for};
use crate::state::card_vault::CardCredentials;
use crate::state::device_store::PatientKey;
use crate::state::session::Ended;
use crate::state::{BackendHandle, CardVault, DeviceStore, SessionState};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub kind: SessionKind,
    /// Sliding: every call moves it forward on the server.
    pub expires_at: DateTime<Utc>,
    pub patient: PatientView,
}

impl From<Session> for SessionInfo {
    fn from(created: Session) -> Self {
        SessionInfo {
            kind: created.kind,
            expires_at: created.expires_at,
            patient: created.patient,
        }
    }
}

/// Ends the previous session, if any, before a new login (best effort on the server: it
/// expires by itself anyway).
async fn end_previous(client: &CupClient, session: &SessionState) {
    if let Some(previous) = session.end().await {
        close_on_server(client, previous).await;
    }
}

/// Releases the ended session's live holds and revokes its token, best effort: a hold
/// expires and a session times out by themselves anyway.
async fn close_on_server(client: &CupClient, ended: Ended) {
    for hold_id in ended.holds {
        let key = IdempotencyKey::new();
        if let Err(error) = client.release_hold(&ended.token, &key, hold_id).await {
            tracing::info!(
                code = error.code(),
                "a hold was not released; it will expire"
            );
        }
    }
    if let Err(error) = client.logout(&ended.token).await {
        tracing::info!(
            code = error.code(),
            "server-side logout failed; the session will expire"
        );
    }
}

/// Checks the three factors locally, then logs in; a previous session is replaced.
pub async fn login_prescription_with(
    backend: &BackendHandle,
    session: &SessionState,
    store: &DeviceStore,
    request: PrescriptionLoginRequest,
) -> Result<SessionInfo, AppError> {
    validate_access_for(&request.codice_fiscale, &request.tessera, &request.nre)?;
    let (cf, card) = parse_card(&request.codice_fiscale, &request.tessera)?;
    let client = backend.client().await?;
    end_previous(&client, session).await;
    let created = client.login_prescription(&request).await?;
    let patient: Option<PatientKey> = store.patient_key(&cf, &card).await;
    session.set(created.token.clone(), patient).await;
    Ok(created.into())
}

/// Card access (codice fiscale + card number) to manage bookings. Both are checked locally
/// first. With `remember` they are kept in the OS keyring, otherwise any kept card is
/// forgotten; the keyring never fails the login.
pub async fn login_card_with(
    backend: &BackendHandle,
    session: &SessionState,
    store: &DeviceStore,
    vault: &CardVault,
    codice_fiscale: &str,
    tessera: &str,
    remember: bool,
) -> Result<SessionInfo, AppError> {
    let (cf, card) = parse_card(codice_fiscale, tessera)?;
    let client = backend.client().await?;
    end_previous(&client, session).await;
    let request = CardLoginRequest {
        codice_fiscale: cf.to_string(),
        tessera: card.to_string(),
    };
    let created = client.login_card(&request).await?;
    let patient = store.patient_key(&cf, &card).await;
    session.set(created.token.clone(), patient).await;
    let kept = if remember {
        vault
            .remember(&CardCredentials {
                codice_fiscale: request.codice_fiscale,
                tessera: request.tessera,
            })
            .await
    } else {
        vault.forget().await
    };
    if let Err(error) = kept {
        tracing::warn!(%error, remember, "the keyring did not keep the choice");
    }
    Ok(created.into())
}

/// Forgets the session here and on the server (best effort there: it expires anyway), and,
/// with `forget_card` (the citizen's "Esci" in GESTISCI), the remembered card. The end of a
/// booking ("torna alla home") closes the session but keeps a remembered card.
pub async fn logout_with(
    backend: &BackendHandle,
    session: &SessionState,
    vault: &CardVault,
    forget_card: bool,
) -> Result<(), AppError> {
    let ended = session.end().await;
    if forget_card && let Err(error) = vault.forget().await {
        tracing::warn!(%error, "the keyring did not forget the card");
    }
    let Some(ended) = ended else {
        return Ok(());
    };
    if let Ok(client) = backend.client().await {
        close_on_server(&client, ended).await;
    }
    Ok(())
}

#[tauri::command]
#[tracing::instrument(name = "login_prescription", skip_all)]
pub async fn login_prescription(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    codice_fiscale: String,
    tessera: String,
    nre: String,
    privacy_consent: bool,
) -> Result<SessionInfo, AppError> {
    let request = PrescriptionLoginRequest {
        codice_fiscale,
        tessera,
        nre,
        privacy_consent,
    };
    login_prescription_with(&backend, &session, &store, request).await
}

#[tauri::command]
#[tracing::instrument(name = "login_card", skip_all)]
pub async fn login_card(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    vault: tauri::State<'_, CardVault>,
    codice_fiscale: String,
    tessera: String,
    remember: bool,
) -> Result<SessionInfo, AppError> {
    login_card_with(
        &backend,
        &session,
        &store,
        &vault,
        &codice_fiscale,
        &tessera,
        remember,
    )
    .await
}

#[tauri::command]
#[tracing::instrument(name = "logout", skip_all)]
pub async fn logout(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    vault: tauri::State<'_, CardVault>,
    forget_card: Option<bool>,
) -> Result<(), AppError> {
    logout_with(&backend, &session, &vault, forget_card.unwrap_or(false)).await
}
