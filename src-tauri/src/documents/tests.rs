//! The documents as a citizen gets them: the PDFs read back with poppler's `pdftotext` (every
//! field, accents included), the QR code decoded from a page rendered by `pdftoppm`, the .ics
//! parsed back by the `icalendar` crate, the files and the archive on disk. The rendered
//! first pages go to `target/documents-preview/` for a reviewer.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use cup_api::{
    BookingDocumentsView, BookingStatus, BookingView, Channel, FacilityView, GuaranteeView, Offer,
    PatientView, PaymentNoticeView, ServiceKindView, ServiceView,
};
use cup_domain::{CreditorFiscalCode, Lang, Money, NoticeNumber, pagopa_qr_payload, rome_to_utc};

use super::*;

pub(crate) fn rome(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    rome_to_utc(
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap(),
    )
    .unwrap()
}

const PREPARATION: &str = "Porta con te la documentazione clinica più recente (elettrocardiogrammi, referti) e l'elenco dei farmaci che assumi: è importante perché il medico possa valutarli. Sì, puoi fare colazione; però evita caffè e fumo nelle 2 ore precedenti.";

/// A synthetic booking of the demo citizen GIULIA BIANCHI (README), on `start`.
pub(crate) fn sample_view(start: DateTime<Utc>) -> BookingDocumentsView {
    let notice = NoticeNumber::parse("300715700000000032").unwrap();
    let creditor = CreditorFiscalCode::parse("90000001001").unwrap();
    let amount = Money::from_cents(2065);
    BookingDocumentsView {
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
                preparation: PREPARATION.to_owned(),
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
            guarantee: Some(GuaranteeView::Kept),
            sms_phone: Some("+39 333 *** **67".to_owned()),
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
            birth_date: NaiveDate::from_ymd_opt(1985, 4, 12).unwrap(),
            birth_place: "FIRENZE".to_owned(),
            address: "Via Roma 1, Prato".to_owned(),
            zone: "AREA DI PRATO - PRATESE".to_owned(),
            phone: None,
            email: None,
        },
        priority: Some("P".to_owned()),
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        payment: Some(PaymentNoticeView {
            creditor_name: "AZIENDA USL TOSCANA CENTRO".to_owned(),
            creditor_fiscal_code: creditor.as_str().to_owned(),
            notice_number: notice.as_str().to_owned(),
            notice_number_grouped: notice.grouped(),
            iuv: notice.iuv().to_owned(),
            amount_cents: amount.cents(),
            due_date: cup_domain::time::rome_date(start),
            qr_payload: pagopa_qr_payload(&notice, &creditor, amount),
        }),
    }
}

/// The exempt variant (GIUSEPPE RICCI, exemption 013): ticket 0, no payment notice.
fn exempt_view(start: DateTime<Utc>) -> BookingDocumentsView {
    let mut view = sample_view(start);
    view.booking.ticket_cents = 0;
    view.booking.exemption = Some("013".to_owned());
    view.booking.service.preparation = String::new();
    view.patient.given_name = "GIUSEPPE".to_owned();
    view.patient.family_name = "RICCI".to_owned();
    view.patient.codice_fiscale = "RCCGPP50L04E715W".to_owned();
    view.payment = None;
    view
}

fn generated_at() -> DateTime<Utc> {
    rome(2026, 11, 10, 9, 12)
}

/// The text of a PDF as `pdftotext -raw` reads it (content-stream order: each field's label
/// then its value), whitespace collapsed to single spaces.
pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils, installed by scripts/setup.sh test)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `pdfinfo`'s page count and `pdffonts`' table: every font embedded, and DejaVu.
fn pages_and_fonts(pdf: &[u8]) -> (u32, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let info = Command::new("pdfinfo").arg(&file).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let fonts = Command::new("pdffonts").arg(&file).output().unwrap();
    (pages, String::from_utf8(fonts.stdout).unwrap())
}

fn assert_contains_all(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "missing «{e}» in:\n{text}");
    }
}

fn assert_fonts_embedded(fonts: &str) {
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "two faces, regular and bold:\n{fonts}");
    for row in rows {
        // name, type, encoding, emb, sub, uni, object: embedded, with a ToUnicode map.
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            columns[1..5],
            ["CID", "TrueType", "Identity-H", "yes"],
            "{row}"
        );
        assert_eq!(columns[6], "yes", "no ToUnicode map: {row}");
    }
}

#[test]
fn promemoria_reads_back_every_field_in_italian() {
    let start = rome(2026, 12, 3, 10, 0);
    let pdf = promemoria_pdf(&sample_view(start), Lang::It, generated_at()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    assert_contains_all(
        &text,
        &[
            "Promemoria di prenotazione",
            // The key box: number, status, day and time.
            "Numero di prenotazione (CUP) 202612030042",
            "Stato PRENOTATO",
            "Appuntamento giovedì 3 dicembre 2026 ore 10:00",
            // What.
            "Prestazione PRIMA VISITA CARDIOLOGICA Codice catalogo 89.7 · Branca CARDIOLOGIA · Quantità 1",
            // Where.
            "Struttura POLIAMBULATORIO CITTÀ DI PRATO",
            "Indirizzo Via Niccolò Copernico 12, Prato (PO)",
            "Ambulatorio [104]-CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.",
            "Zona AREA DI PRATO - PRATESE",
            // Preparation, whole, accents included.
            PREPARATION,
            // Who and the prescription.
            "Paziente GIULIA BIANCHI",
            "Codice fiscale BNCGLI85D52D612X",
            "Ricetta (NRE) 0900A1123456701",
            "Priorità P – Programmata",
            "Data della ricetta 02/11/2026",
            "Esenzione Nessuna",
            // Cost and the 48-hour rule: 3 Dec 10:00 -> 1 Dec 10:00.
            "Ticket 20,65 €",
            "Pagamento Avviso pagoPA (modulo a parte) n. 3007 1570 0000 0000 32",
            "Disdetta gratuita entro martedì 1 dicembre 2026 alle ore 10:00",
            "Se non puoi presentarti, disdici almeno 48 ore prima dell'appuntamento (entro martedì 1 dicembre 2026 alle ore 10:00): dopo, o se non ti presenti, dovrai pagare il ticket anche se sei esente.",
            // Managing it.
            "PIN 483920",
            "Numero verde CUP 800 004477",
            "GESTISCI PRENOTAZIONI",
            "Al telefono: chiama il CUP al numero verde 800 004477 (gratuito) e comunica il PIN.",
            "Allo sportello: vai a uno sportello CUP",
            "Generato il 10/11/2026, 09:12",
            "Pagina 1 di 1",
        ],
    );
    let (pages, fonts) = pages_and_fonts(&pdf);
    assert_eq!(pages, 1, "the promemoria fits one page");
    assert_fonts_embedded(&fonts);
    assert!(pdf.len() < 200_000, "{} bytes", pdf.len());
}

#[test]
fn promemoria_in_english() {
    let start = rome(2026, 12, 3, 10, 0);
    let text = pdf_text(&promemoria_pdf(&sample_view(start), Lang::En, generated_at()).unwrap());
    assert_contains_all(
        &text,
        &[
            "Booking reminder",
            "Status BOOKED",
            "Appointment Thursday 3 December 2026 10:00",
            "Service PRIMA VISITA CARDIOLOGICA Catalogue code 89.7 · Branch CARDIOLOGIA · Quantity 1",
            "Times are Italian time.",
            "Priority P – Planned",
            "Charge (ticket) €20.65",
            "Free cancellation until Tuesday 1 December 2026 at 10:00",
            "Page 1 of 1",
        ],
    );
}

#[test]
fn the_english_promemoria_and_calendar_carry_the_english_preparation_notes() {
    let start = rome(2026, 12, 3, 10, 0);
    let mut view = sample_view(start);
    view.booking.service.preparation = "Presentarsi a digiuno da almeno 8 ore.".to_owned();
    view.booking.service.preparation_en = "Come fasting for at least 8 hours.".to_owned();
    let english = pdf_text(&promemoria_pdf(&view, Lang::En, generated_at()).unwrap());
    assert_contains_all(&english, &["Come fasting for at least 8 hours."]);
    assert!(!english.contains("digiuno"), "{english}");
    let italian = pdf_text(&promemoria_pdf(&view, Lang::It, generated_at()).unwrap());
    assert_contains_all(&italian, &["Presentarsi a digiuno da almeno 8 ore."]);
    // Unfolded (RFC 5545 folds long lines with CRLF and a space).
    let ics = calendar_ics(&view, Lang::En, generated_at()).replace("\r\n ", "");
    assert!(ics.contains("Come fasting for at least 8 hours."), "{ics}");
    assert!(!ics.contains("digiuno"), "{ics}");
}

#[test]
fn exempt_booking_has_nothing_to_pay_and_no_payment_notice() {
    let start = rome(2026, 12, 3, 10, 0);
    let view = exempt_view(start);
    assert_eq!(
        payment_notice_pdf(&view, Lang::It, generated_at()).unwrap(),
        None
    );
    let text = pdf_text(&promemoria_pdf(&view, Lang::It, generated_at()).unwrap());
    assert_contains_all(
        &text,
        &[
            "Paziente GIUSEPPE RICCI",
            "Esenzione 013",
            "Ticket 0,00 €",
            "Pagamento Nulla da pagare: esenzione 013",
            "Nessuna preparazione particolare è richiesta.",
        ],
    );
    assert!(!text.contains("pagoPA"));
}

#[test]
fn a_cancelled_or_moved_booking_says_so_first() {
    let start = rome(2026, 12, 3, 10, 0);
    let mut view = sample_view(start);
    view.booking.status = BookingStatus::Cancelled;
    view.booking.cancelled_at = Some(rome(2026, 11, 20, 16, 45));
    let text = pdf_text(&promemoria_pdf(&view, Lang::It, generated_at()).unwrap());
    assert_contains_all(
        &text,
        &[
            "Stato DISDETTO",
            "Questa prenotazione è stata disdetta il 20/11/2026, 16:45: l'appuntamento non è più valido.",
        ],
    );
    view.booking.status = BookingStatus::Moved;
    view.booking.moved_to = Some("202612030077".to_owned());
    let text = pdf_text(&promemoria_pdf(&view, Lang::It, generated_at()).unwrap());
    assert_contains_all(
        &text,
        &[
            "Stato SPOSTATO",
            "la nuova prenotazione è la n. 202612030077",
        ],
    );
}

#[test]
fn a_long_promemoria_flows_onto_a_second_page() {
    let start = rome(2026, 12, 3, 10, 0);
    let mut view = sample_view(start);
    view.booking.service.description =
        "ECOCOLORDOPPLER DEI TRONCHI SOVRAAORTICI, DEGLI ARTI SUPERIORI E INFERIORI, ARTERIOSO E VENOSO, BILATERALE".to_owned();
    let long = format!("{PREPARATION} ").repeat(8);
    view.booking.service.preparation = long.clone();
    let pdf = promemoria_pdf(&view, Lang::It, generated_at()).unwrap();
    let (pages, _) = pages_and_fonts(&pdf);
    assert_eq!(pages, 2);
    let text = pdf_text(&pdf);
    assert_contains_all(
        &text,
        &[
            "Prestazione ECOCOLORDOPPLER DEI TRONCHI SOVRAAORTICI, DEGLI ARTI SUPERIORI E INFERIORI, ARTERIOSO E VENOSO, BILATERALE Codice catalogo",
            long.trim(),
            "Pagina 1 di 2",
            "Pagina 2 di 2",
            "PIN 483920",
        ],
    );
    // Every page has the band.
    assert_eq!(
        text.matches("CUP Toscana Servizio sanitario della Toscana")
            .count(),
        2
    );
}

#[test]
fn preparation_notes_longer_than_a_page_flow_across_pages() {
    let start = rome(2026, 12, 3, 10, 0);
    let mut view = sample_view(start);
    let long = format!("{PREPARATION} ").repeat(40);
    view.booking.service.preparation = long.clone();
    let pdf = promemoria_pdf(&view, Lang::It, generated_at()).unwrap();
    let (pages, _) = pages_and_fonts(&pdf);
    assert_eq!(pages, 3);
    let mut text = pdf_text(&pdf);
    assert_contains_all(&text, &["PIN 483920", "Pagina 3 di 3"]);
    // Without the footers and the bands of the next pages, the text runs on whole.
    for page in 1..=2 {
        let footer = "Generato il 10/11/2026, 09:12";
        let end = format!("Pagina {page} di 3 CUP Toscana Servizio sanitario della Toscana ");
        let from = text.find(footer).unwrap();
        let to = text.find(&end).unwrap() + end.len();
        assert!(from < to);
        text.replace_range(from..to, "");
    }
    assert_contains_all(&text, &[long.trim()]);
}

#[test]
fn characters_outside_the_fonts_do_not_break_the_page() {
    let start = rome(2026, 12, 3, 10, 0);
    let mut view = sample_view(start);
    view.booking.service.preparation = "Digiuno 8 h \u{2192} acqua sì \u{1F600}\ttab".to_owned();
    let text = pdf_text(&promemoria_pdf(&view, Lang::It, generated_at()).unwrap());
    assert!(text.contains("Digiuno 8 h → acqua sì ? tab"), "{text}");
}

/// Renders page 1 at `dpi` into `png` with poppler's `pdftoppm`.
fn render_first_page(pdf: &[u8], dpi: u32, png: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let stem = png.with_extension("");
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            &dpi.to_string(),
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
        ])
        .arg(&file)
        .arg(&stem)
        .status()
        .expect("pdftoppm (Debian poppler-utils)");
    assert!(status.success());
    assert!(png.exists(), "{}", png.display());
}

#[test]
fn payment_notice_reads_back_and_its_qr_code_decodes_to_the_payload() {
    let start = rome(2026, 12, 3, 10, 0);
    let view = sample_view(start);
    let pdf = payment_notice_pdf(&view, Lang::It, generated_at())
        .unwrap()
        .unwrap();
    let text = pdf_text(&pdf);
    assert_contains_all(
        &text,
        &[
            "Avviso di pagamento",
            "Ticket sanitario della prenotazione n. 202612030042 · PRIMA VISITA CARDIOLOGICA",
            "Importo da pagare 20,65 €",
            "Da pagare entro giovedì 3 dicembre 2026",
            "Codice avviso 3007 1570 0000 0000 32",
            "Ente creditore AZIENDA USL TOSCANA CENTRO",
            "Codice fiscale ente creditore 90000001001",
            "Destinatario GIULIA BIANCHI",
            "Codice fiscale BNCGLI85D52D612X",
            "Codice IUV 00715700000000032",
            "Oggetto del pagamento Ticket per PRIMA VISITA CARDIOLOGICA (codice 89.7), prenotazione n. 202612030042, ricetta 0900A1123456701",
            "se disdici la prenotazione entro martedì 1 dicembre 2026 alle ore 10:00, non pagare questo avviso.",
            "Pagina 1 di 1",
        ],
    );
    let (pages, fonts) = pages_and_fonts(&pdf);
    assert_eq!(pages, 1);
    assert_fonts_embedded(&fonts);

    // The QR code, decoded from the page as a phone would see it.
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("page.png");
    render_first_page(&pdf, 150, &png);
    let image = image::open(&png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the page");
    let (meta, content) = grids[0].decode().unwrap();
    let expected = "PAGOPA|002|300715700000000032|90000001001|2065";
    assert_eq!(content, expected);
    assert_eq!(content, view.payment.as_ref().unwrap().qr_payload);
    // ISO 18004 error correction level M, as DOMAIN.md asks.
    assert_eq!(meta.ecc_level, 0, "ECC level M is 0 in the format bits");
}

#[test]
fn a_payment_notice_whose_qr_payload_disagrees_is_refused() {
    let start = rome(2026, 12, 3, 10, 0);
    let mut view = sample_view(start);
    if let Some(p) = view.payment.as_mut() {
        p.qr_payload = "PAGOPA|002|300715700000000032|90000001001|9999".to_owned();
    }
    let error = payment_notice_pdf(&view, Lang::It, generated_at()).unwrap_err();
    assert_eq!(error.code(), "payment_notice_inconsistent");
}

/// Where the previews go: `target/documents-preview/` of the workspace.
fn preview_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("documents-preview")
}

#[test]
fn previews_of_the_first_pages() {
    let dir = preview_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let start = rome(2026, 12, 3, 10, 0);
    let view = sample_view(start);
    let now = generated_at();
    let documents: [(&str, Vec<u8>); 5] = [
        ("promemoria", promemoria_pdf(&view, Lang::It, now).unwrap()),
        (
            "promemoria-en",
            promemoria_pdf(&view, Lang::En, now).unwrap(),
        ),
        (
            "promemoria-esente",
            promemoria_pdf(&exempt_view(start), Lang::It, now).unwrap(),
        ),
        (
            "pagamento",
            payment_notice_pdf(&view, Lang::It, now).unwrap().unwrap(),
        ),
        (
            "pagamento-en",
            payment_notice_pdf(&view, Lang::En, now).unwrap().unwrap(),
        ),
    ];
    for (name, pdf) in documents {
        std::fs::write(dir.join(format!("{name}.pdf")), &pdf).unwrap();
        render_first_page(&pdf, 110, &dir.join(format!("{name}.png")));
    }
}

mod calendar_file {
    use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};

    use super::*;

    fn parse(ics: &str) -> (icalendar::Calendar, icalendar::Event) {
        let calendar: icalendar::Calendar = ics.parse().unwrap();
        let event = calendar
            .components
            .iter()
            .find_map(|c| match c {
                CalendarComponent::Event(e) => Some(e.clone()),
                _ => None,
            })
            .expect("a VEVENT");
        (calendar, event)
    }

    fn rome_start(event: &icalendar::Event) -> (String, chrono::NaiveDateTime) {
        match event.get_start() {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
                (tzid, date_time)
            }
            other => panic!("DTSTART is not a local time with TZID: {other:?}"),
        }
    }

    fn naive(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    #[test]
    fn ics_parses_back_with_its_uid_time_zone_alarms_and_folded_description() {
        let start = rome(2026, 12, 3, 10, 0);
        let view = sample_view(start);
        let ics = calendar_ics(&view, Lang::It, generated_at());

        // RFC 5545 §3.1: CRLF line ends, at most 75 octets per line.
        assert!(ics.ends_with("\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(
            ics.lines().any(|l| l.starts_with(' ')),
            "the description is folded"
        );

        let (calendar, event) = parse(&ics);
        assert_eq!(calendar.property_value("VERSION"), Some("2.0"));
        assert!(
            calendar
                .property_value("PRODID")
                .unwrap()
                .contains("CUP Toscana")
        );
        assert_eq!(event.get_uid(), Some("cup-202612030042@cup-toscana"));
        assert_eq!(event.get_uid().unwrap(), event_uid("202612030042"));
        assert_eq!(event.get_summary(), Some("PRIMA VISITA CARDIOLOGICA"));
        assert_eq!(
            event.get_location(),
            Some("POLIAMBULATORIO CITTÀ DI PRATO, Via Niccolò Copernico 12, Prato (PO)")
        );
        assert_eq!(event.get_timestamp(), Some(generated_at()));
        let (tzid, local) = rome_start(&event);
        assert_eq!(tzid, "Europe/Rome");
        assert_eq!(local, naive(2026, 12, 3, 10, 0));
        match event.get_end() {
            Some(DatePerhapsTime::DateTime(end)) => {
                assert_eq!(end.try_into_utc(), Some(start + TimeDelta::minutes(20)));
            }
            other => panic!("{other:?}"),
        }
        // The description unfolds and unescapes to the original text.
        let expected = format!(
            "Numero di prenotazione (CUP): 202612030042\nPrestazione: PRIMA VISITA CARDIOLOGICA (codice 89.7)\nAmbulatorio: [104]-CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.\nPreparazione: {PREPARATION}\nDisdetta gratuita entro martedì 1 dicembre 2026 alle ore 10:00: disdici almeno 48 ore prima, altrimenti dovrai pagare il ticket anche se sei esente.\nGestisci la prenotazione nell'app CUP Toscana o al numero verde 800 004477."
        );
        assert_eq!(event.get_description(), Some(expected.as_str()));
        // Two alarms: the day before and two hours before.
        let alarms: Vec<_> = event
            .components()
            .iter()
            .filter(|c| c.component_kind() == "VALARM")
            .collect();
        let triggers: Vec<_> = alarms.iter().map(|a| a.property_value("TRIGGER")).collect();
        assert_eq!(triggers, [Some("-P1D"), Some("-PT2H")]);
        assert_eq!(
            alarms[0].property_value("DESCRIPTION"),
            Some("Domani: PRIMA VISITA CARDIOLOGICA")
        );
        assert!(
            alarms
                .iter()
                .all(|a| a.property_value("ACTION") == Some("DISPLAY"))
        );
        // The time zone is defined in the file.
        let zone = calendar
            .components
            .iter()
            .find_map(|c| match c {
                CalendarComponent::Other(o) if o.component_kind() == "VTIMEZONE" => Some(o),
                _ => None,
            })
            .expect("a VTIMEZONE");
        assert_eq!(zone.property_value("TZID"), Some("Europe/Rome"));
        // Never the PIN in a calendar (calendars are synchronised to clouds).
        assert!(!ics.contains("483920"));
    }

    #[test]
    fn ics_times_stay_right_across_daylight_saving_changes() {
        // Monday after the spring change (29 Mar 2026): 10:00 CEST = 08:00 UTC; its
        // cancel-by is 48 h earlier: Saturday 28 Mar 09:00 CET (one hour "earlier" on the wall).
        let spring = rome(2026, 3, 30, 10, 0);
        assert_eq!(spring.to_rfc3339(), "2026-03-30T08:00:00+00:00");
        let ics = calendar_ics(&sample_view(spring), Lang::It, generated_at());
        let (_, event) = parse(&ics);
        let (tzid, local) = rome_start(&event);
        assert_eq!(
            (tzid.as_str(), local),
            ("Europe/Rome", naive(2026, 3, 30, 10, 0))
        );
        match event.get_start() {
            Some(DatePerhapsTime::DateTime(dt)) => assert_eq!(dt.try_into_utc(), Some(spring)),
            other => panic!("{other:?}"),
        }
        assert!(
            event
                .get_description()
                .unwrap()
                .contains("Disdetta gratuita entro sabato 28 marzo 2026 alle ore 09:00")
        );
        // Monday after the autumn change (25 Oct 2026): 09:00 CET = 08:00 UTC.
        let autumn = rome(2026, 10, 26, 9, 0);
        assert_eq!(autumn.to_rfc3339(), "2026-10-26T08:00:00+00:00");
        let (_, event) = parse(&calendar_ics(
            &sample_view(autumn),
            Lang::It,
            generated_at(),
        ));
        let (_, local) = rome_start(&event);
        assert_eq!(local, naive(2026, 10, 26, 9, 0));
        match event.get_start() {
            Some(DatePerhapsTime::DateTime(dt)) => assert_eq!(dt.try_into_utc(), Some(autumn)),
            other => panic!("{other:?}"),
        }
    }

    /// The VTIMEZONE's rules give the same offsets as the tz database, for ten years of
    /// changes (checked at an hour either side of each change).
    #[test]
    fn the_vtimezone_rules_agree_with_the_tz_database() {
        use chrono::{Datelike, Offset, Weekday};
        let ics = calendar_ics(
            &sample_view(rome(2026, 12, 3, 10, 0)),
            Lang::It,
            generated_at(),
        );
        let (calendar, _) = parse(&ics);
        let zone = calendar
            .components
            .iter()
            .find_map(|c| match c {
                CalendarComponent::Other(o) if o.component_kind() == "VTIMEZONE" => Some(o.clone()),
                _ => None,
            })
            .unwrap();
        // Each rule: (month, local hour of the change, offset after it, in seconds).
        let rules: Vec<(u32, u32, i32)> = zone
            .components()
            .iter()
            .map(|rule| {
                let rrule = rule.property_value("RRULE").unwrap();
                assert!(
                    rrule.contains("FREQ=YEARLY") && rrule.contains("BYDAY=-1SU"),
                    "{rrule}"
                );
                let month: u32 = rrule
                    .split(';')
                    .find_map(|p| p.strip_prefix("BYMONTH="))
                    .unwrap()
                    .parse()
                    .unwrap();
                let dtstart = rule.property_value("DTSTART").unwrap();
                let hour: u32 = dtstart[9..11].parse().unwrap();
                let to = rule.property_value("TZOFFSETTO").unwrap();
                let sign = if to.starts_with('-') { -1 } else { 1 };
                let offset = sign
                    * (to[1..3].parse::<i32>().unwrap() * 3600
                        + to[3..5].parse::<i32>().unwrap() * 60);
                (month, hour, offset)
            })
            .collect();
        assert_eq!(rules.len(), 2);
        for year in 2026..2036 {
            for &(month, hour, offset_after) in &rules {
                let last_day = NaiveDate::from_ymd_opt(year, month + 1, 1)
                    .unwrap()
                    .pred_opt()
                    .unwrap();
                let mut day = last_day;
                while day.weekday() != Weekday::Sun {
                    day = day.pred_opt().unwrap();
                }
                // The change happens at `hour` local time under the offset before it.
                let offset_before = rules.iter().find(|r| r.0 != month).unwrap().2;
                let change_utc = day.and_hms_opt(hour, 0, 0).unwrap().and_utc()
                    - TimeDelta::seconds(i64::from(offset_before));
                for (probe, expected) in [
                    (change_utc - TimeDelta::hours(1), offset_before),
                    (change_utc + TimeDelta::hours(1), offset_after),
                ] {
                    let offset = cup_domain::time::to_rome(probe)
                        .offset()
                        .fix()
                        .local_minus_utc();
                    assert_eq!(offset, expected, "{year}-{month} {probe}");
                }
            }
        }
    }

    #[test]
    fn a_cancelled_booking_exports_a_cancellation_of_the_same_event() {
        let start = rome(2026, 12, 3, 10, 0);
        let mut view = sample_view(start);
        view.booking.status = BookingStatus::Cancelled;
        let ics = calendar_ics(&view, Lang::It, generated_at());
        let (calendar, event) = parse(&ics);
        assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"));
        assert_eq!(event.get_uid(), Some("cup-202612030042@cup-toscana"));
        assert_eq!(event.property_value("STATUS"), Some("CANCELLED"));
        assert_eq!(event.get_sequence(), Some(1));
        assert!(
            event.components().is_empty(),
            "no alarms for a cancelled visit"
        );
    }

    #[test]
    fn an_offer_without_an_end_lasts_thirty_minutes() {
        let start = rome(2026, 12, 3, 10, 0);
        let mut view = sample_view(start);
        view.booking.offer.ends_at = start;
        let (_, event) = parse(&calendar_ics(&view, Lang::En, generated_at()));
        match event.get_end() {
            Some(DatePerhapsTime::DateTime(end)) => {
                assert_eq!(end.try_into_utc(), Some(start + TimeDelta::minutes(30)));
            }
            other => panic!("{other:?}"),
        }
        assert!(
            event
                .get_description()
                .unwrap()
                .starts_with("Booking number (CUP): 202612030042\n")
        );
    }
}

mod on_disk {
    use std::io::Read;

    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_the_three_files_and_the_archive_atomically() {
        let root = tempfile::tempdir().unwrap();
        let start = rome(2026, 12, 3, 10, 0);
        let view = sample_view(start);
        let dir = booking_dir(root.path(), &view.booking.cup_number).unwrap();
        assert_eq!(dir, root.path().join("prenotazione-202612030042"));
        let files: BookingFiles =
            write_booking_documents(&dir, &view, Lang::It, generated_at()).unwrap();
        assert_eq!(files.promemoria, dir.join(PROMEMORIA_FILE));
        assert_eq!(files.payment, Some(dir.join(PAYMENT_FILE)));
        assert_eq!(files.calendar, dir.join(CALENDAR_FILE));
        assert_eq!(
            names(&dir),
            ["appuntamento.ics", "pagamento.pdf", "promemoria.pdf"]
        );
        assert!(pdf_text(&std::fs::read(&files.promemoria).unwrap()).contains("202612030042"));

        let archive = write_archive(&files, generated_at()).unwrap();
        assert_eq!(archive, dir.join(ARCHIVE_FILE));
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&archive).unwrap()).unwrap();
        let mut entries: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
        entries.sort();
        assert_eq!(
            entries,
            ["appuntamento.ics", "pagamento.pdf", "promemoria.pdf"]
        );
        for name in entries {
            let mut inside = Vec::new();
            zip.by_name(&name)
                .unwrap()
                .read_to_end(&mut inside)
                .unwrap();
            assert_eq!(inside, std::fs::read(dir.join(&name)).unwrap(), "{name}");
        }
        // No temporary file is left behind.
        assert_eq!(
            names(&dir),
            [
                "appuntamento.ics",
                "pagamento.pdf",
                "promemoria.pdf",
                "tutti-i-documenti.zip"
            ]
        );

        // Written again for an exempt booking: no payment notice any more, no stale archive.
        let files =
            write_booking_documents(&dir, &exempt_view(start), Lang::It, generated_at()).unwrap();
        assert_eq!(files.payment, None);
        assert_eq!(names(&dir), ["appuntamento.ics", "promemoria.pdf"]);
        let archive = write_archive(&files, generated_at()).unwrap();
        let zip = zip::ZipArchive::new(std::fs::File::open(&archive).unwrap()).unwrap();
        assert_eq!(zip.len(), 2);
    }

    #[test]
    fn a_reschedule_writes_the_new_booking_and_removes_the_old_one() {
        let root = tempfile::tempdir().unwrap();
        let old = sample_view(rome(2026, 12, 3, 10, 0));
        let old_dir = booking_dir(root.path(), &old.booking.cup_number).unwrap();
        write_booking_documents(&old_dir, &old, Lang::It, generated_at()).unwrap();

        let mut new = sample_view(rome(2026, 12, 10, 11, 30));
        new.booking.cup_number = "202612030077".to_owned();
        new.booking.moved_from = Some(old.booking.cup_number.clone());
        let files = regenerate_after_reschedule(
            root.path(),
            &old.booking.cup_number,
            &new,
            Lang::It,
            generated_at(),
        )
        .unwrap();
        assert!(!old_dir.exists());
        assert_eq!(files.dir, root.path().join("prenotazione-202612030077"));
        let text = pdf_text(&std::fs::read(&files.promemoria).unwrap());
        assert!(
            text.contains("giovedì 10 dicembre 2026 ore 11:30"),
            "{text}"
        );
        assert_eq!(names(root.path()), ["prenotazione-202612030077"]);
        // Removing what is not there is not an error.
        remove_booking_documents(&old_dir).unwrap();
    }

    #[test]
    fn a_cup_number_from_the_network_cannot_leave_the_root() {
        let root = Path::new("/data");
        assert!(booking_dir(root, "../../etc/x").is_err());
        assert!(booking_dir(root, "2026120300421").is_err());
        assert_eq!(
            booking_dir(root, "2026 1203 0042").unwrap(),
            root.join("prenotazione-202612030042")
        );
    }

    // The atomic, private write itself is tested in crate::private_files.
}
