//! What every request-body target checks, on arbitrary bytes read as the server reads a body
//! (`cup_api::parse_body`, called by `parse_json` in cup-server's `api/extract.rs`).

use std::fmt::Debug;

use cup_api::{BodyError, RequestBody, parse_body};

/// No input panics; a refusal is a client error naming one of the body's fields; an accepted
/// body, written back as JSON, reads again into the same body and the same identifiers.
pub fn check<T>(data: &[u8], fields: &[&str])
where
    T: RequestBody + PartialEq + Debug,
    T::Valid: PartialEq + Debug,
{
    match parse_body::<T>(data) {
        Ok((body, valid)) => {
            let json = serde_json::to_vec(&body).expect("a parsed body serialises");
            let (again, valid_again) =
                parse_body::<T>(&json).expect("a body written back reads again");
            assert_eq!(again, body);
            assert_eq!(valid_again, valid);
        }
        Err(error) => {
            let status = error.error_code().http_status();
            assert!((400..500).contains(&status), "{error:?} answers {status}");
            if let BodyError::Invalid { code, field } = error {
                assert!(fields.contains(&field), "unknown field {field}");
                assert!(!code.is_empty() && code.is_ascii(), "code {code:?}");
            }
        }
    }
}
