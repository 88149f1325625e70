//! Identifiers the backend issues: CUP booking number, call-centre PIN, pagoPA notice.

use chrono::{DateTime, Datelike};
use cup_domain::{CupNumber, Money, NoticeNumber, Pin, Quantity, TicketLine};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha12Rng;

use crate::store::{ItemRow, PrescriptionRow};

/// The pagoPA segregation code of our synthetic creditors.
const SEGREGATION_CODE: u8 = 1;

/// A cryptographically seeded generator for identifiers (PINs must not be guessable).
pub fn secure_rng() -> ChaCha12Rng {
    ChaCha12Rng::from_os_rng()
}

/// A deterministic generator (demo data).
pub fn seeded_rng(seed: u64) -> ChaCha12Rng {
    ChaCha12Rng::seed_from_u64(seed)
}

pub struct BookingIdentifiers {
    pub cup_number: String,
    pub pin: String,
    pub notice_number: String,
}

impl BookingIdentifiers {
    /// Identifiers of booking `id`. The CUP number is the year (as the seed's `2023...`)
    /// and the id: unique up to 10^8 bookings a year. The notice's base is the id: unique.
    /// The PIN is random (7 digits and a check digit) and need not be unique.
    pub fn generate(rng: &mut impl Rng, now_epoch: i64, id: i64) -> Self {
        let year = DateTime::from_timestamp(now_epoch, 0)
            .map(|t| t.year())
            .unwrap_or(2026)
            .clamp(1000, 9999) as u64;
        let id = id.unsigned_abs();
        let cup = year * 100_000_000 + id % 100_000_000;
        let cup_number = CupNumber::from_u64(cup)
            .map(|c| c.to_string())
            .unwrap_or_else(|_| format!("{cup:012}"));
        let first7 = format!("{:07}", rng.random_range(0..10_000_000u32));
        let pin = Pin::compose(&first7)
            .map(|p| p.to_string())
            .unwrap_or_default();
        let base = id % 10_000_000_000_000;
        let notice_number = NoticeNumber::compose(SEGREGATION_CODE, base)
            .map(|n| n.to_string())
            .unwrap_or_default();
        Self {
            cup_number,
            pin,
            notice_number,
        }
    }
}

/// The ticket share of one line: the prescription's ticket (capped, zero when exempt) split
/// across its lines in proportion to their gross tariffs, the remainder on the last line,
/// so that the shares of all lines add up to the prescription's ticket exactly.
pub fn line_ticket_cents(items: &[ItemRow], prescription: &PrescriptionRow, line: i64) -> i64 {
    let total = prescription_ticket_cents(items, prescription);
    let gross: Vec<u64> = items
        .iter()
        .map(|i| (i.tariff_cents.max(0) as u64) * (i.quantity.max(0) as u64))
        .collect();
    let sum: u64 = gross.iter().sum();
    if sum == 0 {
        return 0;
    }
    let mut given = 0u64;
    for (index, item) in items.iter().enumerate() {
        let share = if index + 1 == items.len() {
            total.saturating_sub(given)
        } else {
            total * gross[index] / sum
        };
        if item.line == line {
            return share as i64;
        }
        given += share;
    }
    0
}

/// The ticket of a whole prescription (Toscana rule in `cup-domain`).
pub fn prescription_ticket_cents(items: &[ItemRow], prescription: &PrescriptionRow) -> u64 {
    let lines: Vec<TicketLine> = items
        .iter()
        .filter_map(|i| {
            Some(TicketLine {
                tariff: Money::from_cents(u64::try_from(i.tariff_cents).ok()?),
                quantity: Quantity::new(u8::try_from(i.quantity).ok()?).ok()?,
            })
        })
        .collect();
    let exemption = prescription
        .exemption
        .as_deref()
        .and_then(|e| cup_domain::Exemption::parse(e).ok());
    cup_domain::toscana_ticket(&lines, exemption.as_ref()).cents()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(line: i64, tariff: i64, quantity: i64) -> ItemRow {
        ItemRow {
            line,
            quantity,
            service_id: line + 1,
            code: format!("C{line}"),
            description: "X".into(),
            branch: "RADIOLOGIA".into(),
            kind: "diagnostic".into(),
            tariff_cents: tariff,
            preparation: String::new(),
            preparation_en: String::new(),
            booked_as: None,
        }
    }

    fn prescription(exemption: Option<&str>) -> PrescriptionRow {
        PrescriptionRow {
            id: 1,
            nre: "0900A4262701932".into(),
            citizen_id: 1,
            priority: Some("P".into()),
            access: "first".into(),
            exemption: exemption.map(str::to_owned),
            issued_on: "2026-11-01".into(),
            doctor: "DR".into(),
            question: String::new(),
        }
    }

    #[test]
    fn shares_add_up_to_the_capped_ticket() {
        let items = vec![item(0, 2500, 1), item(1, 3000, 1), item(2, 1000, 2)];
        let p = prescription(None);
        assert_eq!(prescription_ticket_cents(&items, &p), 3800);
        let shares: i64 = (0..3).map(|l| line_ticket_cents(&items, &p, l)).sum();
        assert_eq!(shares, 3800);
        assert_eq!(line_ticket_cents(&items, &prescription(Some("E01")), 0), 0);
    }

    #[test]
    fn identifiers_are_valid() {
        let mut rng = seeded_rng(7);
        for id in 1..100 {
            let ids = BookingIdentifiers::generate(&mut rng, 1_790_000_000, id);
            assert!(ids.cup_number.starts_with("2026"));
            assert!(CupNumber::parse(&ids.cup_number).is_ok());
            assert!(Pin::parse(&ids.pin).is_ok());
            assert!(NoticeNumber::parse(&ids.notice_number).is_ok());
        }
    }
}
