//! The route table of API v1 and the pure functions that turn a call into a URL and a body.

use std::borrow::Cow;

use chrono::NaiveDate;
use cup_api::{
    AvailabilityQuery, BookRequest, CalendarQuery, CardLoginRequest, CombinedQuery, HoldRequest,
    LookupQuery, PrescriptionLoginRequest, RescheduleRequest,
};
use reqwest::{Method, Url};
use serde::Serialize;

use crate::error::ClientError;

/// One call of the API, with its parameters.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Endpoint<'a> {
    LoginPrescription(&'a PrescriptionLoginRequest),
    LoginCard(&'a CardLoginRequest),
    Logout,
    Areas,
    Facilities {
        zone_id: Option<i64>,
    },
    Services {
        q: Option<&'a str>,
    },
    Health,
    Patient,
    Prescription {
        nre: &'a str,
    },
    Availability {
        nre: &'a str,
        query: &'a AvailabilityQuery,
    },
    Calendar {
        nre: &'a str,
        query: &'a CalendarQuery,
    },
    Combined {
        nre: &'a str,
        query: &'a CombinedQuery,
    },
    Hold(&'a HoldRequest),
    ExtendHold {
        id: i64,
    },
    ReleaseHold {
        id: i64,
    },
    Book(&'a BookRequest),
    Bookings,
    Lookup(&'a LookupQuery),
    Booking {
        cup_number: &'a str,
    },
    Cancel {
        cup_number: &'a str,
    },
    Reschedule {
        cup_number: &'a str,
        body: &'a RescheduleRequest,
    },
    Documents {
        cup_number: &'a str,
    },
    Stats {
        day: NaiveDate,
    },
    OpenApi,
}

/// A path segment: a literal of the route, or a parameter (named, for errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment<'a> {
    Lit(&'static str),
    Param(&'static str, Cow<'a, str>),
}

/// What an endpoint sends: method, path segments (unencoded), query pairs, JSON body.
#[derive(Debug)]
pub(crate) struct Parts<'a> {
    pub method: Method,
    pub path: Vec<Segment<'a>>,
    pub query: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

impl<'a> Endpoint<'a> {
    pub(crate) fn parts(self) -> Result<Parts<'a>, ClientError> {
        use Segment::{Lit, Param};
        let v1 = Lit("v1");
        let get = |path| (Method::GET, path);
        let (method, path) = match self {
            Endpoint::LoginPrescription(_) => {
                (Method::POST, vec![v1, Lit("sessions"), Lit("prescription")])
            }
            Endpoint::LoginCard(_) => (Method::POST, vec![v1, Lit("sessions"), Lit("card")]),
            Endpoint::Logout => (Method::DELETE, vec![v1, Lit("sessions"), Lit("current")]),
            Endpoint::Areas => get(vec![v1, Lit("catalogue"), Lit("areas")]),
            Endpoint::Facilities { .. } => get(vec![v1, Lit("catalogue"), Lit("facilities")]),
            Endpoint::Services { .. } => get(vec![v1, Lit("catalogue"), Lit("services")]),
            Endpoint::Health => get(vec![Lit("health")]),
            Endpoint::Patient => get(vec![v1, Lit("patient")]),
            Endpoint::Prescription { nre } => {
                get(vec![v1, Lit("prescriptions"), Param("nre", nre.into())])
            }
            Endpoint::Availability { nre, .. } => get(vec![
                v1,
                Lit("prescriptions"),
                Param("nre", nre.into()),
                Lit("availability"),
            ]),
            Endpoint::Calendar { nre, .. } => get(vec![
                v1,
                Lit("prescriptions"),
                Param("nre", nre.into()),
                Lit("calendar"),
            ]),
            Endpoint::Combined { nre, .. } => get(vec![
                v1,
                Lit("prescriptions"),
                Param("nre", nre.into()),
                Lit("combined-availability"),
            ]),
            Endpoint::Hold(_) => (Method::POST, vec![v1, Lit("holds")]),
            Endpoint::ExtendHold { id } => (
                Method::POST,
                vec![
                    v1,
                    Lit("holds"),
                    Param("hold_id", id.to_string().into()),
                    Lit("extend"),
                ],
            ),
            Endpoint::ReleaseHold { id } => (
                Method::DELETE,
                vec![v1, Lit("holds"), Param("hold_id", id.to_string().into())],
            ),
            Endpoint::Book(_) => (Method::POST, vec![v1, Lit("bookings")]),
            Endpoint::Bookings => get(vec![v1, Lit("bookings")]),
            Endpoint::Lookup(_) => get(vec![v1, Lit("bookings"), Lit("lookup")]),
            Endpoint::Booking { cup_number } => get(vec![
                v1,
                Lit("bookings"),
                Param("cup_number", cup_number.into()),
            ]),
            Endpoint::Cancel { cup_number } => (
                Method::POST,
                vec![
                    v1,
                    Lit("bookings"),
                    Param("cup_number", cup_number.into()),
                    Lit("cancel"),
                ],
            ),
            Endpoint::Reschedule { cup_number, .. } => (
                Method::POST,
                vec![
                    v1,
                    Lit("bookings"),
                    Param("cup_number", cup_number.into()),
                    Lit("reschedule"),
                ],
            ),
            Endpoint::Documents { cup_number } => get(vec![
                v1,
                Lit("bookings"),
                Param("cup_number", cup_number.into()),
                Lit("documents"),
            ]),
            Endpoint::Stats { .. } => get(vec![Lit("ops"), Lit("stats")]),
            Endpoint::OpenApi => get(vec![v1, Lit("openapi.json")]),
        };
        let query = match self {
            Endpoint::Facilities { zone_id } => zone_id
                .map(|id| vec![("zone_id".to_owned(), id.to_string())])
                .unwrap_or_default(),
            Endpoint::Services { q } => q
                .map(|text| vec![("q".to_owned(), text.to_owned())])
                .unwrap_or_default(),
            Endpoint::Availability { query, .. } => query_pairs(query)?,
            Endpoint::Calendar { query, .. } => query_pairs(query)?,
            Endpoint::Combined { query, .. } => query_pairs(query)?,
            Endpoint::Lookup(query) => query_pairs(query)?,
            Endpoint::Stats { day } => vec![("day".to_owned(), day.format("%Y-%m-%d").to_string())],
            _ => Vec::new(),
        };
        let body = match self {
            Endpoint::LoginPrescription(body) => Some(json_body(body)?),
            Endpoint::LoginCard(body) => Some(json_body(body)?),
            Endpoint::Hold(body) => Some(json_body(body)?),
            Endpoint::Book(body) => Some(json_body(body)?),
            Endpoint::Reschedule { body, .. } => Some(json_body(body)?),
            _ => None,
        };
        Ok(Parts {
            method,
            path,
            query,
            body,
        })
    }
}

/// Checks a base URL: absolute http(s), with a host, without credentials, query or fragment.
/// A path prefix (`https://host/cup/`) is kept.
pub(crate) fn parse_base_url(base_url: &str) -> Result<Url, ClientError> {
    let url = Url::parse(base_url).map_err(|_| ClientError::InvalidUrl("not an absolute URL"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ClientError::InvalidUrl("the scheme must be http or https"));
    }
    if url.cannot_be_a_base() || url.host_str().is_none_or(str::is_empty) {
        return Err(ClientError::InvalidUrl("no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ClientError::InvalidUrl("credentials are not allowed"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ClientError::InvalidUrl(
            "a query or fragment is not allowed",
        ));
    }
    Ok(url)
}

/// The URL of a call: the base path, the percent-encoded segments, the query.
pub(crate) fn build_url(
    base: &Url,
    path: &[Segment<'_>],
    query: &[(String, String)],
) -> Result<Url, ClientError> {
    let mut full = base.path().trim_end_matches('/').to_owned();
    for segment in path {
        let raw = match segment {
            Segment::Lit(literal) => literal,
            Segment::Param(field, value) => {
                if value.is_empty() {
                    return Err(ClientError::InvalidInput {
                        field,
                        reason: "empty",
                    });
                }
                if value.bytes().all(|byte| byte == b'.') && value.len() <= 2 {
                    return Err(ClientError::InvalidInput {
                        field,
                        reason: "not a path segment",
                    });
                }
                value.as_ref()
            }
        };
        full.push('/');
        encode_segment(raw, &mut full);
    }
    let mut url = base.clone();
    url.set_path(&full);
    url.set_query(None);
    url.set_fragment(None);
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    Ok(url)
}

/// Percent-encodes every byte but the RFC 3986 unreserved ones, so that `/`, `?`, `#`, `%`
/// in an identifier stay inside its segment.
fn encode_segment(raw: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
}

/// The query pairs of a flat struct: `None` fields are
/// left out, strings, numbers and booleans are sent as text, as serde_urlencoded would.
pub(crate) fn query_pairs<T: Serialize + ?Sized>(
    query: &T,
) -> Result<Vec<(String, String)>, ClientError> {
    use serde_json::Value;
    let invalid = |reason| ClientError::InvalidInput {
        field: "query",
        reason,
    };
    let Value::Object(entries) =
        serde_json::to_value(query).map_err(|_| invalid("not serialisable"))?
    else {
        return Err(invalid("not a struct"));
    };
    let mut pairs = Vec::with_capacity(entries.len());
    for (name, value) in entries {
        let text = match value {
            Value::Null => continue,
            Value::String(text) => text,
            Value::Number(number) => number.to_string(),
            Value::Bool(flag) => flag.to_string(),
            Value::Array(_) | Value::Object(_) => return Err(invalid("nested value")),
        };
        pairs.push((name, text));
    }
    Ok(pairs)
}

fn json_body<T: Serialize>(body: &T) -> Result<Vec<u8>, ClientError> {
    let bytes = serde_json::to_vec(body).map_err(|_| ClientError::InvalidInput {
        field: "body",
        reason: "not serialisable",
    })?;
    if bytes.len() > cup_api::limits::MAX_BODY_BYTES {
        return Err(ClientError::InvalidInput {
            field: "body",
            reason: "larger than the API accepts",
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cup_api::SearchScope;

    fn url_of(base: &str, endpoint: Endpoint<'_>) -> (Method, String) {
        let base = parse_base_url(base).expect("base");
        let parts = endpoint.parts().expect("parts");
        let url = build_url(&base, &parts.path, &parts.query).expect("url");
        (parts.method, url.to_string())
    }

    #[test]
    fn route_table() {
        let prescription_login = PrescriptionLoginRequest {
            codice_fiscale: "X".into(),
            tessera: "1".into(),
            nre: "090A".into(),
            privacy_consent: true,
        };
        let card_login = CardLoginRequest {
            codice_fiscale: "X".into(),
            tessera: "1".into(),
        };
        let availability = AvailabilityQuery {
            line: 1,
            ..Default::default()
        };
        let calendar = CalendarQuery {
            line: 0,
            scope: SearchScope::Asl,
            month: "2025-03".into(),
            reschedule: None,
        };
        let combined = CombinedQuery::default();
        let hold = HoldRequest {
            nre: "N".into(),
            line: 0,
            slot_id: 7,
            reschedule: None,
        };
        let book = BookRequest {
            hold_id: 7,
            phone: None,
        };
        let lookup = LookupQuery {
            pin: Some("1234".into()),
            ..Default::default()
        };
        let reschedule = RescheduleRequest { hold_id: 8 };
        let day = NaiveDate::from_ymd_opt(2025, 3, 4).expect("date");
        let base = "http://cup.test:8080";
        use Method as M;
        let table: Vec<(Endpoint<'_>, Method, &str)> = vec![
            (
                Endpoint::LoginPrescription(&prescription_login),
                M::POST,
                "/v1/sessions/prescription",
            ),
            (
                Endpoint::LoginCard(&card_login),
                M::POST,
                "/v1/sessions/card",
            ),
            (Endpoint::Logout, M::DELETE, "/v1/sessions/current"),
            (Endpoint::Areas, M::GET, "/v1/catalogue/areas"),
            (
                Endpoint::Facilities { zone_id: None },
                M::GET,
                "/v1/catalogue/facilities",
            ),
            (
                Endpoint::Facilities { zone_id: Some(3) },
                M::GET,
                "/v1/catalogue/facilities?zone_id=3",
            ),
            (
                Endpoint::Services { q: None },
                M::GET,
                "/v1/catalogue/services",
            ),
            (
                Endpoint::Services {
                    q: Some("eco cuore & vasi"),
                },
                M::GET,
                "/v1/catalogue/services?q=eco+cuore+%26+vasi",
            ),
            (Endpoint::Health, M::GET, "/health"),
            (Endpoint::Patient, M::GET, "/v1/patient"),
            (
                Endpoint::Prescription { nre: "090A12345" },
                M::GET,
                "/v1/prescriptions/090A12345",
            ),
            (
                Endpoint::Availability {
                    nre: "N1",
                    query: &availability,
                },
                M::GET,
                "/v1/prescriptions/N1/availability?line=1&scope=zone",
            ),
            (
                Endpoint::Calendar {
                    nre: "N1",
                    query: &calendar,
                },
                M::GET,
                "/v1/prescriptions/N1/calendar?line=0&month=2025-03&scope=asl",
            ),
            (
                Endpoint::Combined {
                    nre: "N1",
                    query: &combined,
                },
                M::GET,
                "/v1/prescriptions/N1/combined-availability?scope=zone",
            ),
            (Endpoint::Hold(&hold), M::POST, "/v1/holds"),
            (
                Endpoint::ExtendHold { id: 42 },
                M::POST,
                "/v1/holds/42/extend",
            ),
            (Endpoint::ReleaseHold { id: 42 }, M::DELETE, "/v1/holds/42"),
            (Endpoint::Book(&book), M::POST, "/v1/bookings"),
            (Endpoint::Bookings, M::GET, "/v1/bookings"),
            (
                Endpoint::Lookup(&lookup),
                M::GET,
                "/v1/bookings/lookup?pin=1234",
            ),
            (
                Endpoint::Booking {
                    cup_number: "123456789012",
                },
                M::GET,
                "/v1/bookings/123456789012",
            ),
            (
                Endpoint::Cancel { cup_number: "C1" },
                M::POST,
                "/v1/bookings/C1/cancel",
            ),
            (
                Endpoint::Reschedule {
                    cup_number: "C1",
                    body: &reschedule,
                },
                M::POST,
                "/v1/bookings/C1/reschedule",
            ),
            (
                Endpoint::Documents { cup_number: "C1" },
                M::GET,
                "/v1/bookings/C1/documents",
            ),
            (Endpoint::Stats { day }, M::GET, "/ops/stats?day=2025-03-04"),
            (Endpoint::OpenApi, M::GET, "/v1/openapi.json"),
        ];
        for (endpoint, method, path) in table {
            let has_body = matches!(
                endpoint,
                Endpoint::LoginPrescription(_)
                    | Endpoint::LoginCard(_)
                    | Endpoint::Hold(_)
                    | Endpoint::Book(_)
                    | Endpoint::Reschedule { .. }
            );
            assert_eq!(
                endpoint.parts().expect("parts").body.is_some(),
                has_body,
                "{path}"
            );
            assert_eq!(url_of(base, endpoint), (method, format!("{base}{path}")));
        }
    }

    #[test]
    fn full_availability_query() {
        let query = AvailabilityQuery {
            line: 2,
            scope: SearchScope::Region,
            from: NaiveDate::from_ymd_opt(2025, 3, 1),
            to: NaiveDate::from_ymd_opt(2025, 4, 30),
            day: None,
            facility_id: Some(-5),
            limit: Some(50),
            reschedule: None,
        };
        let pairs = query_pairs(&query).expect("pairs");
        let find = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        };
        assert_eq!(find("line"), Some("2"));
        assert_eq!(find("scope"), Some("region"));
        assert_eq!(find("from"), Some("2025-03-01"));
        assert_eq!(find("to"), Some("2025-04-30"));
        assert_eq!(find("day"), None);
        assert_eq!(find("facility_id"), Some("-5"));
        assert_eq!(find("limit"), Some("50"));
    }

    #[test]
    fn path_segments_are_percent_encoded() {
        let (_, url) = url_of(
            "https://cup.test",
            Endpoint::Prescription {
                nre: "a/b?c#d%2F e",
            },
        );
        assert_eq!(
            url,
            "https://cup.test/v1/prescriptions/a%2Fb%3Fc%23d%252F%20e"
        );
        let (_, url) = url_of("https://cup.test", Endpoint::Booking { cup_number: "è" });
        assert_eq!(url, "https://cup.test/v1/bookings/%C3%A8");
        let (_, url) = url_of("https://cup.test", Endpoint::Booking { cup_number: "..." });
        assert_eq!(url, "https://cup.test/v1/bookings/...");
    }

    #[test]
    fn dot_and_empty_segments_are_refused() {
        let base = parse_base_url("https://cup.test").expect("base");
        for nre in ["", ".", ".."] {
            let parts = Endpoint::Prescription { nre }.parts().expect("parts");
            let error = build_url(&base, &parts.path, &parts.query).expect_err("refused");
            assert!(
                matches!(error, ClientError::InvalidInput { field: "nre", .. }),
                "{nre:?}"
            );
        }
    }

    #[test]
    fn base_path_prefix_is_kept() {
        for base in ["https://cup.test/api", "https://cup.test/api/"] {
            let (_, url) = url_of(base, Endpoint::Patient);
            assert_eq!(url, "https://cup.test/api/v1/patient");
        }
        let (_, url) = url_of("https://cup.test/", Endpoint::Health);
        assert_eq!(url, "https://cup.test/health");
    }

    #[test]
    fn base_url_validation() {
        assert!(parse_base_url("http://127.0.0.1:3000").is_ok());
        assert!(parse_base_url("https://cup.example.it/").is_ok());
        for bad in [
            "",
            "cup.test",
            "/v1",
            "ftp://cup.test",
            "mailto:cup@test",
            "http://user:pw@cup.test",
            "http://cup.test/?a=1",
            "http://cup.test/#x",
        ] {
            let error = parse_base_url(bad).expect_err(bad);
            assert_eq!(error.code(), "invalid_url", "{bad}");
        }
    }

    #[test]
    fn oversized_bodies_are_refused() {
        let book = BookRequest {
            hold_id: 1,
            phone: Some("3".repeat(cup_api::limits::MAX_BODY_BYTES)),
        };
        let error = Endpoint::Book(&book).parts().expect_err("too large");
        assert!(matches!(
            error,
            ClientError::InvalidInput { field: "body", .. }
        ));
    }

    #[test]
    fn only_flat_structs_make_queries() {
        assert!(query_pairs(&5).is_err());
        assert!(query_pairs(&serde_json::json!({"a": [1, 2]})).is_err());
        let pairs = query_pairs(&serde_json::json!({"a": true, "b": null})).expect("flat");
        assert_eq!(pairs, vec![("a".to_owned(), "true".to_owned())]);
    }
}
