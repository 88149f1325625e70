//! How long each document takes to make: `cargo run -p cup-toscana --example doc_timing [N]`
//! generates the promemoria, the payment notice and the calendar file N times (default 20)
//! and prints the milliseconds per document, and the sizes.
//!
//! The documents module is private to the app crate (its commands call it), so the example
//! compiles the module's source into itself.

// Only part of the module is used here.
#[allow(dead_code, unused_imports)]
#[path = "../src/documents/mod.rs"]
mod documents;
// The documents' files are written private (0600 / 0700).
#[path = "../src/private_files.rs"]
mod private_files;

use std::time::Instant;

use chrono::{NaiveDate, TimeDelta, Utc};
use cup_api::{
    BookingDocumentsView, BookingStatus, BookingView, Channel, FacilityView, Offer, PatientView,
    PaymentNoticeView, ServiceKindView, ServiceView,
};
use cup_domain::{CreditorFiscalCode, Lang, Money, NoticeNumber, pagopa_qr_payload, rome_to_utc};

/// What the module's errors convert into in the app (`crate::AppError`).
#[derive(Debug)]
enum AppError {
    Other { code: &'static str, message: String },
}

fn main() {
    let runs: u32 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20)
        .max(1);
    let view = match sample() {
        Some(view) => view,
        None => {
            eprintln!("the sample booking could not be made");
            std::process::exit(1);
        }
    };
    let now = cup_clock::now();
    if let Err(error) = time(&view, now, runs) {
        let AppError::Other { code, message } = error.into();
        eprintln!("{code}: {message}");
        std::process::exit(1);
    }
}

fn time(
    view: &BookingDocumentsView,
    now: chrono::DateTime<Utc>,
    runs: u32,
) -> Result<(), documents::DocumentError> {
    // The first call cuts the fonts (once per process): reported apart.
    let first = Instant::now();
    let promemoria = documents::promemoria_pdf(view, Lang::It, now)?;
    println!(
        "first promemoria (fonts prepared once per process): {:.1} ms",
        first.elapsed().as_secs_f64() * 1000.0
    );
    let payment = documents::payment_notice_pdf(view, Lang::It, now)?.unwrap_or_default();
    let calendar = documents::calendar_ics(view, Lang::It, now);

    let start = Instant::now();
    for _ in 0..runs {
        documents::promemoria_pdf(view, Lang::It, now)?;
    }
    let promemoria_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
    let start = Instant::now();
    for _ in 0..runs {
        documents::payment_notice_pdf(view, Lang::It, now)?;
    }
    let payment_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
    let start = Instant::now();
    for _ in 0..runs {
        documents::calendar_ics(view, Lang::It, now);
    }
    let calendar_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);

    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("{runs} runs each, {profile} build:");
    println!(
        "  promemoria.pdf    {promemoria_ms:8.2} ms  {:>7} bytes",
        promemoria.len()
    );
    println!(
        "  pagamento.pdf     {payment_ms:8.2} ms  {:>7} bytes",
        payment.len()
    );
    println!(
        "  appuntamento.ics  {calendar_ms:8.3} ms  {:>7} bytes",
        calendar.len()
    );
    Ok(())
}

/// A synthetic booking (the demo citizen GIULIA BIANCHI of the README).
fn sample() -> Option<BookingDocumentsView> {
    let day = NaiveDate::from_ymd_opt(2026, 12, 3)?;
    let start = rome_to_utc(day.and_hms_opt(10, 0, 0)?).ok()?;
    let notice = NoticeNumber::parse("300715700000000032").ok()?;
    let creditor = CreditorFiscalCode::parse("90000001001").ok()?;
    let amount = Money::from_cents(2065);
    Some(BookingDocumentsView {
        booking: BookingView {
            cup_number: "202612030042".to_owned(),
            pin: "483920".to_owned(),
            status: BookingStatus::Booked,
            nre: "0900A1123456701".to_owned(),
            line: 0,
            service: ServiceView {
                id: 1,
                code: "89.7".to_owned(),
                description: "PRIMA VISITA CARDIOLOGICA".to_owned(),
                branch: "CARDIOLOGIA".to_owned(),
                kind: ServiceKindView::Visit,
                tariff_cents: 2065,
                preparation: "Porta con te la documentazione clinica più recente e l'elenco dei farmaci che assumi.".to_owned(),
                preparation_en: String::new(),
            },
            quantity: 1,
            offer: Offer {
                slot_id: 7,
                starts_at: start,
                ends_at: start + TimeDelta::minutes(20),
                unit: "[104]-CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.".to_owned(),
                facility: FacilityView {
                    id: 3,
                    name: "POLIAMBULATORIO CITTÀ DI PRATO".to_owned(),
                    address: "Via Niccolò Copernico 12".to_owned(),
                    city: "Prato".to_owned(),
                    province: "PO".to_owned(),
                    zone_id: 2,
                    zone: "AREA DI PRATO - PRATESE".to_owned(),
                    lat: 43.88,
                    lon: 11.1,
                },
                distance_km: 2.5,
                inside_guarantee: true,
            },
            ticket_cents: 2065,
            exemption: None,
            notice_number: notice.as_str().to_owned(),
            iuv: notice.iuv().to_owned(),
            guarantee: None,
            sms_phone: None,
            cancel_by: cup_domain::cancel_deadline(start),
            malum_owed: false,
            channel: Channel::App,
            created_at: start - TimeDelta::days(30),
            cancelled_at: None,
            moved_to: None,
            moved_from: None,
        },
        patient: PatientView {
            given_name: "GIULIA".to_owned(),
            family_name: "BIANCHI".to_owned(),
            codice_fiscale: "BNCGLI85D52D612X".to_owned(),
            sex: "F".to_owned(),
            birth_date: NaiveDate::from_ymd_opt(1985, 4, 12)?,
            birth_place: "FIRENZE".to_owned(),
            address: "Via Roma 1, Prato".to_owned(),
            zone: "AREA DI PRATO - PRATESE".to_owned(),
            phone: None,
            email: None,
        },
        priority: Some("P".to_owned()),
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 2)?,
        payment: Some(PaymentNoticeView {
            creditor_name: "AZIENDA USL TOSCANA CENTRO".to_owned(),
            creditor_fiscal_code: creditor.as_str().to_owned(),
            notice_number: notice.as_str().to_owned(),
            notice_number_grouped: notice.grouped(),
            iuv: notice.iuv().to_owned(),
            amount_cents: amount.cents(),
            due_date: day,
            qr_payload: pagopa_qr_payload(&notice, &creditor, amount),
        }),
    })
}
