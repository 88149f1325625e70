//! [`CupClient`]: one method per endpoint of API v1.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use cup_api::{
    AreasResponse, AvailabilityQuery, AvailabilityResponse, BookRequest, BookingDocumentsView,
    BookingView, BookingsResponse, CalendarQuery, CalendarResponse, CardLoginRequest, Channel,
    CombinedQuery, CombinedResponse, FacilitiesResponse, HoldRequest, HoldView, LookupQuery,
    PatientView, PrescriptionLoginRequest, PrescriptionView, RescheduleRequest, ServicesResponse,
    SessionResponse, StatsResponse,
};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Request, Url};
use serde::de::DeserializeOwned;

use crate::endpoint::{Endpoint, build_url, parse_base_url};
use crate::error::{ClientError, decode_body, decode_error};
use crate::types::{IdempotencyKey, Replayable, Session, Token};

/// Time allowed to open a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Time allowed for a whole request, answer included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The `User-Agent` of clients built by [`CupClient::new`].
pub const USER_AGENT: &str = concat!("cup-client/", env!("CARGO_PKG_VERSION"));

/// The client of API v1 for one channel. Cheap to clone (the connection pool and the base
/// URL are shared); sessions are held by the caller and passed to each authenticated call,
/// so one client can serve many sessions.
#[derive(Debug, Clone)]
pub struct CupClient {
    http: reqwest::Client,
    base_url: Arc<Url>,
    channel: Channel,
}

impl CupClient {
    /// A client with its own connection pool: 5 s connect timeout, 30 s request timeout,
    /// no redirects, `User-Agent: cup-client/<version>`.
    pub fn new(base_url: &str, channel: Channel) -> Result<Self, ClientError> {
        let base_url = parse_base_url(base_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(USER_AGENT)
            .build()
            .map_err(ClientError::transport)?;
        Ok(Self::from_parts(http, base_url, channel))
    }

    /// A client on a caller's `reqwest::Client` (its timeouts, pool and user agent apply).
    pub fn with_http(
        http: reqwest::Client,
        base_url: &str,
        channel: Channel,
    ) -> Result<Self, ClientError> {
        Ok(Self::from_parts(http, parse_base_url(base_url)?, channel))
    }

    fn from_parts(http: reqwest::Client, base_url: Url, channel: Channel) -> Self {
        CupClient {
            http,
            base_url: Arc::new(base_url),
            channel,
        }
    }

    pub fn channel(&self) -> Channel {
        self.channel
    }

    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    // --- sessions -------------------------------------------------------------------------

    /// `POST /v1/sessions/prescription` (codice fiscale + card + NRE + privacy consent).
    pub async fn login_prescription(
        &self,
        request: &PrescriptionLoginRequest,
    ) -> Result<Session, ClientError> {
        let response: SessionResponse = self
            .json(Endpoint::LoginPrescription(request), None, None)
            .await?
            .value;
        Ok(response.into())
    }

    /// `POST /v1/sessions/card` (codice fiscale + card).
    pub async fn login_card(&self, request: &CardLoginRequest) -> Result<Session, ClientError> {
        let response: SessionResponse = self
            .json(Endpoint::LoginCard(request), None, None)
            .await?
            .value;
        Ok(response.into())
    }

    /// `DELETE /v1/sessions/current`.
    pub async fn logout(&self, token: &Token) -> Result<(), ClientError> {
        self.empty(Endpoint::Logout, Some(token), None).await?;
        Ok(())
    }

    // --- catalogue and health (no session) --------------------------------------------------

    /// `GET /v1/catalogue/areas`.
    pub async fn areas(&self) -> Result<AreasResponse, ClientError> {
        self.get(Endpoint::Areas, None).await
    }

    /// `GET /v1/catalogue/facilities?zone_id=`.
    pub async fn facilities(
        &self,
        zone_id: Option<i64>,
    ) -> Result<FacilitiesResponse, ClientError> {
        self.get(Endpoint::Facilities { zone_id }, None).await
    }

    /// `GET /v1/catalogue/services?q=`.
    pub async fn services(&self, q: Option<&str>) -> Result<ServicesResponse, ClientError> {
        self.get(Endpoint::Services { q }, None).await
    }

    /// `GET /health`: `Ok` when the backend answers 2xx.
    pub async fn health(&self) -> Result<(), ClientError> {
        self.empty(Endpoint::Health, None, None).await?;
        Ok(())
    }

    // --- patient and prescriptions ------------------------------------------------------------

    /// `GET /v1/patient`.
    pub async fn patient(&self, token: &Token) -> Result<PatientView, ClientError> {
        self.get(Endpoint::Patient, Some(token)).await
    }

    /// `GET /v1/prescriptions/{nre}`.
    pub async fn prescription(
        &self,
        token: &Token,
        nre: &str,
    ) -> Result<PrescriptionView, ClientError> {
        self.get(Endpoint::Prescription { nre }, Some(token)).await
    }

    /// `GET /v1/prescriptions/{nre}/availability`.
    pub async fn availability(
        &self,
        token: &Token,
        nre: &str,
        query: &AvailabilityQuery,
    ) -> Result<AvailabilityResponse, ClientError> {
        self.get(Endpoint::Availability { nre, query }, Some(token))
            .await
    }

    /// `GET /v1/prescriptions/{nre}/calendar`.
    pub async fn calendar(
        &self,
        token: &Token,
        nre: &str,
        query: &CalendarQuery,
    ) -> Result<CalendarResponse, ClientError> {
        self.get(Endpoint::Calendar { nre, query }, Some(token))
            .await
    }

    /// `GET /v1/prescriptions/{nre}/combined-availability`.
    pub async fn combined_availability(
        &self,
        token: &Token,
        nre: &str,
        query: &CombinedQuery,
    ) -> Result<CombinedResponse, ClientError> {
        self.get(Endpoint::Combined { nre, query }, Some(token))
            .await
    }

    // --- holds ---------------------------------------------------------------------------------

    /// `POST /v1/holds`.
    pub async fn hold(
        &self,
        token: &Token,
        key: &IdempotencyKey,
        request: &HoldRequest,
    ) -> Result<Replayable<HoldView>, ClientError> {
        self.json(Endpoint::Hold(request), Some(token), Some(key))
            .await
    }

    /// `POST /v1/holds/{id}/extend` (once per hold).
    pub async fn extend_hold(
        &self,
        token: &Token,
        key: &IdempotencyKey,
        hold_id: i64,
    ) -> Result<Replayable<HoldView>, ClientError> {
        self.json(Endpoint::ExtendHold { id: hold_id }, Some(token), Some(key))
            .await
    }

    /// `DELETE /v1/holds/{id}`.
    pub async fn release_hold(
        &self,
        token: &Token,
        key: &IdempotencyKey,
        hold_id: i64,
    ) -> Result<Replayable<()>, ClientError> {
        self.empty(
            Endpoint::ReleaseHold { id: hold_id },
            Some(token),
            Some(key),
        )
        .await
    }

    // --- bookings ------------------------------------------------------------------------------

    /// `POST /v1/bookings`: books a held slot.
    pub async fn book(
        &self,
        token: &Token,
        key: &IdempotencyKey,
        request: &BookRequest,
    ) -> Result<Replayable<BookingView>, ClientError> {
        self.json(Endpoint::Book(request), Some(token), Some(key))
            .await
    }

    /// `GET /v1/bookings`: the patient's bookings.
    pub async fn bookings(&self, token: &Token) -> Result<BookingsResponse, ClientError> {
        self.get(Endpoint::Bookings, Some(token)).await
    }

    /// `GET /v1/bookings/lookup?pin=|cup_number=|nre=` (exactly one).
    pub async fn lookup(
        &self,
        token: &Token,
        query: &LookupQuery,
    ) -> Result<BookingsResponse, ClientError> {
        self.get(Endpoint::Lookup(query), Some(token)).await
    }

    /// `GET /v1/bookings/{cup_number}`.
    pub async fn booking(
        &self,
        token: &Token,
        cup_number: &str,
    ) -> Result<BookingView, ClientError> {
        self.get(Endpoint::Booking { cup_number }, Some(token))
            .await
    }

    /// `POST /v1/bookings/{cup_number}/cancel`.
    pub async fn cancel(
        &self,
        token: &Token,
        key: &IdempotencyKey,
        cup_number: &str,
    ) -> Result<Replayable<BookingView>, ClientError> {
        self.json(Endpoint::Cancel { cup_number }, Some(token), Some(key))
            .await
    }

    /// `POST /v1/bookings/{cup_number}/reschedule`: the new slot must be held first; answers
    /// the new booking.
    pub async fn reschedule(
        &self,
        token: &Token,
        key: &IdempotencyKey,
        cup_number: &str,
        request: &RescheduleRequest,
    ) -> Result<Replayable<BookingView>, ClientError> {
        let endpoint = Endpoint::Reschedule {
            cup_number,
            body: request,
        };
        self.json(endpoint, Some(token), Some(key)).await
    }

    /// `GET /v1/bookings/{cup_number}/documents`.
    pub async fn documents(
        &self,
        token: &Token,
        cup_number: &str,
    ) -> Result<BookingDocumentsView, ClientError> {
        self.get(Endpoint::Documents { cup_number }, Some(token))
            .await
    }

    // --- ops -------------------------------------------------------------------------------------

    /// `GET /ops/stats?day=` with the ops token.
    pub async fn stats(
        &self,
        ops_token: &Token,
        day: NaiveDate,
    ) -> Result<StatsResponse, ClientError> {
        self.get(Endpoint::Stats { day }, Some(ops_token)).await
    }

    /// `GET /v1/openapi.json`, with the ops token if the server wants one.
    pub async fn openapi(
        &self,
        ops_token: Option<&Token>,
    ) -> Result<serde_json::Value, ClientError> {
        self.get(Endpoint::OpenApi, ops_token).await
    }

    // --- plumbing --------------------------------------------------------------------------------

    /// The request of a call, without sending it: URL, channel, auth, key, JSON body.
    pub(crate) fn request(
        &self,
        endpoint: Endpoint<'_>,
        token: Option<&Token>,
        key: Option<&IdempotencyKey>,
    ) -> Result<Request, ClientError> {
        let parts = endpoint.parts()?;
        let url = build_url(&self.base_url, &parts.path, &parts.query)?;
        let mut request = Request::new(parts.method, url);
        let headers = request.headers_mut();
        headers.insert(
            HeaderName::from_static(cup_api::CHANNEL_HEADER),
            HeaderValue::from_static(self.channel.as_str()),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(token) = token {
            headers.insert(AUTHORIZATION, bearer(token)?);
        }
        if let Some(key) = key {
            let value =
                HeaderValue::from_str(key.as_str()).map_err(|_| ClientError::InvalidInput {
                    field: "idempotency_key",
                    reason: "not a header value",
                })?;
            headers.insert(HeaderName::from_static(cup_api::IDEMPOTENCY_HEADER), value);
        }
        if let Some(body) = parts.body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            *request.body_mut() = Some(body.into());
        }
        Ok(request)
    }

    /// Sends a call; a non-2xx answer becomes [`ClientError::Api`].
    async fn send(
        &self,
        endpoint: Endpoint<'_>,
        token: Option<&Token>,
        key: Option<&IdempotencyKey>,
    ) -> Result<reqwest::Response, ClientError> {
        let request = self.request(endpoint, token, key)?;
        let response = self
            .http
            .execute(request)
            .await
            .map_err(ClientError::transport)?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let body = response.bytes().await.map_err(ClientError::transport)?;
        Err(decode_error(status.as_u16(), &body))
    }

    async fn json<T: DeserializeOwned>(
        &self,
        endpoint: Endpoint<'_>,
        token: Option<&Token>,
        key: Option<&IdempotencyKey>,
    ) -> Result<Replayable<T>, ClientError> {
        let response = self.send(endpoint, token, key).await?;
        let status = response.status().as_u16();
        let replayed = is_replay(response.headers());
        let body = response.bytes().await.map_err(ClientError::transport)?;
        Ok(Replayable {
            value: decode_body(status, &body)?,
            replayed,
        })
    }

    async fn get<T: DeserializeOwned>(
        &self,
        endpoint: Endpoint<'_>,
        token: Option<&Token>,
    ) -> Result<T, ClientError> {
        Ok(self.json(endpoint, token, None).await?.value)
    }

    /// A call whose success body is ignored (204, or `/health`).
    async fn empty(
        &self,
        endpoint: Endpoint<'_>,
        token: Option<&Token>,
        key: Option<&IdempotencyKey>,
    ) -> Result<Replayable<()>, ClientError> {
        let response = self.send(endpoint, token, key).await?;
        let replayed = is_replay(response.headers());
        // Drain the body so the connection goes back to the pool.
        response.bytes().await.map_err(ClientError::transport)?;
        Ok(Replayable {
            value: (),
            replayed,
        })
    }
}

/// `Authorization: Bearer <token>`, marked sensitive so it is never printed.
fn bearer(token: &Token) -> Result<HeaderValue, ClientError> {
    let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose())).map_err(|_| {
        ClientError::InvalidInput {
            field: "token",
            reason: "not a header value",
        }
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// Whether the server replayed the answer of an earlier request with the same key.
fn is_replay(headers: &HeaderMap) -> bool {
    headers
        .get(cup_api::IDEMPOTENT_REPLAY_HEADER)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;

    fn client() -> CupClient {
        CupClient::new("http://127.0.0.1:9/base/", Channel::Kiosk).expect("client")
    }

    fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
        request
            .headers()
            .get(name)
            .map(|value| value.to_str().expect("ascii"))
    }

    #[test]
    fn new_validates_the_url() {
        let error = CupClient::new("not a url", Channel::App).expect_err("invalid");
        assert_eq!(error.code(), "invalid_url");
        let client = client();
        assert_eq!(client.channel(), Channel::Kiosk);
        assert_eq!(client.base_url().as_str(), "http://127.0.0.1:9/base/");
        let shared = CupClient::with_http(reqwest::Client::new(), "https://cup.test", Channel::Web)
            .expect("client");
        assert_eq!(shared.channel(), Channel::Web);
    }

    #[test]
    fn every_request_names_the_channel() {
        let request = client()
            .request(Endpoint::Areas, None, None)
            .expect("request");
        assert_eq!(request.method(), reqwest::Method::GET);
        assert_eq!(
            request.url().as_str(),
            "http://127.0.0.1:9/base/v1/catalogue/areas"
        );
        assert_eq!(header(&request, cup_api::CHANNEL_HEADER), Some("kiosk"));
        assert_eq!(header(&request, "accept"), Some("application/json"));
        assert!(request.headers().get(AUTHORIZATION).is_none());
        assert!(request.headers().get(cup_api::IDEMPOTENCY_HEADER).is_none());
        assert!(request.body().is_none());
    }

    #[test]
    fn mutating_requests_carry_token_key_and_body() {
        let token = Token::new("tok-123");
        let key = IdempotencyKey::from_string("key-1").expect("key");
        let hold = HoldRequest {
            nre: "090A".into(),
            line: 1,
            slot_id: 99,
            reschedule: None,
        };
        let request = client()
            .request(Endpoint::Hold(&hold), Some(&token), Some(&key))
            .expect("request");
        assert_eq!(request.method(), reqwest::Method::POST);
        assert_eq!(request.url().path(), "/base/v1/holds");
        let authorization = request.headers().get(AUTHORIZATION).expect("auth");
        assert!(authorization.is_sensitive());
        assert_eq!(authorization.to_str().expect("ascii"), "Bearer tok-123");
        assert_eq!(header(&request, cup_api::IDEMPOTENCY_HEADER), Some("key-1"));
        assert_eq!(header(&request, "content-type"), Some("application/json"));
        let body = request
            .body()
            .and_then(|body| body.as_bytes())
            .expect("body");
        let sent: HoldRequest = serde_json::from_slice(body).expect("json");
        assert_eq!(sent, hold);
        // The request's Debug never shows the token.
        assert!(!format!("{request:?}").contains("tok-123"));
    }

    #[test]
    fn a_token_that_is_no_header_value_is_refused() {
        let error = client()
            .request(Endpoint::Patient, Some(&Token::new("bad\ntoken")), None)
            .expect_err("refused");
        assert!(matches!(
            error,
            ClientError::InvalidInput { field: "token", .. }
        ));
        assert!(!error.to_string().contains("bad"));
    }

    #[test]
    fn replay_header() {
        let mut headers = HeaderMap::new();
        assert!(!is_replay(&headers));
        headers.insert(
            HeaderName::from_static(cup_api::IDEMPOTENT_REPLAY_HEADER),
            HeaderValue::from_static("true"),
        );
        assert!(is_replay(&headers));
        headers.insert(
            HeaderName::from_static(cup_api::IDEMPOTENT_REPLAY_HEADER),
            HeaderValue::from_static("false"),
        );
        assert!(!is_replay(&headers));
    }

    #[test]
    fn futures_are_send_and_client_is_shareable() {
        fn assert_send<T: Send>(_: &T) {}
        fn assert_sync<T: Send + Sync + 'static>() {}
        assert_sync::<CupClient>();
        assert_sync::<ClientError>();
        let client = client();
        let token = Token::new("t");
        let key = IdempotencyKey::new();
        let book = BookRequest {
            hold_id: 1,
            phone: None,
        };
        assert_send(&client.patient(&token));
        assert_send(&client.book(&token, &key, &book));
        assert_send(&client.release_hold(&token, &key, 1));
        assert_send(&client.health());
    }

    #[tokio::test]
    async fn a_refused_connection_is_unreachable_and_names_no_identifier() {
        // Bind then drop a listener: nothing listens on that port any more.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("port")
            .port();
        let client =
            CupClient::new(&format!("http://127.0.0.1:{port}"), Channel::App).expect("client");
        let error = client
            .prescription(&Token::new("tok-secret"), "090A99999")
            .await
            .expect_err("refused");
        assert!(error.is_connect(), "{error:?}");
        assert!(error.is_transport());
        assert!(!error.is_timeout());
        assert!(error.retryable());
        assert_eq!(error.code(), codes::UNREACHABLE);
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("090A99999"), "{shown}");
        assert!(!shown.contains("tok-secret"), "{shown}");
    }
}
