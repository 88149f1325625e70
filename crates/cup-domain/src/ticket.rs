//! The Toscana ticket (patient co-payment) of a prescription.
//!
//! Source: DOMAIN.md "Ticket (Toscana)": `ticket = min(sum of the services' tariffs,
//! 38.00 EUR)` per prescription unless exempt (the seed shows 38.00 EUR); the income-band
//! surcharge was abolished from 1 Sep 2020; exempt => 0.00. The points not confirmed for
//! Toscana live in [`toscana_ticket`] alone.

use crate::money::Money;
use crate::prescription::exemption::Exemption;
use crate::prescription::service::Quantity;

/// The per-prescription cap: 38.00 EUR.
pub const TICKET_CAP: Money = Money::from_cents(3800);

/// One line of a prescription for the ticket: a catalogue tariff and the prescribed
/// quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketLine {
    pub tariff: Money,
    pub quantity: Quantity,
}

/// The ticket ignoring any exemption: `min(sum of tariff × quantity, 38.00 EUR)`.
/// This is also the "malum" owed for a late cancellation or a no-show, which is charged
/// even to the exempt (see [`crate::schedule::cancellation`]).
pub fn gross_ticket(lines: &[TicketLine]) -> Money {
    let sum: Money = lines
        .iter()
        .map(|l| l.tariff.saturating_mul(u64::from(l.quantity.get())))
        .sum();
    sum.min(TICKET_CAP)
}

/// The ticket the citizen pays for a prescription.
///
/// UNVERIFIED (DOMAIN.md): the cap applies per prescription (not per service), and any
/// exemption code on the prescription zeroes the ticket. In reality a chronic- or
/// rare-disease exemption covers only the services related to that disease; we rely on
/// the prescriber having written the code only where it applies.
pub fn toscana_ticket(lines: &[TicketLine], exemption: Option<&Exemption>) -> Money {
    if exemption.is_some() {
        Money::ZERO
    } else {
        gross_ticket(lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cents: u64, q: u8) -> TicketLine {
        TicketLine {
            tariff: Money::from_cents(cents),
            quantity: Quantity::new(q).unwrap(),
        }
    }

    #[test]
    fn sums_below_cap() {
        assert_eq!(
            toscana_ticket(&[line(2066, 1)], None),
            Money::from_cents(2066)
        );
        assert_eq!(
            toscana_ticket(&[line(1000, 1), line(500, 2)], None),
            Money::from_cents(2000)
        );
    }

    #[test]
    fn cap_boundaries() {
        assert_eq!(
            toscana_ticket(&[line(3799, 1)], None),
            Money::from_cents(3799)
        );
        assert_eq!(toscana_ticket(&[line(3800, 1)], None), TICKET_CAP);
        assert_eq!(toscana_ticket(&[line(3801, 1)], None), TICKET_CAP);
        assert_eq!(toscana_ticket(&[line(2000, 2)], None), TICKET_CAP);
        assert_eq!(toscana_ticket(&[line(u64::MAX, 99)], None), TICKET_CAP);
        assert_eq!(toscana_ticket(&[], None), Money::ZERO);
    }

    #[test]
    fn exempt_pays_nothing_but_malum_is_gross() {
        let e = Exemption::parse("E01").unwrap();
        let lines = [line(5000, 1)];
        assert_eq!(toscana_ticket(&lines, Some(&e)), Money::ZERO);
        assert_eq!(gross_ticket(&lines), TICKET_CAP);
    }
}
