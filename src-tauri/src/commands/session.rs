//! `login_prescription` and `logout`: the three-factor session. The token stays in
//! [`SessionState`]; the UI gets the session's kind, expiry and patient.

use chrono::{DateTime, Utc};
use cup_api::{PatientView, PrescriptionLoginRequest, SessionKind};
use serde::Serialize;

use crate::AppError;
use crate::commands::validate_access::validate_access_for;
use crate::state::{BackendHandle, SessionState};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub kind: SessionKind,
    /// Sliding: every call moves it forward on the server.
    pub expires_at: DateTime<Utc>,
    pub patient: PatientView,
}

/// Checks the three factors locally, then logs in; a previous session is replaced.
pub async fn login_prescription_with(
    backend: &BackendHandle,
    session: &SessionState,
    request: PrescriptionLoginRequest,
) -> Result<SessionInfo, AppError> {
    validate_access_for(&request.codice_fiscale, &request.tessera, &request.nre)?;
    let client = backend.client().await?;
    if let Some(previous) = session.clear().await {
        // Best effort: the old session expires by itself anyway.
        let _ = client.logout(&previous).await;
    }
    let created = client.login_prescription(&request).await?;
    session.set(created.token).await;
    Ok(SessionInfo {
        kind: created.kind,
        expires_at: created.expires_at,
        patient: created.patient,
    })
}

/// Forgets the session here and on the server (best effort there: it expires anyway).
pub async fn logout_with(backend: &BackendHandle, session: &SessionState) -> Result<(), AppError> {
    let Some(token) = session.clear().await else {
        return Ok(());
    };
    if let Ok(client) = backend.client().await
        && let Err(error) = client.logout(&token).await
    {
        tracing::info!(
            code = error.code(),
            "server-side logout failed; the session will expire"
        );
    }
    Ok(())
}

#[tauri::command]
#[tracing::instrument(name = "login_prescription", skip_all)]
pub async fn login_prescription(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
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
    login_prescription_with(&backend, &session, request).await
}

#[tauri::command]
#[tracing::instrument(name = "logout", skip_all)]
pub async fn logout(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
) -> Result<(), AppError> {
    logout_with(&backend, &session).await
}
