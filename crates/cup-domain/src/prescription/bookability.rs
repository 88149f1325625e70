//! Whether one service of a prescription can be booked online here, and if not, what the
//! citizen should do instead.
//!
//! Sources: DESIGN.md "The flows" (lab tests are not bookable here; priority U is not
//! bookable online: tell the citizen to call the CUP); DOMAIN.md "NRE" (a prescription
//! from another region is booked by that region's CUP: say so clearly); DOMAIN.md
//! "Priority classes" (booking-by deadline, Lazio 2026 model, UNVERIFIED for Toscana).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::priority::{Priority, ServiceKind};
use super::{Prescription, PrescriptionError};
use crate::region::Region;

/// Why a service is not bookable online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum NotBookableReason {
    /// Laboratory tests are not booked on the CUP.
    Laboratory,
    /// Class U (72 hours) is not bookable online.
    UrgentPriority,
    /// The prescription was issued by another region, whose CUP books it.
    OtherRegion { region: Region },
    /// This service of the prescription already has a booking.
    AlreadyBooked,
    /// The prescription is past its booking-by deadline (UNVERIFIED model).
    PastBookingDeadline,
}

impl NotBookableReason {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Laboratory => "laboratory",
            Self::UrgentPriority => "urgent_priority",
            Self::OtherRegion { .. } => "other_region",
            Self::AlreadyBooked => "already_booked",
            Self::PastBookingDeadline => "past_booking_deadline",
        }
    }
}

/// What the citizen should do instead of booking online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum NextStep {
    /// Laboratory access through Toscana's ZeroCoda service.
    ZeroCoda,
    /// Phone or visit the CUP (class U).
    CallCup,
    /// Book through that region's CUP.
    RegionCup { region: Region },
    /// Open the existing booking (manage, move, cancel).
    ManageBooking,
    /// Ask the doctor for a new prescription.
    NewPrescription,
}

impl NextStep {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::ZeroCoda => "zerocoda",
            Self::CallCup => "call_cup",
            Self::RegionCup { .. } => "region_cup",
            Self::ManageBooking => "manage_booking",
            Self::NewPrescription => "new_prescription",
        }
    }
}

/// The verdict for one service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Bookability {
    Bookable,
    NotBookable {
        reason: NotBookableReason,
        next_step: NextStep,
    },
}

impl Bookability {
    fn not(reason: NotBookableReason, next_step: NextStep) -> Self {
        Self::NotBookable { reason, next_step }
    }

    /// Whether the service can be booked online.
    pub fn is_bookable(&self) -> bool {
        matches!(self, Self::Bookable)
    }
}

/// Decides whether service `service_index` of `prescription` is bookable online.
///
/// Reasons are checked in this order, the first that applies wins: another region's
/// prescription (nothing can be done here), already booked (manage that booking — it may
/// have been booked by phone even if U), laboratory (ZeroCoda), class U (call the CUP).
///
/// # Errors
/// [`PrescriptionError::ServiceIndex`] when the prescription has no such service.
pub fn bookability(
    prescription: &Prescription,
    service_index: usize,
    already_booked: bool,
) -> Result<Bookability, PrescriptionError> {
    let service = prescription.service(service_index)?;
    let region = prescription.nre().region();
    Ok(if region != Region::Toscana {
        Bookability::not(
            NotBookableReason::OtherRegion { region },
            NextStep::RegionCup { region },
        )
    } else if already_booked {
        Bookability::not(NotBookableReason::AlreadyBooked, NextStep::ManageBooking)
    } else if service.kind() == ServiceKind::Laboratory {
        Bookability::not(NotBookableReason::Laboratory, NextStep::ZeroCoda)
    } else if prescription.effective_priority() == Priority::U {
        Bookability::not(NotBookableReason::UrgentPriority, NextStep::CallCup)
    } else {
        Bookability::Bookable
    })
}

/// The last day on which a prescription may be booked, from its date, class and kind.
///
/// UNVERIFIED (DOMAIN.md): the Lazio 2026 rule as a model — U 10 days, B 20, D 40
/// (visits) / 70 (others), P 130 from the prescription date. Not confirmed for Toscana:
/// [`bookability_on`] is the only user, and callers opt in to it.
pub fn booking_deadline(
    prescription_date: NaiveDate,
    priority: Priority,
    kind: ServiceKind,
) -> NaiveDate {
    let days = match (priority, kind) {
        (Priority::U, _) => 10,
        (Priority::B, _) => 20,
        (Priority::D, ServiceKind::Visit) => 40,
        (Priority::D, _) => 70,
        (Priority::P, _) => 130,
    };
    prescription_date
        .checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// [`bookability`] plus the UNVERIFIED booking-by deadline ([`booking_deadline`]): a
/// prescription is bookable up to and including its deadline day (`today` in Europe/Rome).
///
/// # Errors
/// [`PrescriptionError::ServiceIndex`] when the prescription has no such service.
pub fn bookability_on(
    prescription: &Prescription,
    service_index: usize,
    already_booked: bool,
    today: NaiveDate,
) -> Result<Bookability, PrescriptionError> {
    let verdict = bookability(prescription, service_index, already_booked)?;
    if verdict.is_bookable() {
        let kind = prescription.service(service_index)?.kind();
        let deadline =
            booking_deadline(prescription.date(), prescription.effective_priority(), kind);
        if today > deadline {
            return Ok(Bookability::not(
                NotBookableReason::PastBookingDeadline,
                NextStep::NewPrescription,
            ));
        }
    }
    Ok(verdict)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prescription::tests::{parts, service};

    fn prescription(nre: &str, priority: Option<Priority>, kind: ServiceKind) -> Prescription {
        let mut p = parts(nre, vec![service("CARDIOLOGIA", kind)]);
        p.priority = priority;
        Prescription::new(p).unwrap()
    }

    const TOSCANA: &str = "0900A4262701932";

    #[test]
    fn bookable() {
        let p = prescription(TOSCANA, Some(Priority::B), ServiceKind::Visit);
        assert_eq!(bookability(&p, 0, false), Ok(Bookability::Bookable));
        let p = prescription(TOSCANA, None, ServiceKind::Diagnostic);
        assert_eq!(bookability(&p, 0, false), Ok(Bookability::Bookable));
    }

    #[test]
    fn reasons() {
        let lab = prescription(TOSCANA, Some(Priority::P), ServiceKind::Laboratory);
        assert_eq!(
            bookability(&lab, 0, false),
            Ok(Bookability::not(
                NotBookableReason::Laboratory,
                NextStep::ZeroCoda
            ))
        );
        let urgent = prescription(TOSCANA, Some(Priority::U), ServiceKind::Visit);
        assert_eq!(
            bookability(&urgent, 0, false),
            Ok(Bookability::not(
                NotBookableReason::UrgentPriority,
                NextStep::CallCup
            ))
        );
        assert_eq!(
            bookability(&urgent, 0, true),
            Ok(Bookability::not(
                NotBookableReason::AlreadyBooked,
                NextStep::ManageBooking
            ))
        );
        let lazio = prescription(
            "1200A4262701932",
            Some(Priority::U),
            ServiceKind::Laboratory,
        );
        let region = Region::Lazio;
        assert_eq!(
            bookability(&lazio, 0, true),
            Ok(Bookability::not(
                NotBookableReason::OtherRegion { region },
                NextStep::RegionCup { region }
            ))
        );
        assert_eq!(
            bookability(&lazio, 1, false),
            Err(PrescriptionError::ServiceIndex)
        );
    }

    #[test]
    fn codes_and_serde() {
        let v = Bookability::not(
            NotBookableReason::OtherRegion {
                region: Region::Lazio,
            },
            NextStep::RegionCup {
                region: Region::Lazio,
            },
        );
        assert_eq!(
            serde_json::to_value(v).unwrap(),
            serde_json::json!({
                "status": "not_bookable",
                "reason": {"code": "other_region", "region": "120"},
                "next_step": {"code": "region_cup", "region": "120"}
            })
        );
        assert_eq!(NotBookableReason::Laboratory.code(), "laboratory");
        assert_eq!(NextStep::CallCup.code(), "call_cup");
    }

    #[test]
    fn booking_deadline_boundaries() {
        // Prescription date 2 Apr 2024, class D visit: deadline 12 May 2024 (40 days).
        let p = prescription(TOSCANA, Some(Priority::D), ServiceKind::Visit);
        let deadline = NaiveDate::from_ymd_opt(2024, 5, 12).unwrap();
        assert_eq!(
            booking_deadline(p.date(), Priority::D, ServiceKind::Visit),
            deadline
        );
        assert_eq!(
            bookability_on(&p, 0, false, deadline),
            Ok(Bookability::Bookable)
        );
        assert_eq!(
            bookability_on(&p, 0, false, deadline.succ_opt().unwrap()),
            Ok(Bookability::not(
                NotBookableReason::PastBookingDeadline,
                NextStep::NewPrescription
            ))
        );
        let d = p.date();
        assert_eq!(
            booking_deadline(d, Priority::U, ServiceKind::Visit) - d,
            chrono::TimeDelta::days(10)
        );
        assert_eq!(
            booking_deadline(d, Priority::B, ServiceKind::Visit) - d,
            chrono::TimeDelta::days(20)
        );
        assert_eq!(
            booking_deadline(d, Priority::D, ServiceKind::Diagnostic) - d,
            chrono::TimeDelta::days(70)
        );
        assert_eq!(
            booking_deadline(d, Priority::P, ServiceKind::Visit) - d,
            chrono::TimeDelta::days(130)
        );
    }
}
