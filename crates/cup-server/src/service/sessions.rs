//! Logging in (three-factor or card), authenticating a bearer token, logging out.

use cup_api::{
    CardLoginRequest, Channel, ErrorCode, PrescriptionLoginRequest, SessionKind, SessionResponse,
};
use cup_domain::{CodiceFiscale, Nre, TesseraSanitaria};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::throttle::ThrottleKeys;
use super::views::patient_view;
use super::{AppState, Caller, ServiceError, ServiceResult, epoch, instant};
use crate::store::{AuditEntry, NewSession};

/// The hash under which a token is stored: the token itself is never kept.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    super::identifiers::secure_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn parse_cf(value: &str) -> ServiceResult<CodiceFiscale> {
    CodiceFiscale::parse(value).map_err(|e| ServiceError::invalid(e.code(), "codice_fiscale"))
}

fn parse_tessera(value: &str) -> ServiceResult<TesseraSanitaria> {
    TesseraSanitaria::parse(value).map_err(|e| ServiceError::invalid(e.code(), "tessera"))
}

pub fn parse_nre(value: &str) -> ServiceResult<Nre> {
    Nre::parse(value).map_err(|e| ServiceError::invalid(e.code(), "nre"))
}

const FAILED: ServiceError = ServiceError::Refused {
    code: ErrorCode::AuthenticationFailed,
    message: "the data entered do not match",
};

pub async fn login_prescription(
    state: &AppState,
    channel: Channel,
    address: &str,
    request: &PrescriptionLoginRequest,
) -> ServiceResult<SessionResponse> {
    let cf = parse_cf(&request.codice_fiscale)?;
    let tessera = parse_tessera(&request.tessera)?;
    let nre = parse_nre(&request.nre)?;
    if !request.privacy_consent {
        return Err(ServiceError::refused(
            ErrorCode::PrivacyConsentRequired,
            "the privacy notice must be accepted",
        ));
    }
    login(state, channel, address, &cf, &tessera, Some(&nre)).await
}

pub async fn login_card(
    state: &AppState,
    channel: Channel,
    address: &str,
    request: &CardLoginRequest,
) -> ServiceResult<SessionResponse> {
    let cf = parse_cf(&request.codice_fiscale)?;
    let tessera = parse_tessera(&request.tessera)?;
    login(state, channel, address, &cf, &tessera, None).await
}

async fn login(
    state: &AppState,
    channel: Channel,
    address: &str,
    cf: &CodiceFiscale,
    tessera: &TesseraSanitaria,
    nre: Option<&Nre>,
) -> ServiceResult<SessionResponse> {
    let now = epoch(state.now());
    let config = &state.config.throttle;
    let throttle = ThrottleKeys::new(cf.as_str(), address);
    let mut tx = state.store.write().await?;
    // Every refused or failed attempt is audited: against whom (the pseudonymous id of the
    // codice fiscale's owner, when there is one), from where, on which channel.
    let owner = tx.citizen_by_cf(cf.as_str()).await?;
    let refusal = |outcome: &'static str| AuditEntry {
        at: now,
        channel: channel.as_str(),
        actor: "anonymous".into(),
        citizen_id: owner.as_ref().map(|c| c.id),
        action: "login",
        object: "session".into(),
        outcome,
        address: Some(address.to_owned()),
    };
    let charged = match throttle.charge(tx.as_mut(), config, now).await? {
        Ok(charged) => charged,
        Err(throttled) => {
            tx.audit(&refusal("throttled")).await?;
            tx.commit().await?;
            return Err(throttled.into());
        }
    };

    let citizen = owner.clone().filter(|c| c.tessera == tessera.as_str());
    let prescription = match (&citizen, nre) {
        (Some(c), Some(nre)) => tx
            .prescription_by_nre(nre.as_str())
            .await?
            .filter(|p| p.citizen_id == c.id)
            .map(Some),
        (Some(_), None) => Some(None),
        (None, _) => None,
    };
    let (Some(citizen), Some(prescription)) = (citizen, prescription) else {
        throttle
            .record_failure(tx.as_mut(), config, now, charged)
            .await?;
        tx.audit(&refusal("failed")).await?;
        tx.commit().await?;
        return Err(FAILED);
    };

    throttle.record_success(tx.as_mut(), now).await?;
    let token = new_token();
    let expires_at = now + state.config.session_ttl.as_secs() as i64;
    let kind = if prescription.is_some() {
        SessionKind::Prescription
    } else {
        SessionKind::Card
    };
    let session_id = tx
        .session_insert(&NewSession {
            token_hash: token_hash(&token),
            citizen_id: citizen.id,
            kind: match kind {
                SessionKind::Prescription => "prescription",
                SessionKind::Card => "card",
            },
            prescription_id: prescription.as_ref().map(|p| p.id),
            channel: channel.as_str(),
            created_at: now,
            expires_at,
        })
        .await?;
    tx.audit(&AuditEntry {
        at: now,
        channel: channel.as_str(),
        actor: format!("session:{session_id}"),
        citizen_id: Some(citizen.id),
        action: "login",
        object: "session".into(),
        outcome: "ok",
        address: None,
    })
    .await?;
    tx.commit().await?;
    Ok(SessionResponse {
        token,
        kind,
        expires_at: instant(expires_at),
        patient: patient_view(&citizen),
    })
}

/// Resolves a bearer token to its live session, sliding its expiry forward.
pub async fn authenticate(
    state: &AppState,
    channel: Channel,
    token: &str,
) -> ServiceResult<Caller> {
    let expired = ServiceError::refused(ErrorCode::SessionExpired, "no valid session");
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(expired);
    }
    let now = epoch(state.now());
    let ttl = state.config.session_ttl.as_secs() as i64;
    let hash = token_hash(token);
    let mut tx = state.store.read().await?;
    let session = tx.session_by_hash(&hash, now).await?.ok_or(expired)?;
    drop(tx);
    // Slide the expiry, but write at most once a minute per session.
    if session.expires_at < now + ttl - 60 {
        let mut tx = state.store.write().await?;
        let max = state.config.session_max_lifetime.as_secs() as i64;
        tx.session_touch(session.id, now + ttl, max).await?;
        tx.commit().await?;
    }
    Ok(Caller { session, channel })
}

pub async fn logout(state: &AppState, caller: &Caller) -> ServiceResult<()> {
    let now = epoch(state.now());
    let mut tx = state.store.write().await?;
    tx.session_revoke(caller.session.id, now).await?;
    tx.audit(&caller.audit(now, "logout", "session".into()))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The patient's own data.
pub async fn patient(state: &AppState, caller: &Caller) -> ServiceResult<cup_api::PatientView> {
    let now = epoch(state.now());
    let mut tx = state.store.write().await?;
    let citizen = tx
        .citizen_by_id(caller.citizen_id())
        .await?
        .ok_or_else(ServiceError::not_found)?;
    tx.audit(&caller.audit(now, "read_patient", format!("citizen:{}", citizen.id)))
        .await?;
    tx.commit().await?;
    Ok(patient_view(&citizen))
}
