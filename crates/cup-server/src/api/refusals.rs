//! Every refused request leaves an audit row (issue 13): who (the session, or anonymous),
//! against whom (the session's citizen), what (method and route, never the identifiers in the
//! path), from where, and why (the status). Logins audit their own refusals, with the target
//! of the attempt, so they are not written twice.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use cup_api::{CHANNEL_HEADER, Channel};

use super::extract::client_address;
use crate::service::{AppState, Caller, epoch};
use crate::store::AuditEntry;

/// Where the `Auth` extractor leaves the caller it authenticated, for this layer to read.
#[derive(Clone, Default)]
pub struct CallerSlot(Arc<Mutex<Option<Caller>>>);

impl CallerSlot {
    pub fn set(&self, caller: &Caller) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(caller.clone());
    }

    fn take(&self) -> Option<Caller> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

fn outcome(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "invalid",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        409 => "conflict",
        413 => "too_large",
        429 => "throttled",
        _ => "refused",
    }
}

pub async fn audit_refusals(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let slot = CallerSlot::default();
    request.extensions_mut().insert(slot.clone());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned());
    let method = request.method().clone();
    let channel = request
        .headers()
        .get(CHANNEL_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(Channel::parse);
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let address = peer.map(|peer| {
        let forwarded = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        client_address(peer, forwarded, &state.config.trusted_proxies).to_string()
    });
    let response = next.run(request).await;
    let status = response.status();
    // Unknown routes are noise, not accesses; logins audit themselves.
    let Some(route) = route else {
        return response;
    };
    if !status.is_client_error() || (method == Method::POST && route.starts_with("/v1/sessions/")) {
        return response;
    }
    let at = epoch(state.now());
    let object = format!("{method} {route}");
    let entry = match slot.take() {
        Some(caller) => AuditEntry {
            address,
            ..caller.audit_outcome(at, "refused", object, outcome(status))
        },
        None => AuditEntry {
            at,
            channel: channel.map_or("unknown", Channel::as_str),
            actor: "anonymous".into(),
            citizen_id: None,
            action: "refused",
            object,
            outcome: outcome(status),
            address,
        },
    };
    state.audit.record(entry).await;
    response
}
