//! The crate's one error type: every specific error joins here with `#[from]`, and every
//! error has a stable machine `code()` that the UI translates (messages are English and
//! never contain identifier values).

use crate::ids::codice_fiscale::CodiceFiscaleError;
use crate::ids::cup_number::CupNumberError;
use crate::ids::nre::NreError;
use crate::ids::pagopa::PagoPaError;
use crate::ids::phone::PhoneError;
use crate::ids::pin::PinError;
use crate::ids::tessera::TesseraError;
use crate::prescription::PrescriptionError;
use crate::prescription::exemption::ExemptionError;
use crate::schedule::booking::TransitionError;
use crate::schedule::slot::ScheduleError;
use crate::time::TimeError;

/// Any domain error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error(transparent)]
    CodiceFiscale(#[from] CodiceFiscaleError),
    #[error(transparent)]
    Tessera(#[from] TesseraError),
    #[error(transparent)]
    Nre(#[from] NreError),
    #[error(transparent)]
    CupNumber(#[from] CupNumberError),
    #[error(transparent)]
    PagoPa(#[from] PagoPaError),
    #[error(transparent)]
    Phone(#[from] PhoneError),
    #[error(transparent)]
    Pin(#[from] PinError),
    #[error(transparent)]
    Exemption(#[from] ExemptionError),
    #[error(transparent)]
    Prescription(#[from] PrescriptionError),
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error(transparent)]
    Time(#[from] TimeError),
}

impl DomainError {
    /// Stable machine code of the underlying error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::CodiceFiscale(e) => e.code(),
            Self::Tessera(e) => e.code(),
            Self::Nre(e) => e.code(),
            Self::CupNumber(e) => e.code(),
            Self::PagoPa(e) => e.code(),
            Self::Phone(e) => e.code(),
            Self::Pin(e) => e.code(),
            Self::Exemption(e) => e.code(),
            Self::Prescription(e) => e.code(),
            Self::Schedule(e) => e.code(),
            Self::Transition(e) => e.code(),
            Self::Time(e) => e.code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_pass_through() {
        let e: DomainError = CodiceFiscaleError::CheckChar.into();
        assert_eq!(e.code(), "cf_check_char");
        assert_eq!(
            e.to_string(),
            "the check character of the codice fiscale does not match"
        );
        let e: DomainError = NreError::Region.into();
        assert_eq!(e.code(), "nre_region");
    }
}
