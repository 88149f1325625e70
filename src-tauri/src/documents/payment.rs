//! The payment notice ("Avviso di pagamento" pagoPA, the "modulo di pagamento"): the amount
//! and the date to pay by, large; the notice number in groups of four, the IUV, the creditor
//! and the patient; the pagoPA QR code as vector squares; how to pay.

use chrono::{DateTime, Utc};
use cup_api::{BookingDocumentsView, PaymentNoticeView};
use cup_domain::{CreditorFiscalCode, Lang, Money, NoticeNumber, pagopa_qr_payload};
use qrcode::{Color as Module, EcLevel, QrCode};

use super::DocumentError;
use super::format::{euro, long_date, long_datetime, short_datetime};
use super::layout::{Canvas, Style, colour};
use super::sheet::{BODY, CONTENT_WIDTH, Field, LABEL, MARGIN, Sheet, tr};

/// Side of the QR code's white square (quiet zone included), in mm.
const QR_SIDE: f32 = 44.0;
/// The quiet zone ISO 18004 asks for, in modules.
const QUIET_ZONE: usize = 4;

/// The payment notice of a booking as a PDF file, or `None` when there is nothing to pay
/// (exempt, or a zero ticket: the backend sends no notice).
///
/// # Errors
/// [`DocumentError::PaymentNotice`] when the notice's QR payload does not match its notice
/// number, creditor and amount (by cup-domain's rule); [`DocumentError::Qr`],
/// [`DocumentError::Font`].
pub(crate) fn payment_notice_pdf(
    view: &BookingDocumentsView,
    lang: Lang,
    generated_at: DateTime<Utc>,
) -> Result<Option<Vec<u8>>, DocumentError> {
    let Some(notice) = &view.payment else {
        return Ok(None);
    };
    let payload = checked_payload(notice)?;
    let qr = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|_| DocumentError::Qr)?;

    let booking = &view.booking;
    let patient = &view.patient;
    let title = tr(lang, "Avviso di pagamento", "Payment notice");
    let mut sheet = Sheet::new(
        title,
        tr(
            lang,
            "pagoPA · Servizio sanitario della Toscana",
            "pagoPA · Tuscany health service",
        ),
        lang,
    )?;
    let subtitle = match lang {
        Lang::It => format!(
            "Ticket sanitario della prenotazione n. {} · {}",
            booking.cup_number, booking.service.description
        ),
        Lang::En => format!(
            "Health charge (ticket) of booking no. {} · {}",
            booking.cup_number, booking.service.description
        ),
    };
    sheet.paragraph(Style::regular(10.0, colour::MUTED), &subtitle);
    sheet.space(3.0);

    // The box: amount, due date and notice number on the left, the QR code on the right.
    let top = sheet.y;
    let height = QR_SIDE + 14.0;
    let canvas = &mut sheet.canvas;
    canvas.fill_rect(MARGIN, top, CONTENT_WIDTH, height, colour::PRIMARY_TINT);
    canvas.fill_rect(MARGIN, top, 1.6, height, colour::PRIMARY);
    let left = MARGIN + 6.0;
    canvas.text(
        left,
        top + 8.0,
        LABEL,
        tr(lang, "Importo da pagare", "Amount due"),
    );
    canvas.text(
        left,
        top + 19.0,
        Style::bold(26.0, colour::TEXT),
        &euro(notice.amount_cents, lang),
    );
    canvas.text(
        left,
        top + 27.0,
        LABEL,
        tr(lang, "Da pagare entro", "Pay by"),
    );
    canvas.text(
        left,
        top + 33.5,
        Style::bold(13.0, colour::TEXT),
        &long_date(notice.due_date, lang),
    );
    canvas.text(
        left,
        top + 42.0,
        LABEL,
        tr(lang, "Codice avviso", "Notice number"),
    );
    canvas.text(
        left,
        top + 49.5,
        Style::bold(15.0, colour::PRIMARY_DARK),
        &notice.notice_number_grouped,
    );
    let qr_left = MARGIN + CONTENT_WIDTH - QR_SIDE - 5.0;
    let qr_top = top + 4.0;
    draw_qr(canvas, &qr, qr_left, qr_top, QR_SIDE);
    canvas.text_centred(
        qr_left + QR_SIDE / 2.0,
        qr_top + QR_SIDE + 5.0,
        Style::regular(7.0, colour::MUTED),
        tr(
            lang,
            "Inquadra con l'app di pagamento",
            "Scan it with your payment app",
        ),
    );
    sheet.y = top + height + 4.0;

    sheet.heading(tr(lang, "Dati dell'avviso", "Notice details"));
    sheet.row(&[
        Field::new(
            tr(lang, "Ente creditore", "Creditor"),
            &notice.creditor_name,
        )
        .strong(),
        Field::new(
            tr(lang, "Codice fiscale ente creditore", "Creditor's tax code"),
            &notice.creditor_fiscal_code,
        ),
    ]);
    sheet.row(&[
        Field::new(
            tr(lang, "Destinatario", "Payer"),
            format!("{} {}", patient.given_name, patient.family_name),
        )
        .strong(),
        Field::new(
            tr(lang, "Codice fiscale", "Tax code"),
            &patient.codice_fiscale,
        ),
    ]);
    sheet.row(&[
        Field::new(
            tr(lang, "Codice avviso", "Notice number"),
            &notice.notice_number_grouped,
        )
        .strong(),
        Field::new(tr(lang, "Codice IUV", "IUV code"), &notice.iuv),
    ]);
    let object = match lang {
        Lang::It => format!(
            "Ticket per {} (codice {}), prenotazione n. {}, ricetta {}",
            booking.service.description, booking.service.code, booking.cup_number, booking.nre
        ),
        Lang::En => format!(
            "Ticket for {} (code {}), booking no. {}, prescription {}",
            booking.service.description, booking.service.code, booking.cup_number, booking.nre
        ),
    };
    sheet.row(&[Field::new(
        tr(lang, "Oggetto del pagamento", "Payment for"),
        object,
    )]);

    sheet.heading(tr(lang, "Come pagare", "How to pay"));
    let due = long_date(notice.due_date, lang);
    let cancel_by = long_datetime(booking.cancel_by, lang);
    let ways: [(&str, String); 4] = match lang {
        Lang::It => [
            (
                "Con il codice QR:",
                "inquadralo con l'app IO, con l'app della tua banca o di un altro prestatore di servizi di pagamento aderente a pagoPA.".to_owned(),
            ),
            (
                "Con il codice avviso:",
                "nell'home banking, agli sportelli ATM abilitati, negli uffici postali e nei punti vendita aderenti (tabaccherie, ricevitorie), indicando il codice avviso e il codice fiscale dell'ente creditore.".to_owned(),
            ),
            (
                "Prima dell'appuntamento:",
                format!("paga entro {due} e conserva la ricevuta: portala con te all'appuntamento."),
            ),
            (
                "Se disdici:",
                format!("se disdici la prenotazione entro {cancel_by}, non pagare questo avviso."),
            ),
        ],
        Lang::En => [
            (
                "With the QR code:",
                "scan it with the IO app, your bank's app or another payment provider that uses pagoPA.".to_owned(),
            ),
            (
                "With the notice number:",
                "in online banking, at enabled ATMs, at post offices and in participating shops (tobacconists, lottery outlets), giving the notice number and the creditor's tax code.".to_owned(),
            ),
            (
                "Before the appointment:",
                format!("pay by {due} and keep the receipt: bring it to the appointment."),
            ),
            (
                "If you cancel:",
                format!("if you cancel the booking by {cancel_by}, do not pay this notice."),
            ),
        ],
    };
    sheet.bullets(&ways);
    sheet.space(2.0);
    sheet.paragraph(
        BODY,
        tr(
            lang,
            "pagoPA è il sistema nazionale dei pagamenti alla Pubblica Amministrazione: la ricevuta ti arriva dal prestatore che scegli.",
            "pagoPA is Italy's national system for payments to public bodies: the provider you choose gives you the receipt.",
        ),
    );

    let note = match lang {
        Lang::It => format!(
            "Generato il {} con l'app CUP Toscana. L'importo è il ticket della prestazione prenotata.",
            short_datetime(generated_at)
        ),
        Lang::En => format!(
            "Generated on {} by the CUP Toscana app. The amount is the ticket of the booked service.",
            short_datetime(generated_at)
        ),
    };
    Ok(Some(sheet.finish(&note, title, generated_at)))
}

/// The QR payload, after checking that the backend's equals cup-domain's for the notice's own
/// number, creditor and amount (what is printed and what is scanned must agree).
fn checked_payload(notice: &PaymentNoticeView) -> Result<String, DocumentError> {
    let number =
        NoticeNumber::parse(&notice.notice_number).map_err(|_| DocumentError::PaymentNotice)?;
    let creditor = CreditorFiscalCode::parse(&notice.creditor_fiscal_code)
        .map_err(|_| DocumentError::PaymentNotice)?;
    let expected = pagopa_qr_payload(&number, &creditor, Money::from_cents(notice.amount_cents));
    let grouped_matches = number.grouped() == notice.notice_number_grouped;
    if expected == notice.qr_payload && grouped_matches && number.iuv() == notice.iuv {
        Ok(expected)
    } else {
        Err(DocumentError::PaymentNotice)
    }
}

/// The QR code as black squares on a white square (`side` mm, quiet zone included), one path:
/// each row's dark runs become one rectangle each.
fn draw_qr(canvas: &mut Canvas, qr: &QrCode, left: f32, top: f32, side: f32) {
    let width = qr.width();
    let modules = qr.to_colors();
    let module = side / (width + 2 * QUIET_ZONE) as f32;
    canvas.fill_rect(left, top, side, side, colour::WHITE);
    let origin_x = left + QUIET_ZONE as f32 * module;
    let origin_y = top + QUIET_ZONE as f32 * module;
    let mut rects = Vec::new();
    for (y, row) in modules.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Module::Dark {
                let start = x;
                while x < width && row[x] == Module::Dark {
                    x += 1;
                }
                rects.push((
                    origin_x + start as f32 * module,
                    origin_y + y as f32 * module,
                    (x - start) as f32 * module,
                    module,
                ));
            } else {
                x += 1;
            }
        }
    }
    canvas.fill_rects(&rects, colour::BLACK);
}
