//! `validate_access`: the three-factor form checked by the domain, with no network call, so a
//! wrong check character is named before anything is sent.

use cup_domain::{CodiceFiscale, CupNumber, Nre, Pin, TesseraSanitaria};

use crate::AppError;

/// Field names, as the backend names them in its errors.
pub mod fields {
    pub const CODICE_FISCALE: &str = "codice_fiscale";
    pub const TESSERA: &str = "tessera";
    pub const NRE: &str = "nre";
    pub const PIN: &str = "pin";
    pub const CUP_NUMBER: &str = "cup_number";
}

fn invalid(code: &'static str, field: &'static str, error: impl std::fmt::Display) -> AppError {
    AppError::Invalid {
        code,
        field,
        message: error.to_string(),
    }
}

/// The plain function: the first invalid field (in form order), or `Ok`.
pub fn validate_access_for(codice_fiscale: &str, tessera: &str, nre: &str) -> Result<(), AppError> {
    parse_card(codice_fiscale, tessera)?;
    parse_nre(nre)?;
    Ok(())
}

/// Codice fiscale and card number (the card access), the first invalid one named.
pub fn parse_card(
    codice_fiscale: &str,
    tessera: &str,
) -> Result<(CodiceFiscale, TesseraSanitaria), AppError> {
    let cf = CodiceFiscale::parse(codice_fiscale)
        .map_err(|e| invalid(e.code(), fields::CODICE_FISCALE, e))?;
    let card =
        TesseraSanitaria::parse(tessera).map_err(|e| invalid(e.code(), fields::TESSERA, e))?;
    Ok((cf, card))
}

pub fn parse_nre(nre: &str) -> Result<Nre, AppError> {
    Nre::parse(nre).map_err(|e| invalid(e.code(), fields::NRE, e))
}

pub fn parse_pin(pin: &str) -> Result<Pin, AppError> {
    Pin::parse(pin).map_err(|e| invalid(e.code(), fields::PIN, e))
}

pub fn parse_cup_number(cup_number: &str) -> Result<CupNumber, AppError> {
    CupNumber::parse(cup_number).map_err(|e| invalid(e.code(), fields::CUP_NUMBER, e))
}

#[tauri::command]
pub fn validate_access(
    codice_fiscale: String,
    tessera: String,
    nre: String,
) -> Result<(), AppError> {
    validate_access_for(&codice_fiscale, &tessera, &nre)
}
