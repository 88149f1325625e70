//! Request extractors: channel, caller, client address, bounded JSON bodies.

use std::net::SocketAddr;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use cup_api::{
    BodyError, CHANNEL_HEADER, Channel, ErrorCode, IDEMPOTENCY_HEADER, RequestBody, limits,
};
use serde::de::DeserializeOwned;

use super::response::ApiFailure;
use crate::service::{AppState, Caller, ServiceError, sessions};

/// The channel every request names.
pub struct ChannelOf(pub Channel);

impl<S: Send + Sync> FromRequestParts<S> for ChannelOf {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .headers
            .get(CHANNEL_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(Channel::parse)
            .map(ChannelOf)
            .ok_or_else(|| {
                ServiceError::refused(
                    ErrorCode::InvalidChannel,
                    "the X-CUP-Channel header must name the channel (app, web, kiosk, sportello, farmacia)",
                )
                .into()
            })
    }
}

/// An authenticated caller: `Authorization: Bearer <token>` of a live session.
pub struct Auth(pub Caller);

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ChannelOf(channel) = ChannelOf::from_request_parts(parts, state).await?;
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or("");
        let caller = sessions::authenticate(state, channel, token.trim()).await?;
        if let Some(slot) = parts.extensions.get::<super::refusals::CallerSlot>() {
            slot.set(&caller);
        }
        Ok(Auth(caller))
    }
}

/// The client's address, for login throttling and the audit: the peer, or behind a trusted
/// proxy the rightmost `X-Forwarded-For` hop that is not a trusted proxy (the leftmost
/// entries are whatever the client wrote, so they are never believed).
pub struct ClientAddress(pub String);

/// The client behind `peer`, given the `X-Forwarded-For` values it sent.
pub fn client_address<'a>(
    peer: std::net::IpAddr,
    forwarded: impl Iterator<Item = &'a str>,
    trusted: &[ipnet::IpNet],
) -> std::net::IpAddr {
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = forwarded.flat_map(|v| v.split(',')).collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.trim().parse::<std::net::IpAddr>() {
            // A hop we cannot read ends the chain: the last trusted one sent it.
            Err(_) => break,
            Ok(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
        }
    }
    client
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(peer) = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
        else {
            return Ok(ClientAddress("unknown".to_owned()));
        };
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        Ok(ClientAddress(
            client_address(peer, forwarded, &state.config.trusted_proxies).to_string(),
        ))
    }
}

/// A request body read up to the API's limit, kept as bytes (for the idempotency hash).
pub struct RawBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiFailure;

    async fn from_request(request: Request<Body>, _: &S) -> Result<Self, Self::Rejection> {
        axum::body::to_bytes(request.into_body(), limits::MAX_BODY_BYTES)
            .await
            .map(RawBody)
            .map_err(|_| {
                ServiceError::refused(ErrorCode::BodyTooLarge, "the request body is too large")
                    .into()
            })
    }
}

/// Reads a JSON request body as `cup_api::parse_body` does (the fuzz targets' function): the
/// expected shape, then the identifiers it carries, so that a body with an invalid one is
/// refused with its `field` before anything else is looked up.
pub fn parse_json<T: RequestBody>(body: &[u8]) -> Result<T, ServiceError> {
    cup_api::parse_body::<T>(body)
        .map(|(body, _)| body)
        .map_err(|error| match error {
            BodyError::Invalid { code, field } => ServiceError::invalid(code, field),
            other => ServiceError::refused(other.error_code(), other.message()),
        })
}

/// The `Idempotency-Key` header, bounded.
pub fn idempotency_key(headers: &HeaderMap) -> Result<String, ServiceError> {
    let missing = || {
        ServiceError::refused(
            ErrorCode::IdempotencyKeyMissing,
            "mutating requests need an Idempotency-Key header (1-128 visible characters)",
        )
    };
    let key = headers
        .get(IDEMPOTENCY_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .ok_or_else(missing)?;
    if key.is_empty()
        || key.len() > limits::MAX_IDEMPOTENCY_KEY
        || !key.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(missing());
    }
    Ok(key.to_owned())
}

/// Query parameters; a malformed query is a `{code, message}` error like any other.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|_| {
                ServiceError::refused(ErrorCode::MalformedRequest, "malformed query parameters")
                    .into()
            })
    }
}

/// Path parameters, with the same error shape.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| ApiPath(p.0))
            .map_err(|_| ServiceError::not_found().into())
    }
}
