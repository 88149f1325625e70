//! `validate_access`: the three-factor form checked by the domain, with no network call, so a
//! wrong check character is named before anything is sent.

use cup_domain::{CodiceFiscale, Nre, TesseraSanitaria};

use crate::AppError;

/// Field names, as the backend names them in its errors.
pub mod fields {
    pub const CODICE_FISCALE: &str = "codice_fiscale";
    pub const TESSERA: &str = "tessera";
    pub const NRE: &str = "nre";
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
    CodiceFiscale::parse(codice_fiscale)
        .map_err(|e| invalid(e.code(), fields::CODICE_FISCALE, e))?;
    TesseraSanitaria::parse(tessera).map_err(|e| invalid(e.code(), fields::TESSERA, e))?;
    Nre::parse(nre).map_err(|e| invalid(e.code(), fields::NRE, e))?;
    Ok(())
}

#[tauri::command]
pub fn validate_access(
    codice_fiscale: String,
    tessera: String,
    nre: String,
) -> Result<(), AppError> {
    validate_access_for(&codice_fiscale, &tessera, &nre)
}
