//! The promemoria ("Promemoria di prenotazione"): one A4 page a citizen can read at a glance —
//! the CUP number and the date and time large, then what, where, how to prepare, who, the
//! prescription, the cost, until when to cancel for free, and how to manage the booking.

use chrono::{DateTime, Utc};
use cup_api::{BookingDocumentsView, BookingStatus};
use cup_domain::Lang;
use cup_domain::time::rome_date;

use super::DocumentError;
use super::format::{
    clock_time, euro, long_date, long_datetime, priority, short_date, short_datetime, status,
};
use super::layout::{Canvas, Style, colour};
use super::sheet::{BODY, CONTENT_WIDTH, Field, LABEL, MARGIN, Sheet, tr};

/// The CUP's toll-free number (as the app's screens give it).
pub(crate) const CALL_CENTRE: &str = "800 004477";

/// The promemoria of a booking as a PDF file, in `lang`, dated `generated_at`.
///
/// # Errors
/// [`DocumentError::Font`] when the embedded fonts cannot be read (a build defect).
pub(crate) fn promemoria_pdf(
    view: &BookingDocumentsView,
    lang: Lang,
    generated_at: DateTime<Utc>,
) -> Result<Vec<u8>, DocumentError> {
    let booking = &view.booking;
    let offer = &booking.offer;
    let facility = &offer.facility;
    let service = &booking.service;
    let patient = &view.patient;

    let title = tr(lang, "Promemoria di prenotazione", "Booking reminder");
    let mut sheet = Sheet::new(
        title,
        tr(
            lang,
            "Servizio sanitario della Toscana",
            "Tuscany health service",
        ),
        lang,
    )?;

    key_box(&mut sheet, view, lang);
    if let Some(text) = status_note(view, lang) {
        sheet.note("", &text, colour::RED, colour::AMBER_TINT);
    }

    // Where.
    sheet.heading(tr(lang, "Dove", "Where"));
    sheet.row(&[
        Field::new(tr(lang, "Struttura", "Facility"), &facility.name).strong(),
        Field::new(
            tr(lang, "Indirizzo", "Address"),
            format!(
                "{}, {} ({})",
                facility.address, facility.city, facility.province
            ),
        ),
    ]);
    sheet.row(&[
        Field::new(tr(lang, "Ambulatorio", "Unit"), &offer.unit),
        Field::new(tr(lang, "Zona", "Area"), &facility.zone),
    ]);

    // How to prepare.
    sheet.heading(tr(lang, "Preparazione", "Preparation"));
    let preparation = service.preparation_in(lang);
    if preparation.is_empty() {
        sheet.paragraph(
            BODY,
            tr(
                lang,
                "Nessuna preparazione particolare è richiesta.",
                "No special preparation is needed.",
            ),
        );
    } else {
        sheet.space(1.0);
        sheet.note(
            tr(
                lang,
                "Importante: senza questa preparazione la prestazione può non essere eseguita.",
                "Important: without this preparation the service may not be performed.",
            ),
            preparation,
            colour::AMBER,
            colour::AMBER_TINT,
        );
    }

    // Who, and the prescription.
    sheet.heading(tr(lang, "Paziente e ricetta", "Patient and prescription"));
    sheet.row(&[
        Field::new(
            tr(lang, "Paziente", "Patient"),
            format!("{} {}", patient.given_name, patient.family_name),
        )
        .strong(),
        Field::new(
            tr(lang, "Codice fiscale", "Tax code"),
            &patient.codice_fiscale,
        ),
        Field::new(
            tr(lang, "Ricetta (NRE)", "Prescription (NRE)"),
            &booking.nre,
        ),
    ]);
    sheet.row(&[
        Field::new(
            tr(lang, "Priorità", "Priority"),
            priority(view.priority.as_deref(), lang),
        ),
        Field::new(
            tr(lang, "Data della ricetta", "Prescribed on"),
            short_date(view.issued_on),
        ),
        Field::new(
            tr(lang, "Esenzione", "Exemption"),
            booking
                .exemption
                .clone()
                .unwrap_or_else(|| tr(lang, "Nessuna", "None").to_owned()),
        ),
    ]);

    // Cost and cancellation.
    sheet.heading(tr(lang, "Costo e disdetta", "Cost and cancellation"));
    let payment = match (&view.payment, booking.exemption.as_deref()) {
        (Some(p), _) => match lang {
            Lang::It => format!(
                "Avviso pagoPA (modulo a parte)\nn. {}",
                p.notice_number_grouped
            ),
            Lang::En => format!(
                "pagoPA notice (separate form)\nno. {}",
                p.notice_number_grouped
            ),
        },
        (None, Some(code)) => match lang {
            Lang::It => format!("Nulla da pagare: esenzione {code}"),
            Lang::En => format!("Nothing to pay: exemption {code}"),
        },
        (None, None) => tr(lang, "Nulla da pagare", "Nothing to pay").to_owned(),
    };
    let cancel_by = long_datetime(booking.cancel_by, lang);
    sheet.row(&[
        Field::new(
            tr(lang, "Ticket", "Charge (ticket)"),
            euro(booking.ticket_cents, lang),
        )
        .styled(Style::bold(13.0, colour::TEXT))
        .weight(0.45),
        Field::new(tr(lang, "Pagamento", "Payment"), payment).weight(1.4),
        Field::new(
            tr(lang, "Disdetta gratuita entro", "Free cancellation until"),
            cancel_by.clone(),
        )
        .styled(Style::bold(10.5, colour::PRIMARY_DARK))
        .weight(1.15),
    ]);
    let rule = match lang {
        Lang::It => format!(
            "Se non puoi presentarti, disdici almeno 48 ore prima dell'appuntamento (entro {cancel_by}): dopo, o se non ti presenti, dovrai pagare il ticket anche se sei esente."
        ),
        Lang::En => format!(
            "If you cannot come, cancel at least 48 hours before the appointment (by {cancel_by}): later, or if you do not come, you will have to pay the ticket even if you are exempt."
        ),
    };
    sheet.space(0.8);
    sheet.paragraph(BODY, &rule);
    if booking.malum_owed {
        sheet.paragraph(
            Style::bold(9.5, colour::RED),
            tr(
                lang,
                "Per questa prenotazione è dovuto il ticket per disdetta tardiva o mancata presentazione.",
                "The ticket is owed for this booking: late cancellation or no-show.",
            ),
        );
    }

    // Managing the booking.
    sheet.heading(tr(
        lang,
        "Come gestire la prenotazione",
        "Managing your booking",
    ));
    sheet.row(&[
        Field::new(tr(lang, "PIN", "PIN"), &booking.pin).styled(Style::bold(13.0, colour::TEXT)),
        Field::new(
            tr(lang, "Numero di prenotazione", "Booking number"),
            &booking.cup_number,
        )
        .styled(Style::bold(13.0, colour::TEXT)),
        Field::new(
            tr(lang, "Numero verde CUP", "CUP toll-free number"),
            CALL_CENTRE,
        )
        .styled(Style::bold(13.0, colour::TEXT)),
    ]);
    let ways: [(&str, String); 3] = match lang {
        Lang::It => [
            (
                "Nell'app CUP Toscana:",
                "GESTISCI PRENOTAZIONI, con codice fiscale e tessera sanitaria oppure con il PIN o il numero di prenotazione: puoi disdire, spostare e riscaricare i documenti.".to_owned(),
            ),
            (
                "Al telefono:",
                format!("chiama il CUP al numero verde {CALL_CENTRE} (gratuito) e comunica il PIN."),
            ),
            (
                "Allo sportello:",
                "vai a uno sportello CUP della tua ASL con la tessera sanitaria e questo promemoria.".to_owned(),
            ),
        ],
        Lang::En => [
            (
                "In the CUP Toscana app:",
                "MANAGE BOOKINGS, with your tax code and health card or with the PIN or the booking number: cancel, move, download the documents again.".to_owned(),
            ),
            (
                "By phone:",
                format!("call the CUP on the toll-free number {CALL_CENTRE} and give the PIN."),
            ),
            (
                "At the counter:",
                "go to a CUP counter of your health authority (ASL) with your health card and this reminder.".to_owned(),
            ),
        ],
    };
    sheet.space(1.2);
    sheet.bullets(&ways);

    let note = match lang {
        Lang::It => format!(
            "Generato il {} con l'app CUP Toscana. All'appuntamento porta questo promemoria, la tessera sanitaria e la ricetta. Gli orari sono quelli italiani.",
            short_datetime(generated_at)
        ),
        Lang::En => format!(
            "Generated on {} by the CUP Toscana app. Bring this reminder, your health card and the prescription to the appointment. Times are Italian time.",
            short_datetime(generated_at)
        ),
    };
    Ok(sheet.finish(&note, title, generated_at))
}

/// The tinted box at the top: the CUP number and status on the left, the day and time on the
/// right, both large; under them the service.
fn key_box(sheet: &mut Sheet, view: &BookingDocumentsView, lang: Lang) {
    let booking = &view.booking;
    let service = &booking.service;
    let top = sheet.y;
    let left = MARGIN + 6.0;
    let inner = CONTENT_WIDTH - 11.0;
    let service_style = Style::bold(12.5, colour::TEXT);
    let service_lines = sheet
        .canvas
        .wrap(service_style, &service.description, inner);
    let height = 49.0 + service_lines.len() as f32 * service_style.leading();
    let canvas = &mut sheet.canvas;
    canvas.fill_rect(MARGIN, top, CONTENT_WIDTH, height, colour::PRIMARY_TINT);
    canvas.fill_rect(MARGIN, top, 1.6, height, colour::PRIMARY);

    canvas.text(
        left,
        top + 7.0,
        LABEL,
        tr(lang, "Numero di prenotazione (CUP)", "Booking number (CUP)"),
    );
    canvas.text(
        left,
        top + 16.5,
        Style::bold(22.0, colour::TEXT),
        &booking.cup_number,
    );
    canvas.text(left, top + 23.5, LABEL, tr(lang, "Stato", "Status"));
    let status_colour = match booking.status {
        BookingStatus::Booked | BookingStatus::Done => colour::GREEN,
        _ => colour::RED,
    };
    canvas.text(
        left,
        top + 29.8,
        Style::bold(12.5, status_colour),
        status(booking.status, lang),
    );

    let right = MARGIN + CONTENT_WIDTH * 0.5;
    let width = MARGIN + CONTENT_WIDTH - 5.0 - right;
    let start = booking.offer.starts_at;
    canvas.text(
        right,
        top + 7.0,
        LABEL,
        tr(lang, "Appuntamento", "Appointment"),
    );
    let day = long_date(rome_date(start), lang);
    let day_style = fit(canvas, Style::bold(14.0, colour::TEXT), &day, width);
    canvas.text(right, top + 15.0, day_style, &day);
    let time = match lang {
        Lang::It => format!("ore {}", clock_time(start)),
        Lang::En => clock_time(start),
    };
    canvas.text(right, top + 27.0, Style::bold(24.0, colour::PRIMARY), &time);

    canvas.hrule(
        left,
        MARGIN + CONTENT_WIDTH - 5.0,
        top + 34.5,
        0.5,
        colour::RULE,
    );
    canvas.text(left, top + 40.0, LABEL, tr(lang, "Prestazione", "Service"));
    let mut y = top + 45.5;
    for line in &service_lines {
        canvas.text(left, y, service_style, line);
        y += service_style.leading();
    }
    let details = match lang {
        Lang::It => format!(
            "Codice catalogo {} · Branca {} · Quantità {}",
            service.code, service.branch, booking.quantity
        ),
        Lang::En => format!(
            "Catalogue code {} · Branch {} · Quantity {}",
            service.code, service.branch, booking.quantity
        ),
    };
    canvas.text(left, y - 0.4, Style::regular(8.5, colour::MUTED), &details);
    sheet.y = top + height + 4.0;
}

/// `style`, made smaller until `text` fits `width`.
fn fit(canvas: &Canvas, style: Style, text: &str, width: f32) -> Style {
    let mut fitted = style;
    while fitted.size > 8.0 && canvas.width(fitted, text) > width {
        fitted.size -= 0.5;
    }
    fitted
}

/// What a booking that is no longer booked says first.
fn status_note(view: &BookingDocumentsView, lang: Lang) -> Option<String> {
    let booking = &view.booking;
    let when = booking.cancelled_at.map(short_datetime);
    match (booking.status, lang) {
        (BookingStatus::Booked | BookingStatus::Done, _) => None,
        (BookingStatus::Cancelled, Lang::It) => Some(match when {
            Some(w) => format!(
                "Questa prenotazione è stata disdetta il {w}: l'appuntamento non è più valido."
            ),
            None => {
                "Questa prenotazione è stata disdetta: l'appuntamento non è più valido.".to_owned()
            }
        }),
        (BookingStatus::Cancelled, Lang::En) => Some(match when {
            Some(w) => {
                format!("This booking was cancelled on {w}: the appointment is no longer valid.")
            }
            None => "This booking was cancelled: the appointment is no longer valid.".to_owned(),
        }),
        (BookingStatus::Moved, Lang::It) => Some(match &booking.moved_to {
            Some(new) => format!(
                "Questa prenotazione è stata spostata: la nuova prenotazione è la n. {new}. Usa il suo promemoria."
            ),
            None => {
                "Questa prenotazione è stata spostata: usa il promemoria della nuova prenotazione."
                    .to_owned()
            }
        }),
        (BookingStatus::Moved, Lang::En) => Some(match &booking.moved_to {
            Some(new) => {
                format!("This booking was moved: the new booking is no. {new}. Use its reminder.")
            }
            None => "This booking was moved: use the new booking's reminder.".to_owned(),
        }),
        (BookingStatus::NoShow, _) => Some(
            tr(
                lang,
                "Risulta che non ti sei presentato a questo appuntamento.",
                "You did not attend this appointment.",
            )
            .to_owned(),
        ),
    }
}
