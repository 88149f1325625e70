//! Money in integer euro cents (never floating point). Non-negative by construction: the
//! domain only deals with tariffs, tickets and payments.

use serde::{Deserialize, Serialize};

/// An amount of euro in cents. Serialised as the integer number of cents.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(u64);

impl Money {
    /// Zero euro.
    pub const ZERO: Money = Money(0);

    /// From a number of cents.
    pub const fn from_cents(cents: u64) -> Self {
        Self(cents)
    }

    /// From whole euro and cents (`cents` may exceed 99; it is added).
    pub const fn from_euros(euros: u64, cents: u64) -> Self {
        Self(euros.saturating_mul(100).saturating_add(cents))
    }

    /// The number of cents.
    pub const fn cents(self) -> u64 {
        self.0
    }

    /// Sum, saturating at the maximum (never wraps).
    #[must_use]
    pub const fn saturating_add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }

    /// Product by a count, saturating at the maximum.
    #[must_use]
    pub const fn saturating_mul(self, n: u64) -> Money {
        Money(self.0.saturating_mul(n))
    }

    /// Machine form with a dot and two decimals, e.g. `38.00` (for payment systems).
    pub fn to_machine_string(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }

    /// Italian form without the symbol: thousands with `.`, decimals with `,`: `1.234,50`.
    pub fn to_italian_number(self) -> String {
        let euros = (self.0 / 100).to_string();
        let mut grouped = String::with_capacity(euros.len() + euros.len() / 3);
        for (i, c) in euros.chars().enumerate() {
            if i > 0 && (euros.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(c);
        }
        format!("{grouped},{:02}", self.0 % 100)
    }
}

/// Italian style: `38,00 €`, `1.234,50 €`.
impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} €", self.to_italian_number())
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Money::saturating_add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(Money::from_cents(3800).to_string(), "38,00 €");
        assert_eq!(Money::from_cents(3800).to_machine_string(), "38.00");
        assert_eq!(Money::from_cents(5).to_string(), "0,05 €");
        assert_eq!(Money::from_cents(5).to_machine_string(), "0.05");
        assert_eq!(Money::from_cents(123_450).to_string(), "1.234,50 €");
        assert_eq!(Money::from_cents(100_000_000).to_string(), "1.000.000,00 €");
        assert_eq!(Money::from_euros(38, 0), Money::from_cents(3800));
        assert_eq!(Money::ZERO.to_string(), "0,00 €");
    }

    #[test]
    fn arithmetic_saturates() {
        assert_eq!(
            Money::from_cents(u64::MAX).saturating_add(Money::from_cents(1)),
            Money::from_cents(u64::MAX)
        );
        let total: Money = [1, 2, 3].into_iter().map(Money::from_cents).sum();
        assert_eq!(total, Money::from_cents(6));
        assert_eq!(
            serde_json::to_string(&Money::from_cents(3800)).unwrap(),
            "3800"
        );
    }
}
