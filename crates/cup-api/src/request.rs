//! Request bodies as the server reads them: the JSON into the wire type, then the identifiers
//! it carries parsed into the domain's types, in the order the server checks them. One
//! function, [`parse_body`], for the server, for the clients that check before sending, and
//! for the fuzz targets (`crates/cup-api/fuzz`).

use cup_domain::{CodiceFiscale, CupNumber, Nre, PhoneNumber, TesseraSanitaria};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{
    BookRequest, CardLoginRequest, ErrorCode, HoldRequest, PrescriptionLoginRequest,
    RescheduleRequest,
};

/// Why a request body was refused. Every case is the client's: the server answers 400.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyError {
    /// Not JSON, or not the shape of the expected body.
    Malformed,
    /// An identifier failed validation: the domain's code (`cf_check_char`...) and the field.
    Invalid {
        code: &'static str,
        field: &'static str,
    },
    /// The privacy notice was not accepted.
    PrivacyConsentRequired,
}

impl BodyError {
    /// The API's error code: `malformed_request`, `invalid_input` (the domain's code travels
    /// in the body's `code`, with `field`), `privacy_consent_required`.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            BodyError::Malformed => ErrorCode::MalformedRequest,
            BodyError::Invalid { .. } => ErrorCode::InvalidInput,
            BodyError::PrivacyConsentRequired => ErrorCode::PrivacyConsentRequired,
        }
    }

    /// English, for operators and logs.
    pub fn message(&self) -> &'static str {
        match self {
            BodyError::Malformed => "the body is not the expected JSON",
            BodyError::Invalid { .. } => "an identifier of the body is not valid",
            BodyError::PrivacyConsentRequired => "the privacy notice must be accepted",
        }
    }
}

/// A JSON request body of the API, with the identifiers it carries.
pub trait RequestBody: DeserializeOwned + Serialize {
    /// The body with its identifiers parsed into the domain's types.
    type Valid;

    /// Parses the identifiers, failing on the first invalid one in the server's order.
    fn validate(&self) -> Result<Self::Valid, BodyError>;
}

/// Reads a request body: JSON of the expected shape, then its identifiers.
pub fn parse_body<T: RequestBody>(bytes: &[u8]) -> Result<(T, T::Valid), BodyError> {
    let body: T = serde_json::from_slice(bytes).map_err(|_| BodyError::Malformed)?;
    let valid = body.validate()?;
    Ok((body, valid))
}

fn invalid(field: &'static str) -> impl Fn(&'static str) -> BodyError {
    move |code| BodyError::Invalid { code, field }
}

fn codice_fiscale(value: &str) -> Result<CodiceFiscale, BodyError> {
    CodiceFiscale::parse(value).map_err(|e| invalid("codice_fiscale")(e.code()))
}

fn tessera(value: &str) -> Result<TesseraSanitaria, BodyError> {
    TesseraSanitaria::parse(value).map_err(|e| invalid("tessera")(e.code()))
}

fn nre(value: &str) -> Result<Nre, BodyError> {
    Nre::parse(value).map_err(|e| invalid("nre")(e.code()))
}

/// `POST /v1/sessions/prescription`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPrescriptionLogin {
    pub codice_fiscale: CodiceFiscale,
    pub tessera: TesseraSanitaria,
    pub nre: Nre,
}

impl RequestBody for PrescriptionLoginRequest {
    type Valid = ValidPrescriptionLogin;

    fn validate(&self) -> Result<ValidPrescriptionLogin, BodyError> {
        let valid = ValidPrescriptionLogin {
            codice_fiscale: codice_fiscale(&self.codice_fiscale)?,
            tessera: tessera(&self.tessera)?,
            nre: nre(&self.nre)?,
        };
        if !self.privacy_consent {
            return Err(BodyError::PrivacyConsentRequired);
        }
        Ok(valid)
    }
}

/// `POST /v1/sessions/card`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCardLogin {
    pub codice_fiscale: CodiceFiscale,
    pub tessera: TesseraSanitaria,
}

impl RequestBody for CardLoginRequest {
    type Valid = ValidCardLogin;

    fn validate(&self) -> Result<ValidCardLogin, BodyError> {
        Ok(ValidCardLogin {
            codice_fiscale: codice_fiscale(&self.codice_fiscale)?,
            tessera: tessera(&self.tessera)?,
        })
    }
}

/// `POST /v1/holds`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidHoldRequest {
    pub nre: Nre,
    pub line: u32,
    pub slot_id: i64,
    /// The booking being moved.
    pub reschedule: Option<CupNumber>,
}

impl RequestBody for HoldRequest {
    type Valid = ValidHoldRequest;

    fn validate(&self) -> Result<ValidHoldRequest, BodyError> {
        Ok(ValidHoldRequest {
            nre: nre(&self.nre)?,
            line: self.line,
            slot_id: self.slot_id,
            reschedule: self
                .reschedule
                .as_deref()
                .map(|cup| CupNumber::parse(cup).map_err(|e| invalid("reschedule")(e.code())))
                .transpose()?,
        })
    }
}

/// `POST /v1/bookings`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBookRequest {
    pub hold_id: i64,
    /// `None` when absent or blank: no SMS.
    pub phone: Option<PhoneNumber>,
}

impl RequestBody for BookRequest {
    type Valid = ValidBookRequest;

    fn validate(&self) -> Result<ValidBookRequest, BodyError> {
        let phone = self
            .phone
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| PhoneNumber::parse(p).map_err(|e| invalid("phone")(e.code())))
            .transpose()?;
        Ok(ValidBookRequest {
            hold_id: self.hold_id,
            phone,
        })
    }
}

/// `POST /v1/bookings/{cup_number}/reschedule`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRescheduleRequest {
    pub hold_id: i64,
}

impl RequestBody for RescheduleRequest {
    type Valid = ValidRescheduleRequest;

    fn validate(&self) -> Result<ValidRescheduleRequest, BodyError> {
        Ok(ValidRescheduleRequest {
            hold_id: self.hold_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOGIN: &str = r#"{"codice_fiscale":" bncgli85d52d612x ","tessera":"80380000001234560016","nre":"0900A1123456701","privacy_consent":true}"#;

    #[test]
    fn a_valid_login_parses_into_normalised_identifiers() {
        let (body, valid) = parse_body::<PrescriptionLoginRequest>(LOGIN.as_bytes()).unwrap();
        assert!(body.privacy_consent);
        assert_eq!(valid.codice_fiscale.as_str(), "BNCGLI85D52D612X");
        assert_eq!(valid.nre.as_str(), "0900A1123456701");
    }

    #[test]
    fn identifiers_are_checked_in_the_servers_order() {
        let body = LOGIN
            .replace("80380000001234560016", "80380000001234560017")
            .replace("0900A1123456701", "x")
            .replace("true", "false");
        assert_eq!(
            parse_body::<PrescriptionLoginRequest>(body.as_bytes()).unwrap_err(),
            BodyError::Invalid {
                code: "tessera_check_digit",
                field: "tessera"
            }
        );
        let no_consent = LOGIN.replace("true", "false");
        let error = parse_body::<PrescriptionLoginRequest>(no_consent.as_bytes()).unwrap_err();
        assert_eq!(error, BodyError::PrivacyConsentRequired);
        assert_eq!(error.error_code().http_status(), 400);
    }

    #[test]
    fn malformed_bodies_and_blank_phones() {
        for body in ["", "{", "[]", r#"{"hold_id":"1"}"#, r#"{"hold_id":1e3}"#] {
            assert_eq!(
                parse_body::<BookRequest>(body.as_bytes()).unwrap_err(),
                BodyError::Malformed,
                "{body}"
            );
        }
        let (_, valid) = parse_body::<BookRequest>(br#"{"hold_id":7,"phone":"  "}"#).unwrap();
        assert_eq!(valid.phone, None);
        let error = parse_body::<BookRequest>(br#"{"hold_id":7,"phone":"12"}"#).unwrap_err();
        assert!(matches!(error, BodyError::Invalid { field: "phone", .. }));
        let error = parse_body::<HoldRequest>(
            br#"{"nre":"0900A1123456701","line":0,"slot_id":1,"reschedule":"12"}"#,
        )
        .unwrap_err();
        assert_eq!(
            error,
            BodyError::Invalid {
                code: "cup_number_length",
                field: "reschedule"
            }
        );
    }
}
