//! `login_prescription`, `login_card` and `logout`: the sessions. The token stays in
//! [`SessionState`] with the key of the patient's records on this device; the UI gets the
//! session's kind, expiry and patient.

use chrono::{DateTime, Utc};
use cup_api::{CardLoginRequest, PatientView, PrescriptionLoginRequest, SessionKind};
use cup_client::{CupClient, IdempotencyKey, Session};
use cup_domain::{CodiceFiscale, TesseraSanitaria};
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

/// Closes ended sessions on the server: `ended` (if any) and those the server could not be
/// told about before. Those it still cannot be told about wait in [`SessionState`] for the
/// next end or login; the token of an ended session is never used again here.
async fn close_ended(client: Option<&CupClient>, session: &SessionState, ended: Option<Ended>) {
    let mut pending = session.take_unrevoked().await;
    pending.extend(ended);
    for ended in pending {
        let unrevoked = match client {
            Some(client) => close_on_server(client, ended).await,
            None => Some(ended),
        };
        if let Some(unrevoked) = unrevoked {
            session.unrevoked(unrevoked).await;
        }
    }
}

/// Releases the ended session's live holds and revokes its token. A hold expires by itself;
/// a token the server could not be reached to revoke is handed back, to be revoked later
/// (any answer of the server — done, or already gone — settles it).
async fn close_on_server(client: &CupClient, ended: Ended) -> Option<Ended> {
    for hold_id in &ended.holds {
        let key = IdempotencyKey::new();
        if let Err(error) = client.release_hold(&ended.token, &key, *hold_id).await {
            tracing::info!(
                code = error.code(),
                "a hold was not released; it will expire"
            );
        }
    }
    let error = match client.logout(&ended.token).await {
        Ok(()) => return None,
        Err(error) => AppError::from(error),
    };
    if error.is_offline() {
        tracing::warn!(
            code = error.code(),
            "the server could not be reached to end the session; tried again at the next \
             logout, reset or login"
        );
        return Some(Ended {
            token: ended.token,
            holds: Vec::new(),
        });
    }
    tracing::info!(code = error.code(), "server-side logout answered an error");
    None
}

/// A new login: the previous session ends (closed on the server), the login is sent, and its
/// session is adopted — unless a session was ended while it was in flight (a kiosk reset, a
/// logout): the late session is then revoked at once and the login answers
/// `session_expired`, so the next citizen never inherits it.
async fn login(
    client: &CupClient,
    session: &SessionState,
    store: &DeviceStore,
    card: (&CodiceFiscale, &TesseraSanitaria),
    send: impl std::future::Future<Output = Result<Session, cup_client::ClientError>>,
) -> Result<Session, AppError> {
    let (previous, ticket) = session.begin_login().await;
    close_ended(Some(client), session, previous).await;
    let created = send.await?;
    let patient: Option<PatientKey> = store.patient_key(card.0, card.1).await;
    if let Err(token) = session.adopt(ticket, created.token.clone(), patient).await {
        tracing::info!("a login answered after its session was ended: revoked, not kept");
        let late = Ended {
            token,
            holds: Vec::new(),
        };
        close_ended(Some(client), session, Some(late)).await;
        return Err(AppError::SessionExpired);
    }
    Ok(created)
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
    let send = client.login_prescription(&request);
    let created = login(&client, session, store, (&cf, &card), send).await?;
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
    let request = CardLoginRequest {
        codice_fiscale: cf.to_string(),
        tessera: card.to_string(),
    };
    let send = client.login_card(&request);
    let created = login(&client, session, store, (&cf, &card), send).await?;
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

/// Forgets the session here and ends it on the server (its token revoked there; when the
/// server cannot be reached, at the next logout, reset or login), and, with `forget_card`
/// (the citizen's "Esci" in GESTISCI), the remembered card. The end of a booking ("torna
/// alla home") closes the session but keeps a remembered card. A login still in flight is
/// not adopted when it answers.
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
    let client = backend.client().await.ok();
    close_ended(client.as_ref(), session, ended).await;
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
