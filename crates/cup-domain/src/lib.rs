//! Pure booking domain of CUP Toscana.
//!
//! No IO, no clock: every function that depends on the current time takes
//! `now: DateTime<Utc>` (or `today: NaiveDate`) as an argument.
//! The rules, and where they come from, are in `shared/DOMAIN.md`; each item below cites
//! its section. Items marked UNVERIFIED there live behind exactly one function each.
//!
//! Identifiers follow "parse, don't validate": a value of [`CodiceFiscale`], [`Nre`], ...
//! is valid by construction. Their `Display` is the normalised form, their `Debug` and
//! `redacted()` never show the whole value, and errors never echo the input.
//!
//! ```
//! use cup_domain::{CodiceFiscale, Nre, Sex, TICKET_CAP, cancel_deadline, rome_to_utc};
//! use chrono::NaiveDate;
//!
//! let cf: CodiceFiscale = "rssmra85t10a562s".parse()?;
//! assert_eq!(cf.sex(), Sex::Male);
//! assert_eq!(cf.birth_date_with_pivot(NaiveDate::from_ymd_opt(2024, 4, 24).unwrap()),
//!            NaiveDate::from_ymd_opt(1985, 12, 10).unwrap());
//! assert_eq!(format!("{cf:?}"), "CodiceFiscale(RSS***********2S)");
//!
//! let nre = Nre::parse("0900A4262701932")?;
//! assert!(nre.is_toscana());
//!
//! let start = rome_to_utc(NaiveDate::from_ymd_opt(2024, 4, 24).unwrap().and_hms_opt(10, 0, 0).unwrap())?;
//! let by = cancel_deadline(start);
//! assert_eq!(cup_domain::format_datetime(by, cup_domain::Lang::It), "lun 22 apr 2024, ore 10:00");
//! assert_eq!(TICKET_CAP.to_string(), "38,00 €");
//! # Ok::<(), cup_domain::DomainError>(())
//! ```

pub mod error;
pub mod ids;
pub mod money;
pub mod prescription;
pub mod region;
pub mod schedule;
pub mod ticket;
pub mod time;

pub use error::DomainError;
pub use ids::codice_fiscale::{CodiceFiscale, CodiceFiscaleError, Sex, check_char};
pub use ids::cup_number::{CupNumber, CupNumberError};
pub use ids::nre::{Nre, NreError};
pub use ids::pagopa::{CreditorFiscalCode, NoticeNumber, PagoPaError, pagopa_qr_payload};
pub use ids::phone::{PhoneError, PhoneNumber};
pub use ids::pin::{Pin, PinError};
pub use ids::tessera::{TesseraError, TesseraSanitaria, tessera_check_digit};
pub use money::Money;
pub use prescription::bookability::{
    Bookability, NextStep, NotBookableReason, bookability, bookability_on, booking_deadline,
};
pub use prescription::exemption::{Exemption, ExemptionError, ExemptionKind};
pub use prescription::priority::{AccessType, Priority, ServiceKind, effective_priority};
pub use prescription::service::{CatalogueCode, PrescribedService, Quantity};
pub use prescription::{Prescription, PrescriptionError, PrescriptionParts};
pub use region::Region;
pub use schedule::booking::{BookingEvent, BookingState, TransitionError};
pub use schedule::cancellation::{
    CANCEL_NOTICE, cancel_deadline, late_cancellation_owes_malum, malum_owed,
};
pub use schedule::guarantee::{
    FirstOffer, Guarantee, GuaranteeWindow, assess_first_offer, decide_guarantee, guarantee_window,
};
pub use schedule::hold::Hold;
pub use schedule::slot::{ScheduleError, Slot};
pub use ticket::{TICKET_CAP, TicketLine, gross_ticket, toscana_ticket};
pub use time::{Lang, TimeError, format_datetime, rome_to_utc, to_rome};
