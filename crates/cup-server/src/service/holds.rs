//! Holds (RISERVATO): a slot kept for one prescription line while the citizen confirms.
//! The server's clock decides expiry; an expired hold frees its slot at once for everyone.

use cup_api::{ErrorCode, HoldRequest, HoldView};
use cup_domain::CupNumber;

use super::availability::{home_of, window_of};
use super::prescriptions::{Loaded, load, load_row};
use super::views::offer_view;
use super::{AppState, Caller, ServiceError, ServiceResult, epoch, instant};
use crate::infra::idempotency::Claim;
use crate::store::{BookingFilter, Conflict, HoldRow, NewHold, StoreError, Tx};

fn slot_unavailable() -> ServiceError {
    ServiceError::refused(
        ErrorCode::SlotUnavailable,
        "this slot is no longer available",
    )
}

fn hold_expired() -> ServiceError {
    ServiceError::refused(
        ErrorCode::HoldExpired,
        "the hold expired: choose a slot again",
    )
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    request: &HoldRequest,
    claim: &Claim,
) -> ServiceResult<HoldView> {
    let now = epoch(state.now());
    let ttl = state.config.hold_ttl.as_secs() as i64;
    let mut tx = claim.write(state).await?;
    let loaded = load(tx.as_mut(), caller, &request.nre).await?;
    let moving = match &request.reschedule {
        Some(cup) => {
            let cup =
                CupNumber::parse(cup).map_err(|e| ServiceError::invalid(e.code(), "reschedule"))?;
            let booking = tx
                .bookings(
                    caller.citizen_id(),
                    &BookingFilter::CupNumber(cup.to_string()),
                )
                .await?
                .into_iter()
                .next()
                .ok_or_else(ServiceError::not_found)?;
            if booking.status != "booked"
                || booking.prescription_id != loaded.row.id
                || booking.line != i64::from(request.line)
            {
                return Err(ServiceError::refused(
                    ErrorCode::BookingStateConflict,
                    "this booking cannot be moved with this hold",
                ));
            }
            true
        }
        None => false,
    };
    if !loaded.bookability(request.line, moving)?.is_bookable() {
        return Err(ServiceError::refused(
            ErrorCode::NotBookable,
            "this service cannot be booked online",
        ));
    }
    let item = loaded.item(request.line)?;
    let offer = tx
        .offer_by_slot(request.slot_id)
        .await?
        .filter(|o| o.service_id == item.service_id)
        .ok_or_else(slot_unavailable)?;
    if offer.starts_at <= now {
        return Err(slot_unavailable());
    }
    let first_offer = tx
        .first_free_slot_in_zone(item.service_id, loaded.citizen.zone_id, now)
        .await?;
    tx.release_line_holds(loaded.row.id, item.line).await?;
    let expires_at = now + ttl;
    let hold_id = tx
        .hold_insert(&NewHold {
            session_id: caller.session.id,
            citizen_id: caller.citizen_id(),
            prescription_id: loaded.row.id,
            line: item.line,
            slot_id: offer.slot_id,
            first_offer_slot_id: first_offer,
            created_at: now,
            expires_at,
        })
        .await
        .map_err(|e| match e {
            StoreError::Conflict(Conflict::LineHeld) => ServiceError::refused(
                ErrorCode::BookingStateConflict,
                "another hold for this service is being made",
            ),
            other => other.into(),
        })?;
    if !tx
        .slot_take_for_hold(offer.slot_id, item.service_id, hold_id, expires_at, now)
        .await?
    {
        return Err(slot_unavailable());
    }
    tx.audit(&caller.audit(now, "hold", format!("hold:{hold_id}")))
        .await?;
    // The view from what this transaction just wrote and read: no second read of either.
    let window_end = window_of(&loaded, item.line.max(0) as u32, now)?.map(|w| epoch(w.end()));
    let offer = offer_view(&offer, home_of(&loaded), window_end);
    let view = HoldView {
        id: hold_id,
        nre: loaded.row.nre.clone(),
        line: item.line.max(0) as u32,
        cancel_by: cup_domain::cancel_deadline(offer.starts_at),
        offer,
        expires_at: instant(expires_at),
        server_time: instant(now),
        can_extend: true,
    };
    claim.finish_in(tx.as_mut(), 201, &view).await?;
    tx.commit().await?;
    Ok(view)
}

async fn hold_view(
    tx: &mut dyn Tx,
    loaded: &Loaded,
    hold: &HoldRow,
    now: i64,
) -> ServiceResult<HoldView> {
    let line = hold.line.max(0) as u32;
    let offer = tx
        .offer_by_slot(hold.slot_id)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let window_end = window_of(loaded, line, hold.created_at)?.map(|w| epoch(w.end()));
    let offer = offer_view(&offer, home_of(loaded), window_end);
    Ok(HoldView {
        id: hold.id,
        nre: loaded.row.nre.clone(),
        line,
        cancel_by: cup_domain::cancel_deadline(offer.starts_at),
        offer,
        expires_at: instant(hold.expires_at),
        server_time: instant(now),
        can_extend: hold.extended == 0,
    })
}

/// The caller's own hold, and its prescription.
async fn own_hold(
    tx: &mut dyn Tx,
    caller: &Caller,
    hold_id: i64,
) -> ServiceResult<(HoldRow, Loaded)> {
    let hold = tx
        .hold_by_id(hold_id)
        .await?
        .filter(|h| h.citizen_id == caller.citizen_id())
        .ok_or_else(ServiceError::not_found)?;
    let prescription = tx.prescription_by_id(hold.prescription_id).await?;
    let loaded = load_row(tx, caller, prescription).await?;
    Ok((hold, loaded))
}

/// A live hold of the caller's, or why not.
pub async fn live_hold(
    tx: &mut dyn Tx,
    caller: &Caller,
    hold_id: i64,
    now: i64,
) -> ServiceResult<(HoldRow, Loaded)> {
    let (hold, loaded) = own_hold(tx, caller, hold_id).await?;
    match hold.state.as_str() {
        "live" if hold.expires_at > now => Ok((hold, loaded)),
        "used" => Err(ServiceError::refused(
            ErrorCode::BookingStateConflict,
            "this hold was already used for a booking",
        )),
        _ => Err(hold_expired()),
    }
}

pub async fn extend(
    state: &AppState,
    caller: &Caller,
    hold_id: i64,
    claim: &Claim,
) -> ServiceResult<HoldView> {
    let now = epoch(state.now());
    let ttl = state.config.hold_ttl.as_secs() as i64;
    let mut tx = claim.write(state).await?;
    let (hold, loaded) = live_hold(tx.as_mut(), caller, hold_id, now).await?;
    if hold.extended != 0 {
        return Err(ServiceError::refused(
            ErrorCode::HoldExtensionUsed,
            "the hold was already extended once",
        ));
    }
    if !tx.hold_extend(hold.id, now + ttl, now).await? {
        return Err(hold_expired());
    }
    tx.audit(&caller.audit(now, "extend_hold", format!("hold:{}", hold.id)))
        .await?;
    let hold = tx
        .hold_by_id(hold.id)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let view = hold_view(tx.as_mut(), &loaded, &hold, now).await?;
    claim.finish_in(tx.as_mut(), 200, &view).await?;
    tx.commit().await?;
    Ok(view)
}

/// Releases a hold; releasing one that is already gone is not an error.
pub async fn release(
    state: &AppState,
    caller: &Caller,
    hold_id: i64,
    claim: &Claim,
) -> ServiceResult<()> {
    let now = epoch(state.now());
    let mut tx = claim.write(state).await?;
    let (hold, _) = own_hold(tx.as_mut(), caller, hold_id).await?;
    tx.hold_release(hold.id).await?;
    tx.audit(&caller.audit(now, "release_hold", format!("hold:{}", hold.id)))
        .await?;
    claim
        .finish_in(tx.as_mut(), 204, &serde_json::Value::Null)
        .await?;
    tx.commit().await?;
    Ok(())
}
