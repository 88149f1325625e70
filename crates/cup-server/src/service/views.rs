//! Store rows into API views.

use chrono::NaiveDate;
use cup_api::{
    BookingStatus, BookingView, Channel, FacilityView, GuaranteeView, Offer, PatientView,
    ServiceKindView, ServiceView,
};
use cup_domain::{NoticeNumber, PhoneNumber, cancel_deadline};

use super::instant;
use crate::store::{BookingRow, CitizenRow, ItemRow, OfferRow, ServiceRow};

pub fn patient_view(c: &CitizenRow) -> PatientView {
    PatientView {
        given_name: c.given_name.clone(),
        family_name: c.family_name.clone(),
        codice_fiscale: c.codice_fiscale.clone(),
        sex: c.sex.clone(),
        birth_date: parse_day(&c.birth_date),
        birth_place: c.birth_place.clone(),
        address: c.address.clone(),
        zone: c.zone_name.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
    }
}

pub fn parse_day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

pub fn kind_view(kind: &str) -> ServiceKindView {
    match kind {
        "visit" => ServiceKindView::Visit,
        "laboratory" => ServiceKindView::Laboratory,
        _ => ServiceKindView::Diagnostic,
    }
}

pub fn service_view(s: &ServiceRow) -> ServiceView {
    ServiceView {
        id: s.id,
        code: s.code.clone(),
        description: s.description.clone(),
        branch: s.branch.clone(),
        kind: kind_view(&s.kind),
        tariff_cents: s.tariff_cents.max(0) as u64,
        preparation: s.preparation.clone(),
        preparation_en: s.preparation_en.clone(),
    }
}

pub fn item_service_view(i: &ItemRow) -> ServiceView {
    ServiceView {
        id: i.service_id,
        code: i.code.clone(),
        description: i.description.clone(),
        branch: i.branch.clone(),
        kind: kind_view(&i.kind),
        tariff_cents: i.tariff_cents.max(0) as u64,
        preparation: i.preparation.clone(),
        preparation_en: i.preparation_en.clone(),
    }
}

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    let km = 6371.0 * 2.0 * a.sqrt().asin();
    (km * 10.0).round() / 10.0
}

/// Where the patient lives, to measure distances from.
#[derive(Debug, Clone, Copy)]
pub struct Home {
    pub lat: f64,
    pub lon: f64,
}

pub fn offer_view(o: &OfferRow, home: Home, guarantee_end: Option<i64>) -> Offer {
    Offer {
        slot_id: o.slot_id,
        starts_at: instant(o.starts_at),
        ends_at: instant(o.ends_at),
        unit: o.unit_name.clone(),
        facility: FacilityView {
            id: o.facility_id,
            name: o.facility_name.clone(),
            address: o.address.clone(),
            city: o.city.clone(),
            province: o.province.clone(),
            zone_id: o.zone_id,
            zone: o.zone_name.clone(),
            lat: o.lat,
            lon: o.lon,
        },
        distance_km: distance_km(home.lat, home.lon, o.lat, o.lon),
        inside_guarantee: guarantee_end.is_some_and(|end| o.starts_at < end),
    }
}

fn status_view(status: &str) -> BookingStatus {
    match status {
        "cancelled" => BookingStatus::Cancelled,
        "moved" => BookingStatus::Moved,
        "done" => BookingStatus::Done,
        "no_show" => BookingStatus::NoShow,
        _ => BookingStatus::Booked,
    }
}

/// A phone number shown back masked: `+39 348 ***7380`.
pub fn masked_phone(phone: &str) -> String {
    match PhoneNumber::parse(phone) {
        Ok(p) => p.redacted(),
        Err(_) => "***".into(),
    }
}

pub fn booking_view(b: &BookingRow, home: Home) -> BookingView {
    let guarantee = match b.guarantee.as_deref() {
        Some("kept") => Some(GuaranteeView::Kept),
        Some("waived") => Some(GuaranteeView::Waived),
        _ => None,
    };
    let mut offer = offer_view(&b.offer, home, None);
    offer.inside_guarantee = guarantee == Some(GuaranteeView::Kept);
    BookingView {
        cup_number: b.cup_number.clone(),
        pin: b.pin.clone(),
        status: status_view(&b.status),
        nre: b.nre.clone(),
        line: b.line.max(0) as u32,
        service: ServiceView {
            id: b.offer.service_id,
            code: b.code.clone(),
            description: b.description.clone(),
            branch: b.branch.clone(),
            kind: kind_view(&b.kind),
            tariff_cents: b.tariff_cents.max(0) as u64,
            preparation: b.preparation.clone(),
            preparation_en: b.preparation_en.clone(),
        },
        quantity: b.quantity.max(0) as u32,
        offer,
        ticket_cents: b.ticket_cents.max(0) as u64,
        exemption: b.exemption.clone(),
        iuv: NoticeNumber::parse(&b.notice_number)
            .map(|n| n.iuv().to_string())
            .unwrap_or_default(),
        notice_number: b.notice_number.clone(),
        guarantee,
        sms_phone: b.phone.as_deref().map(masked_phone),
        cancel_by: cancel_deadline(instant(b.offer.starts_at)),
        malum_owed: b.malum_owed != 0,
        channel: Channel::parse(&b.channel).unwrap_or(Channel::Sportello),
        created_at: instant(b.created_at),
        cancelled_at: b.cancelled_at.map(instant),
        moved_to: b.moved_to_cup.clone(),
        moved_from: b.moved_from_cup.clone(),
    }
}
