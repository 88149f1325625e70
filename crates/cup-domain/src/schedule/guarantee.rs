//! The waiting-time guarantee of the priority classes.
//!
//! Source: DOMAIN.md "Priority classes (PNGLA 2019-2021) and the guarantee": the region
//! must offer a slot inside the class's maximum wait (first access only). If the citizen
//! chooses another site or date than the first offered, the guarantee lapses — recorded on
//! the booking as [`Guarantee::Waived`]. If no slot exists in the window, the citizen is
//! entitled to a "percorso di tutela" and the app must say so ([`FirstOffer`]).
//!
//! The window starts at the booking request (PNGLA counts the wait from the contact with
//! the CUP). Class U ends 72 absolute hours later; B, D, P end at the end of the N-th
//! calendar day (Europe/Rome) after the request day, so a slot on the last day counts
//! whatever its hour.

use chrono::{DateTime, Days, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::slot::Slot;
use crate::prescription::priority::{
    AccessType, MaxWait, Priority, ServiceKind, effective_priority,
};
use crate::time::{rome_date, rome_start_of_day};

/// `[start, end)`: the instants inside the maximum wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuaranteeWindow {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl GuaranteeWindow {
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }
    /// Exclusive end.
    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }
    /// `start <= t < end`.
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.start <= t && t < self.end
    }
}

/// The guarantee window for a booking requested at `requested_at`; `None` for follow-up
/// access (the classes apply to first access only). A missing class counts as P
/// ([`effective_priority`], UNVERIFIED).
pub fn guarantee_window(
    requested_at: DateTime<Utc>,
    priority: Option<Priority>,
    access: AccessType,
    kind: ServiceKind,
) -> Option<GuaranteeWindow> {
    if access == AccessType::FollowUp {
        return None;
    }
    let end = match effective_priority(priority).max_wait(kind) {
        MaxWait::Hours(h) => requested_at + TimeDelta::hours(i64::from(h)),
        MaxWait::Days(n) => {
            let last_day = rome_date(requested_at).checked_add_days(Days::new(u64::from(n) + 1))?;
            rome_start_of_day(last_day)
        }
    };
    Some(GuaranteeWindow {
        start: requested_at,
        end,
    })
}

/// Whether the region's first offer honoured the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirstOffer {
    /// The first offered slot is inside the window.
    InsideWindow,
    /// The first offered slot is later than the window allows.
    OutsideWindow,
    /// No slot could be offered at all.
    NoOffer,
}

impl FirstOffer {
    /// The citizen is entitled to a "percorso di tutela" (private/intramoenia at ticket
    /// price): the app must say so and offer the request, never silently show a later date.
    pub fn entitles_tutela(self) -> bool {
        !matches!(self, Self::InsideWindow)
    }

    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            Self::InsideWindow => "inside_window",
            Self::OutsideWindow => "outside_window",
            Self::NoOffer => "no_offer",
        }
    }
}

/// Assesses the first offer against the window.
pub fn assess_first_offer(window: &GuaranteeWindow, first_offer: Option<&Slot>) -> FirstOffer {
    match first_offer {
        None => FirstOffer::NoOffer,
        Some(s) if window.contains(s.start()) => FirstOffer::InsideWindow,
        Some(_) => FirstOffer::OutsideWindow,
    }
}

/// Recorded on the booking: was the maximum-wait guarantee kept?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Guarantee {
    Kept,
    Waived,
}

impl Guarantee {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Kept => "kept",
            Self::Waived => "waived",
        }
    }
}

/// Decides the guarantee of a booking. Rule: `Kept` if and only if the citizen took the
/// first offered slot (same slot id) and that slot starts inside the window; any other
/// choice — another site or date, or accepting a first offer outside the window instead
/// of the tutela pathway — is `Waived`. `None` when there is no window (follow-up).
pub fn decide_guarantee(
    window: Option<&GuaranteeWindow>,
    first_offered: &Slot,
    chosen: &Slot,
) -> Option<Guarantee> {
    let window = window?;
    Some(
        if chosen.id() == first_offered.id() && window.contains(first_offered.start()) {
            Guarantee::Kept
        } else {
            Guarantee::Waived
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::rome_to_utc;
    use chrono::NaiveDate;

    fn rome(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        rome_to_utc(
            NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(h, mi, 0)
                .unwrap(),
        )
        .unwrap()
    }

    fn slot(id: u64, start: DateTime<Utc>) -> Slot {
        Slot::new(id, 1, 1, start, start + TimeDelta::minutes(20)).unwrap()
    }

    #[test]
    fn follow_up_has_no_window() {
        let t = rome(2024, 4, 24, 10, 0);
        assert_eq!(
            guarantee_window(
                t,
                Some(Priority::B),
                AccessType::FollowUp,
                ServiceKind::Visit
            ),
            None
        );
        assert_eq!(decide_guarantee(None, &slot(1, t), &slot(1, t)), None);
    }

    #[test]
    fn window_ends() {
        let t = rome(2024, 4, 24, 10, 0);
        let w = |p, k| guarantee_window(t, p, AccessType::First, k).unwrap();
        assert_eq!(
            w(Some(Priority::U), ServiceKind::Visit).end(),
            t + TimeDelta::hours(72)
        );
        // B: through the whole of 4 May (10 days after 24 Apr), Rome time.
        assert_eq!(
            w(Some(Priority::B), ServiceKind::Visit).end(),
            rome(2024, 5, 5, 0, 0)
        );
        assert_eq!(
            w(Some(Priority::D), ServiceKind::Visit).end(),
            rome(2024, 5, 25, 0, 0)
        );
        assert_eq!(
            w(Some(Priority::D), ServiceKind::Diagnostic).end(),
            rome(2024, 6, 24, 0, 0)
        );
        assert_eq!(
            w(Some(Priority::P), ServiceKind::Visit).end(),
            rome(2024, 8, 23, 0, 0)
        );
        assert_eq!(
            w(None, ServiceKind::Visit),
            w(Some(Priority::P), ServiceKind::Visit)
        );
    }

    #[test]
    fn window_boundaries() {
        let t = rome(2024, 4, 24, 10, 0);
        let w =
            guarantee_window(t, Some(Priority::B), AccessType::First, ServiceKind::Visit).unwrap();
        assert!(w.contains(t));
        assert!(!w.contains(t - TimeDelta::seconds(1)));
        assert!(w.contains(rome(2024, 5, 4, 23, 59)));
        assert!(!w.contains(rome(2024, 5, 5, 0, 0)));
    }

    #[test]
    fn window_across_dst() {
        // Requested Fri 29 Mar 2024 09:00 CET; U ends 72 absolute hours later:
        // Mon 1 Apr 10:00 CEST (wall clock one hour later).
        let t = rome(2024, 3, 29, 9, 0);
        let u =
            guarantee_window(t, Some(Priority::U), AccessType::First, ServiceKind::Visit).unwrap();
        assert_eq!(u.end(), rome(2024, 4, 1, 10, 0));
        // B ends at local midnight starting 9 Apr, whatever the DST change.
        let b =
            guarantee_window(t, Some(Priority::B), AccessType::First, ServiceKind::Visit).unwrap();
        assert_eq!(b.end(), rome(2024, 4, 9, 0, 0));
    }

    #[test]
    fn first_offer_and_guarantee() {
        let t = rome(2024, 4, 24, 10, 0);
        let w =
            guarantee_window(t, Some(Priority::B), AccessType::First, ServiceKind::Visit).unwrap();
        let first = slot(1, rome(2024, 4, 30, 9, 0));
        let other = slot(2, rome(2024, 5, 2, 9, 0));
        let late = slot(3, rome(2024, 5, 20, 9, 0));
        assert_eq!(
            assess_first_offer(&w, Some(&first)),
            FirstOffer::InsideWindow
        );
        assert_eq!(
            assess_first_offer(&w, Some(&late)),
            FirstOffer::OutsideWindow
        );
        assert_eq!(assess_first_offer(&w, None), FirstOffer::NoOffer);
        assert!(!FirstOffer::InsideWindow.entitles_tutela());
        assert!(FirstOffer::OutsideWindow.entitles_tutela());
        assert!(FirstOffer::NoOffer.entitles_tutela());
        assert_eq!(
            decide_guarantee(Some(&w), &first, &first),
            Some(Guarantee::Kept)
        );
        assert_eq!(
            decide_guarantee(Some(&w), &first, &other),
            Some(Guarantee::Waived)
        );
        assert_eq!(
            decide_guarantee(Some(&w), &late, &late),
            Some(Guarantee::Waived)
        );
        assert_eq!(Guarantee::Kept.code(), "kept");
    }
}
