//! What the clients were told: every booking acknowledged to a client (its CUP number) and
//! the state the client last knows it in, and the operations still without a definite
//! answer. The invariant checker compares this with the database.

use std::collections::HashMap;
use std::sync::Mutex;

/// The state of an acknowledged booking as its client knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    Booked,
    Cancelled,
    /// Moved to the booking with this CUP number.
    Moved {
        to: String,
    },
    /// A cancellation or move was sent and never answered: either outcome is allowed.
    Uncertain,
}

impl Known {
    /// Whether the database's status (and the CUP number it moved to) matches.
    pub fn accepts(&self, status: &str, moved_to: Option<&str>) -> bool {
        match self {
            Known::Booked => status == "booked",
            Known::Cancelled => status == "cancelled",
            Known::Moved { to } => status == "moved" && moved_to == Some(to.as_str()),
            Known::Uncertain => matches!(status, "booked" | "cancelled" | "moved"),
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Snapshot {
    pub bookings: HashMap<String, Known>,
    /// Acknowledged operations.
    pub booked: u64,
    pub cancelled: u64,
    pub moved: u64,
    /// Operations that could create a booking (book, reschedule) sent and never answered.
    pub creates_in_doubt: u64,
    /// Cancellations and moves sent and never answered.
    pub changes_in_doubt: u64,
    /// Holds the clients walked away from (left to expire).
    pub holds_left_to_expire: u64,
}

#[derive(Debug, Default)]
pub struct Ledger {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    snapshot: Snapshot,
    creates_started: u64,
    creates_ended: u64,
    changes_started: u64,
    changes_ended: u64,
}

impl Ledger {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Before sending a book or a reschedule.
    pub fn create_started(&self) {
        self.lock().creates_started += 1;
    }

    /// After a definite answer to a book or reschedule (success or refusal).
    pub fn create_ended(&self) {
        self.lock().creates_ended += 1;
    }

    /// Before sending a cancellation or a move of an acknowledged booking: until answered,
    /// either state is possible.
    pub fn change_started(&self, cup: &str) {
        let mut inner = self.lock();
        inner.changes_started += 1;
        inner
            .snapshot
            .bookings
            .insert(cup.to_owned(), Known::Uncertain);
    }

    /// A cancellation or move was refused: the booking is as it was.
    pub fn change_refused(&self, cup: &str) {
        let mut inner = self.lock();
        inner.changes_ended += 1;
        inner
            .snapshot
            .bookings
            .insert(cup.to_owned(), Known::Booked);
    }

    pub fn booked(&self, cup: &str) {
        let mut inner = self.lock();
        inner.creates_ended += 1;
        inner.snapshot.booked += 1;
        inner
            .snapshot
            .bookings
            .insert(cup.to_owned(), Known::Booked);
    }

    pub fn cancelled(&self, cup: &str) {
        let mut inner = self.lock();
        inner.changes_ended += 1;
        inner.snapshot.cancelled += 1;
        inner
            .snapshot
            .bookings
            .insert(cup.to_owned(), Known::Cancelled);
    }

    /// A move acknowledged: the old booking is SPOSTATO, the new one booked.
    pub fn moved(&self, old: &str, new: &str) {
        let mut inner = self.lock();
        inner.changes_ended += 1;
        inner.creates_ended += 1;
        inner.snapshot.moved += 1;
        inner
            .snapshot
            .bookings
            .insert(old.to_owned(), Known::Moved { to: new.to_owned() });
        inner
            .snapshot
            .bookings
            .insert(new.to_owned(), Known::Booked);
    }

    pub fn left_to_expire(&self) {
        self.lock().snapshot.holds_left_to_expire += 1;
    }

    pub fn snapshot(&self) -> Snapshot {
        let inner = self.lock();
        let mut snapshot = inner.snapshot.clone();
        snapshot.creates_in_doubt = inner.creates_started.saturating_sub(inner.creates_ended);
        snapshot.changes_in_doubt = inner.changes_started.saturating_sub(inner.changes_ended);
        snapshot
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracks_what_each_client_was_told() {
        let ledger = Ledger::default();
        ledger.create_started();
        ledger.booked("A");
        ledger.create_started();
        ledger.booked("B");
        ledger.change_started("A");
        ledger.cancelled("A");
        ledger.change_started("B");
        ledger.create_started();
        ledger.moved("B", "C");
        ledger.create_started(); // never answered
        ledger.create_started();
        ledger.booked("D");
        ledger.change_started("D"); // never answered
        let s = ledger.snapshot();
        assert_eq!((s.booked, s.cancelled, s.moved), (3, 1, 1));
        assert_eq!(s.creates_in_doubt, 1);
        assert_eq!(s.changes_in_doubt, 1);
        assert_eq!(s.bookings["A"], Known::Cancelled);
        assert_eq!(s.bookings["B"], Known::Moved { to: "C".into() });
        assert_eq!(s.bookings["C"], Known::Booked);
        assert_eq!(s.bookings["D"], Known::Uncertain);
        assert!(Known::Uncertain.accepts("cancelled", None));
        assert!(!Known::Booked.accepts("cancelled", None));
        assert!(s.bookings["B"].accepts("moved", Some("C")));
        assert!(!s.bookings["B"].accepts("moved", Some("X")));
    }
}
