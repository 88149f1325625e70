//! Bookings: book a live hold, look up, list, cancel (disdetta), reschedule (spostamento),
//! and the data of the promemoria and the payment notice.

use cup_api::{
    BookRequest, BookingDocumentsView, BookingView, ErrorCode, LookupQuery, PaymentNoticeView,
    RescheduleRequest,
};
use cup_domain::time::{Lang, format_datetime, rome_date};
use cup_domain::{
    BookingEvent, BookingState, CreditorFiscalCode, CupNumber, Money, NoticeNumber, PhoneNumber,
    Pin, Slot, decide_guarantee, late_cancellation_owes_malum, pagopa_qr_payload,
};

use super::availability::{home_of, window_of};
use super::holds::live_hold;
use super::identifiers::{BookingIdentifiers, line_ticket_cents, secure_rng};
use super::prescriptions::Loaded;
use super::sessions::parse_nre;
use super::views::{Home, booking_view, patient_view};
use super::{AppState, Caller, ServiceError, ServiceResult, epoch, instant};
use crate::infra::idempotency::Claim;
use crate::store::{BookingFilter, BookingRow, Conflict, HoldRow, NewBooking, StoreError, Tx};

fn state_conflict(message: &'static str) -> ServiceError {
    ServiceError::refused(ErrorCode::BookingStateConflict, message)
}

fn map_insert_conflict(error: StoreError) -> ServiceError {
    match error {
        StoreError::Conflict(Conflict::SlotBooked) => ServiceError::refused(
            ErrorCode::SlotUnavailable,
            "this slot is no longer available",
        ),
        StoreError::Conflict(Conflict::LineBooked) => {
            ServiceError::refused(ErrorCode::NotBookable, "this service is already booked")
        }
        other => other.into(),
    }
}

async fn slot_of(tx: &mut dyn Tx, slot_id: i64) -> ServiceResult<Option<Slot>> {
    Ok(tx.offer_by_slot(slot_id).await?.and_then(|o| {
        Slot::new(
            o.slot_id.max(0) as u64,
            o.facility_id.max(0) as u64,
            o.service_id.max(0) as u64,
            instant(o.starts_at),
            instant(o.ends_at),
        )
        .ok()
    }))
}

/// Guarantee kept or waived (domain rule): kept only for the first slot the region offered.
async fn guarantee_of(
    tx: &mut dyn Tx,
    loaded: &Loaded,
    hold: &HoldRow,
) -> ServiceResult<Option<&'static str>> {
    let window = window_of(loaded, hold.line.max(0) as u32, hold.created_at)?;
    let chosen = slot_of(tx, hold.slot_id).await?;
    let first = match hold.first_offer_slot_id {
        Some(id) => slot_of(tx, id).await?,
        None => None,
    };
    Ok(match (window, chosen, first) {
        (Some(window), Some(chosen), Some(first)) => {
            decide_guarantee(Some(&window), &first, &chosen).map(|g| g.code())
        }
        (Some(_), _, _) => Some("waived"),
        (None, _, _) => None,
    })
}

fn parse_phone(phone: Option<&str>) -> ServiceResult<Option<PhoneNumber>> {
    match phone.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => PhoneNumber::parse(p)
            .map(Some)
            .map_err(|e| ServiceError::invalid(e.code(), "phone")),
        None => Ok(None),
    }
}

fn sms_text(row: &BookingRow) -> String {
    format!(
        "CUP Toscana: prenotazione n. {} confermata per {} presso {}, {}. Disdetta gratuita fino a 48 ore prima.",
        row.cup_number,
        format_datetime(instant(row.offer.starts_at), Lang::It),
        row.offer.facility_name,
        row.offer.city
    )
}

async fn view_of(
    tx: &mut dyn Tx,
    caller: &Caller,
    id: i64,
    home: Home,
) -> ServiceResult<(BookingRow, BookingView)> {
    let row = tx
        .bookings(caller.citizen_id(), &BookingFilter::Id(id))
        .await?
        .into_iter()
        .next()
        .ok_or_else(ServiceError::not_found)?;
    let view = booking_view(&row, home);
    Ok((row, view))
}

/// Inserts a booking for a live hold and takes its slot; the caller's transaction commits.
#[allow(clippy::too_many_arguments)]
async fn insert_for_hold(
    tx: &mut dyn Tx,
    caller: &Caller,
    loaded: &Loaded,
    hold: &HoldRow,
    phone: Option<&PhoneNumber>,
    moved_from: Option<i64>,
    now: i64,
) -> ServiceResult<i64> {
    let guarantee = guarantee_of(tx, loaded, hold).await?;
    let id = tx.next_booking_id().await?;
    let ids = BookingIdentifiers::generate(&mut secure_rng(), now, id);
    tx.booking_insert(&NewBooking {
        id,
        cup_number: ids.cup_number,
        pin: ids.pin,
        notice_number: ids.notice_number,
        citizen_id: caller.citizen_id(),
        prescription_id: loaded.row.id,
        line: hold.line,
        slot_id: hold.slot_id,
        ticket_cents: line_ticket_cents(&loaded.items, &loaded.row, hold.line),
        guarantee,
        phone: phone.map(|p| p.to_string()),
        channel: caller.channel.as_str(),
        created_at: now,
        moved_from,
    })
    .await
    .map_err(map_insert_conflict)?;
    if !tx
        .slot_take_for_booking(hold.slot_id, hold.id, id, now)
        .await?
    {
        return Err(ServiceError::refused(
            ErrorCode::HoldExpired,
            "the hold expired: choose a slot again",
        ));
    }
    tx.hold_mark_used(hold.id).await?;
    Ok(id)
}

pub async fn book(
    state: &AppState,
    caller: &Caller,
    request: &BookRequest,
    claim: &Claim,
) -> ServiceResult<BookingView> {
    let now = epoch(state.now());
    let phone = parse_phone(request.phone.as_deref())?;
    let mut tx = claim.write(state).await?;
    let (hold, loaded) = live_hold(tx.as_mut(), caller, request.hold_id, now).await?;
    if !loaded
        .bookability(hold.line.max(0) as u32, false)?
        .is_bookable()
    {
        return Err(ServiceError::refused(
            ErrorCode::NotBookable,
            "this service cannot be booked online",
        ));
    }
    let id = insert_for_hold(
        tx.as_mut(),
        caller,
        &loaded,
        &hold,
        phone.as_ref(),
        None,
        now,
    )
    .await?;
    let (row, view) = view_of(tx.as_mut(), caller, id, home_of(&loaded)).await?;
    if let Some(phone) = &phone {
        tx.sms_enqueue(id, phone.as_ref(), &sms_text(&row), now)
            .await?;
    }
    tx.audit(&caller.audit(now, "book", format!("booking:{id}")))
        .await?;
    claim.finish_in(tx.as_mut(), 201, &view).await?;
    tx.commit().await?;
    Ok(view)
}

/// A booking of the caller's own; a three-factor session reaches only its prescription's
/// bookings (as it reads them), so it cannot cancel or move what it cannot see.
async fn own_booking(
    tx: &mut dyn Tx,
    caller: &Caller,
    cup_number: &str,
) -> ServiceResult<BookingRow> {
    let cup =
        CupNumber::parse(cup_number).map_err(|e| ServiceError::invalid(e.code(), "cup_number"))?;
    tx.bookings(
        caller.citizen_id(),
        &BookingFilter::CupNumber(cup.to_string()),
    )
    .await?
    .into_iter()
    .find(|row| {
        caller
            .session
            .prescription_id
            .is_none_or(|own| own == row.prescription_id)
    })
    .ok_or_else(ServiceError::not_found)
}

/// The caller's booking that `event` may change (the domain's transition rules) and whose
/// appointment has not started; with the state it moves to.
async fn changeable_booking(
    tx: &mut dyn Tx,
    caller: &Caller,
    cup_number: &str,
    event: BookingEvent,
    now: i64,
) -> ServiceResult<(BookingRow, BookingState)> {
    let row = own_booking(tx, caller, cup_number).await?;
    let next = BookingState::from_code(&row.status)
        .ok_or_else(|| state_conflict("this booking is not active"))?
        .apply(event)
        .map_err(|_| state_conflict("this booking is not active"))?;
    if row.offer.starts_at <= now {
        return Err(ServiceError::refused(
            ErrorCode::AppointmentPassed,
            "the appointment has already started",
        ));
    }
    Ok((row, next))
}

async fn home_of_caller(
    tx: &mut dyn Tx,
    caller: &Caller,
) -> ServiceResult<(crate::store::CitizenRow, Home)> {
    let citizen = tx
        .citizen_by_id(caller.citizen_id())
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let home = Home {
        lat: citizen.zone_lat,
        lon: citizen.zone_lon,
    };
    Ok((citizen, home))
}

pub async fn cancel(
    state: &AppState,
    caller: &Caller,
    cup_number: &str,
    claim: &Claim,
) -> ServiceResult<BookingView> {
    let now = epoch(state.now());
    let mut tx = claim.write(state).await?;
    let (row, next) =
        changeable_booking(tx.as_mut(), caller, cup_number, BookingEvent::Cancel, now).await?;
    let malum = late_cancellation_owes_malum(instant(row.offer.starts_at), instant(now));
    if !tx
        .booking_set_status(row.id, &row.status, next.code(), now, Some(now), malum)
        .await?
    {
        return Err(state_conflict("this booking is not active"));
    }
    tx.slot_free_booking(row.offer.slot_id, row.id).await?;
    tx.audit(&caller.audit(now, "cancel", format!("booking:{}", row.id)))
        .await?;
    let (_, home) = home_of_caller(tx.as_mut(), caller).await?;
    let (_, view) = view_of(tx.as_mut(), caller, row.id, home).await?;
    claim.finish_in(tx.as_mut(), 200, &view).await?;
    tx.commit().await?;
    Ok(view)
}

/// Moves a booking to a held slot in one step: the old booking becomes SPOSTATO and frees
/// its slot, the new one takes the held slot; if anything fails nothing changes.
pub async fn reschedule(
    state: &AppState,
    caller: &Caller,
    cup_number: &str,
    request: &RescheduleRequest,
    claim: &Claim,
) -> ServiceResult<BookingView> {
    let now = epoch(state.now());
    let mut tx = claim.write(state).await?;
    let (old, next) =
        changeable_booking(tx.as_mut(), caller, cup_number, BookingEvent::Move, now).await?;
    let (hold, loaded) = live_hold(tx.as_mut(), caller, request.hold_id, now).await?;
    if hold.prescription_id != old.prescription_id || hold.line != old.line {
        return Err(state_conflict("the hold is for another service"));
    }
    if !tx
        .booking_set_status(old.id, &old.status, next.code(), now, None, false)
        .await?
    {
        return Err(state_conflict("this booking is not active"));
    }
    tx.slot_free_booking(old.offer.slot_id, old.id).await?;
    let phone = old
        .phone
        .as_deref()
        .and_then(|p| PhoneNumber::parse(p).ok());
    let id = insert_for_hold(
        tx.as_mut(),
        caller,
        &loaded,
        &hold,
        phone.as_ref(),
        Some(old.id),
        now,
    )
    .await?;
    tx.booking_set_moved_to(old.id, id).await?;
    let (row, view) = view_of(tx.as_mut(), caller, id, home_of(&loaded)).await?;
    if let Some(phone) = &phone {
        tx.sms_enqueue(id, phone.as_ref(), &sms_text(&row), now)
            .await?;
    }
    tx.audit(&caller.audit(now, "reschedule", format!("booking:{}->{id}", old.id)))
        .await?;
    claim.finish_in(tx.as_mut(), 200, &view).await?;
    tx.commit().await?;
    Ok(view)
}

/// Reads bookings of the caller's own, audited.
async fn read_bookings(
    state: &AppState,
    caller: &Caller,
    filter: BookingFilter,
) -> ServiceResult<Vec<BookingView>> {
    let now = epoch(state.now());
    let mut tx = state.store.write().await?;
    let (_, home) = home_of_caller(tx.as_mut(), caller).await?;
    let mut rows = tx.bookings(caller.citizen_id(), &filter).await?;
    // A prescription session sees the bookings of its own prescription only... plus none else.
    if let Some(own) = caller.session.prescription_id {
        rows.retain(|r| r.prescription_id == own);
    }
    for row in &rows {
        tx.audit(&caller.audit(now, "read_booking", format!("booking:{}", row.id)))
            .await?;
    }
    if rows.is_empty() {
        // A lookup that found nothing is an access too (never the value looked for).
        let by = match filter {
            BookingFilter::Id(_) => "lookup:id",
            BookingFilter::CupNumber(_) => "lookup:cup_number",
            BookingFilter::Pin(_) => "lookup:pin",
            BookingFilter::Nre(_) => "lookup:nre",
            BookingFilter::All => "lookup:all",
        };
        tx.audit(&caller.audit_outcome(now, "read_booking", by.to_owned(), "none"))
            .await?;
    }
    tx.commit().await?;
    Ok(rows.iter().map(|r| booking_view(r, home)).collect())
}

pub async fn list(state: &AppState, caller: &Caller) -> ServiceResult<Vec<BookingView>> {
    read_bookings(state, caller, BookingFilter::All).await
}

pub async fn lookup(
    state: &AppState,
    caller: &Caller,
    query: &LookupQuery,
) -> ServiceResult<Vec<BookingView>> {
    let filter = match (&query.pin, &query.cup_number, &query.nre) {
        (Some(pin), None, None) => BookingFilter::Pin(
            Pin::parse(pin)
                .map_err(|e| ServiceError::invalid(e.code(), "pin"))?
                .to_string(),
        ),
        (None, Some(cup), None) => BookingFilter::CupNumber(
            CupNumber::parse(cup)
                .map_err(|e| ServiceError::invalid(e.code(), "cup_number"))?
                .to_string(),
        ),
        (None, None, Some(nre)) => BookingFilter::Nre(parse_nre(nre)?.to_string()),
        _ => return Err(ServiceError::invalid("lookup_one_mode", "mode")),
    };
    read_bookings(state, caller, filter).await
}

pub async fn get(
    state: &AppState,
    caller: &Caller,
    cup_number: &str,
) -> ServiceResult<BookingView> {
    let cup =
        CupNumber::parse(cup_number).map_err(|e| ServiceError::invalid(e.code(), "cup_number"))?;
    read_bookings(state, caller, BookingFilter::CupNumber(cup.to_string()))
        .await?
        .into_iter()
        .next()
        .ok_or_else(ServiceError::not_found)
}

/// A synthetic creditor fiscal code per ASL (the demo's ASLs are not the real bodies).
fn creditor_code(asl_id: i64) -> String {
    format!(
        "{:011}",
        90_000_000_000_i64 + asl_id.rem_euclid(1_000) * 1_001
    )
}

pub async fn documents(
    state: &AppState,
    caller: &Caller,
    cup_number: &str,
) -> ServiceResult<BookingDocumentsView> {
    let now = epoch(state.now());
    let mut tx = state.store.write().await?;
    let row = own_booking(tx.as_mut(), caller, cup_number).await?;
    if let Some(own) = caller.session.prescription_id
        && own != row.prescription_id
    {
        return Err(ServiceError::not_found());
    }
    let (citizen, home) = home_of_caller(tx.as_mut(), caller).await?;
    tx.audit(&caller.audit(now, "read_documents", format!("booking:{}", row.id)))
        .await?;
    tx.commit().await?;
    let booking = booking_view(&row, home);
    let payment = if row.ticket_cents > 0 {
        let notice =
            NoticeNumber::parse(&row.notice_number).map_err(|_| ServiceError::not_found())?;
        let creditor = CreditorFiscalCode::parse(&creditor_code(row.asl_id))
            .map_err(|_| ServiceError::not_found())?;
        let amount = Money::from_cents(row.ticket_cents.max(0) as u64);
        Some(PaymentNoticeView {
            creditor_name: row.asl_name.clone(),
            creditor_fiscal_code: creditor.as_str().to_owned(),
            notice_number: notice.as_str().to_owned(),
            notice_number_grouped: notice.grouped(),
            iuv: notice.iuv().to_owned(),
            amount_cents: amount.cents(),
            due_date: rome_date(instant(row.offer.starts_at)),
            qr_payload: pagopa_qr_payload(&notice, &creditor, amount),
        })
    } else {
        None
    };
    Ok(BookingDocumentsView {
        booking,
        patient: patient_view(&citizen),
        priority: row.priority.clone(),
        issued_on: super::views::parse_day(&row.issued_on),
        payment,
    })
}
