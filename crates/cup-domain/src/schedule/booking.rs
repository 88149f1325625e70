//! The booking state machine.
//!
//! Source: DOMAIN.md "Holds, bookings, idempotency" (FHIR/Argonaut: held = busy-tentative /
//! pending, booked = busy / booked, cancelled = free / cancelled) and DESIGN.md
//! (reschedule = the new slot is held, then booked while the old booking becomes Moved, in
//! one step). Legal transitions, and no others:
//!
//! | from   | event                  | to        |
//! |--------|------------------------|-----------|
//! | Held   | Confirm                | Booked    |
//! | Held   | Release / Expire       | Cancelled |
//! | Booked | Cancel                 | Cancelled |
//! | Booked | Move                   | Moved     |
//! | Booked | Complete               | Done      |
//! | Booked | MarkNoShow             | NoShow    |
//!
//! Cancelled, Moved, Done and NoShow are terminal.

use serde::{Deserialize, Serialize};

/// State of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingState {
    /// The slot is held for the citizen (RISERVATO), not yet confirmed.
    Held,
    /// Confirmed (PRENOTATO).
    Booked,
    /// Released, expired, or cancelled by the citizen or the CUP (DISDETTO).
    Cancelled,
    /// Replaced by another booking (spostamento).
    Moved,
    /// The appointment took place.
    Done,
    /// The citizen did not show up.
    NoShow,
}

/// What happens to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingEvent {
    /// The citizen confirms the held slot.
    Confirm,
    /// The citizen (or the app) lets the hold go.
    Release,
    /// The hold timed out.
    Expire,
    /// Disdetta of a booked appointment.
    Cancel,
    /// Rescheduled: a new booking replaces this one.
    Move,
    /// The appointment took place.
    Complete,
    /// The citizen did not come.
    MarkNoShow,
}

/// An event that is not allowed in the current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a booking in state {} cannot take the event {}", from.code(), event.code())]
pub struct TransitionError {
    pub from: BookingState,
    pub event: BookingEvent,
}

impl TransitionError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        if self.from.is_terminal() {
            "booking_terminal_state"
        } else {
            "booking_illegal_transition"
        }
    }
}

impl BookingState {
    /// Every state.
    pub const ALL: [BookingState; 6] = [
        Self::Held,
        Self::Booked,
        Self::Cancelled,
        Self::Moved,
        Self::Done,
        Self::NoShow,
    ];

    /// The state after `event`.
    ///
    /// # Errors
    /// [`TransitionError`] for any pair not in the table of the module docs.
    pub fn apply(self, event: BookingEvent) -> Result<BookingState, TransitionError> {
        use BookingEvent as E;
        use BookingState as S;
        match (self, event) {
            (S::Held, E::Confirm) => Ok(S::Booked),
            (S::Held, E::Release | E::Expire) => Ok(S::Cancelled),
            (S::Booked, E::Cancel) => Ok(S::Cancelled),
            (S::Booked, E::Move) => Ok(S::Moved),
            (S::Booked, E::Complete) => Ok(S::Done),
            (S::Booked, E::MarkNoShow) => Ok(S::NoShow),
            (from, event) => Err(TransitionError { from, event }),
        }
    }

    /// Whether some event leads from `self` to `to`.
    pub fn can_become(self, to: BookingState) -> bool {
        BookingEvent::ALL.iter().any(|&e| self.apply(e) == Ok(to))
    }

    /// No event is accepted any more.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Self::Cancelled | Self::Moved | Self::Done | Self::NoShow
        )
    }

    /// The slot is taken (held or booked): nobody else may hold it.
    pub fn occupies_slot(self) -> bool {
        matches!(self, Self::Held | Self::Booked)
    }

    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::Booked => "booked",
            Self::Cancelled => "cancelled",
            Self::Moved => "moved",
            Self::Done => "done",
            Self::NoShow => "no_show",
        }
    }

    /// From its code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl BookingEvent {
    /// Every event.
    pub const ALL: [BookingEvent; 7] = [
        Self::Confirm,
        Self::Release,
        Self::Expire,
        Self::Cancel,
        Self::Move,
        Self::Complete,
        Self::MarkNoShow,
    ];

    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Release => "release",
            Self::Expire => "expire",
            Self::Cancel => "cancel",
            Self::Move => "move",
            Self::Complete => "complete",
            Self::MarkNoShow => "mark_no_show",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BookingEvent as E;
    use BookingState as S;

    /// The whole table: every (state, event) pair, legal ones with their target.
    #[test]
    fn exhaustive_transition_table() {
        let legal = [
            (S::Held, E::Confirm, S::Booked),
            (S::Held, E::Release, S::Cancelled),
            (S::Held, E::Expire, S::Cancelled),
            (S::Booked, E::Cancel, S::Cancelled),
            (S::Booked, E::Move, S::Moved),
            (S::Booked, E::Complete, S::Done),
            (S::Booked, E::MarkNoShow, S::NoShow),
        ];
        let mut checked = 0;
        for from in S::ALL {
            for event in E::ALL {
                let expected = legal
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event)
                    .map(|(_, _, to)| *to);
                match expected {
                    Some(to) => assert_eq!(from.apply(event), Ok(to), "{from:?} {event:?}"),
                    None => assert_eq!(
                        from.apply(event),
                        Err(TransitionError { from, event }),
                        "{from:?} {event:?}"
                    ),
                }
                checked += 1;
            }
        }
        assert_eq!(checked, 42);
    }

    /// The (from, to) pairs: exactly these are reachable in one step.
    #[test]
    fn exhaustive_state_pairs() {
        let legal = [
            (S::Held, S::Booked),
            (S::Held, S::Cancelled),
            (S::Booked, S::Cancelled),
            (S::Booked, S::Moved),
            (S::Booked, S::Done),
            (S::Booked, S::NoShow),
        ];
        for from in S::ALL {
            for to in S::ALL {
                assert_eq!(
                    from.can_become(to),
                    legal.contains(&(from, to)),
                    "{from:?}->{to:?}"
                );
            }
        }
    }

    #[test]
    fn terminal_states_and_codes() {
        for s in S::ALL {
            assert_eq!(s.is_terminal(), E::ALL.iter().all(|&e| s.apply(e).is_err()));
            assert_eq!(S::from_code(s.code()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
        for e in E::ALL {
            assert_eq!(
                serde_json::to_string(&e).unwrap(),
                format!("\"{}\"", e.code())
            );
        }
        assert_eq!(
            S::Done.apply(E::Cancel).unwrap_err().code(),
            "booking_terminal_state"
        );
        assert_eq!(
            S::Held.apply(E::Cancel).unwrap_err().code(),
            "booking_illegal_transition"
        );
        assert!(S::Held.occupies_slot() && S::Booked.occupies_slot());
        assert!(!S::Cancelled.occupies_slot());
    }
}
