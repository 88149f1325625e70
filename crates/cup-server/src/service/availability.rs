//! Availability: offers for a prescription line, the month calendar, combined offers for a
//! prescription with several services, and whether the citizen is owed the percorso di tutela.

use chrono::{Datelike, Days, Months, NaiveDate, TimeDelta};
use cup_api::{
    AvailabilityQuery, AvailabilityResponse, CalendarDay, CalendarQuery, CalendarResponse,
    CombinedOffer, CombinedQuery, CombinedResponse, ErrorCode, GuaranteeWindowView, LineOffer,
    Offer, SearchScope, limits,
};
use cup_domain::time::{rome_date, rome_start_of_day};
use cup_domain::{GuaranteeWindow, guarantee_window};

use super::prescriptions::{Loaded, load};
use super::views::{Home, item_service_view, offer_view};
use super::{AppState, Caller, ServiceError, ServiceResult, epoch, instant};
use crate::store::{OfferRow, Scope, SlotSearch, Tx};

/// How far ahead a search looks by default (the agendas' horizon).
pub const DEFAULT_HORIZON_DAYS: u64 = 180;

pub fn scope_of(loaded: &Loaded, scope: SearchScope) -> Scope {
    match scope {
        SearchScope::Zone => Scope::Zone(loaded.citizen.zone_id),
        SearchScope::Asl => Scope::Asl(loaded.citizen.asl_id),
        SearchScope::Region => Scope::Region,
    }
}

pub fn home_of(loaded: &Loaded) -> Home {
    Home {
        lat: loaded.citizen.zone_lat,
        lon: loaded.citizen.zone_lon,
    }
}

/// The guarantee window of a line, if its access and class give one.
pub fn window_of(loaded: &Loaded, line: u32, now: i64) -> ServiceResult<Option<GuaranteeWindow>> {
    Ok(guarantee_window(
        instant(now),
        loaded.domain.priority(),
        loaded.domain.access(),
        loaded.service_kind(line)?,
    ))
}

/// A line may be searched when it is bookable, or when it is the line of the live booking
/// being moved (`reschedule` names that booking's CUP number).
fn ensure_bookable(loaded: &Loaded, line: u32, reschedule: Option<&str>) -> ServiceResult<()> {
    let moving = match reschedule {
        Some(cup) => loaded.item(line)?.booked_as.as_deref() == Some(cup.trim()),
        None => false,
    };
    if loaded.bookability(line, moving)?.is_bookable() {
        Ok(())
    } else {
        Err(ServiceError::refused(
            ErrorCode::NotBookable,
            "this service cannot be booked online",
        ))
    }
}

/// Ordered by first available, then distance from home.
fn order(rows: &mut [OfferRow], home: Home) {
    rows.sort_by(|a, b| {
        a.starts_at.cmp(&b.starts_at).then_with(|| {
            let da = super::views::distance_km(home.lat, home.lon, a.lat, a.lon);
            let db = super::views::distance_km(home.lat, home.lon, b.lat, b.lon);
            da.total_cmp(&db)
        })
    });
}

/// Searches offers for one line; the first of them is the region's "first offer".
#[allow(clippy::too_many_arguments)]
pub async fn offers_for_line(
    tx: &mut dyn Tx,
    loaded: &Loaded,
    line: u32,
    scope: Scope,
    from: i64,
    to: i64,
    now: i64,
    facility_id: Option<i64>,
    limit: i64,
) -> ServiceResult<Vec<OfferRow>> {
    let item = loaded.item(line)?;
    let mut rows = tx
        .search_slots(&SlotSearch {
            service_id: item.service_id,
            scope,
            facility_id,
            from: from.max(now),
            to,
            now,
            limit: limit + 8,
        })
        .await?;
    order(&mut rows, home_of(loaded));
    rows.truncate(limit as usize);
    Ok(rows)
}

fn day_start(day: NaiveDate) -> i64 {
    epoch(rome_start_of_day(day))
}

pub async fn search(
    state: &AppState,
    caller: &Caller,
    nre: &str,
    query: &AvailabilityQuery,
) -> ServiceResult<AvailabilityResponse> {
    let now = epoch(state.now());
    let today = rome_date(instant(now));
    let limit = i64::from(query.limit.unwrap_or(10));
    if !(1..=i64::from(limits::MAX_OFFERS)).contains(&limit) {
        return Err(ServiceError::invalid("limit_range", "limit"));
    }
    let (from_day, to_day) = match query.day {
        Some(day) => (day, day),
        None => (
            query.from.unwrap_or(today),
            query.to.unwrap_or_else(|| {
                today
                    .checked_add_days(Days::new(DEFAULT_HORIZON_DAYS))
                    .unwrap_or(today)
            }),
        ),
    };
    if to_day < from_day {
        return Err(ServiceError::invalid("window_order", "to"));
    }
    if (to_day - from_day).num_days() > limits::MAX_WINDOW_DAYS {
        return Err(ServiceError::invalid("window_too_wide", "to"));
    }
    let from = day_start(from_day);
    let to = day_start(to_day.succ_opt().unwrap_or(to_day));

    let mut tx = state.store.read().await?;
    let loaded = load(tx.as_mut(), caller, nre).await?;
    // A read of the prescription (whatever follows): audited.
    state
        .audit
        .record(caller.audit(
            now,
            "read_availability",
            format!("prescription:{}", loaded.row.id),
        ))
        .await;
    ensure_bookable(&loaded, query.line, query.reschedule.as_deref())?;
    let item = loaded.item(query.line)?;
    let window = window_of(&loaded, query.line, now)?;
    let window_end = window.as_ref().map(|w| epoch(w.end()));
    let rows = offers_for_line(
        tx.as_mut(),
        &loaded,
        query.line,
        scope_of(&loaded, query.scope),
        from,
        to,
        now,
        query.facility_id,
        limit,
    )
    .await?;
    let home = home_of(&loaded);
    let offers: Vec<Offer> = rows
        .iter()
        .map(|r| offer_view(r, home, window_end))
        .collect();
    // Percorso di tutela: nothing free anywhere in the region inside the window.
    let tutela = match window_end {
        Some(end) if !offers.iter().any(|o| o.inside_guarantee) => tx
            .search_slots(&SlotSearch {
                service_id: item.service_id,
                scope: Scope::Region,
                facility_id: None,
                from: now,
                to: end,
                now,
                limit: 1,
            })
            .await?
            .is_empty(),
        _ => false,
    };
    Ok(AvailabilityResponse {
        line: query.line,
        scope: query.scope,
        service: item_service_view(item),
        offers,
        guarantee: window.map(|w| GuaranteeWindowView {
            priority: loaded.domain.effective_priority().letter().to_string(),
            ends_at: w.end(),
        }),
        tutela,
        wider_scope: query.scope.wider(),
    })
}

fn parse_month(text: &str) -> ServiceResult<NaiveDate> {
    let invalid = || ServiceError::invalid("month_format", "month");
    // Exactly YYYY-MM: chrono alone would take "+001-01" or "-001-01" as a year.
    let b = text.as_bytes();
    if b.len() != 7 || b[4] != b'-' || !b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit) {
        return Err(invalid());
    }
    // No agenda is older than the service; a year 0 or 1 is a typing slip, not a month.
    NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
        .ok()
        .filter(|d| d.year() >= 2000)
        .ok_or_else(invalid)
}

pub async fn calendar(
    state: &AppState,
    caller: &Caller,
    nre: &str,
    query: &CalendarQuery,
) -> ServiceResult<CalendarResponse> {
    let now = epoch(state.now());
    let first = parse_month(&query.month)?;
    let next = first
        .checked_add_months(Months::new(1))
        .ok_or_else(|| ServiceError::invalid("month_format", "month"))?;
    let today = rome_date(instant(now));
    if first.year() > today.year() + 2 {
        return Err(ServiceError::invalid("month_range", "month"));
    }
    let mut tx = state.store.read().await?;
    let loaded = load(tx.as_mut(), caller, nre).await?;
    // A read of the prescription (whatever follows): audited.
    state
        .audit
        .record(caller.audit(
            now,
            "read_calendar",
            format!("prescription:{}", loaded.row.id),
        ))
        .await;
    ensure_bookable(&loaded, query.line, query.reschedule.as_deref())?;
    let item = loaded.item(query.line)?;
    let days = tx
        .calendar(
            item.service_id,
            scope_of(&loaded, query.scope),
            day_start(first).max(now),
            day_start(next),
            now,
        )
        .await?;
    Ok(CalendarResponse {
        month: query.month.clone(),
        days: days
            .into_iter()
            .filter_map(|(day, available)| {
                let date = NaiveDate::from_ymd_opt(
                    (day / 10_000) as i32,
                    ((day / 100) % 100) as u32,
                    (day % 100) as u32,
                )?;
                Some(CalendarDay {
                    day: date,
                    available: available.max(0) as u32,
                })
            })
            .collect(),
    })
}

pub async fn combined(
    state: &AppState,
    caller: &Caller,
    nre: &str,
    query: &CombinedQuery,
) -> ServiceResult<CombinedResponse> {
    let now = epoch(state.now());
    let limit = query.limit.unwrap_or(5).clamp(1, 20) as usize;
    let mut tx = state.store.read().await?;
    let loaded = load(tx.as_mut(), caller, nre).await?;
    // A read of the prescription (whatever follows): audited.
    state
        .audit
        .record(caller.audit(
            now,
            "read_combined_availability",
            format!("prescription:{}", loaded.row.id),
        ))
        .await;
    let scope = scope_of(&loaded, query.scope);
    let home = home_of(&loaded);
    let to = now + TimeDelta::days(DEFAULT_HORIZON_DAYS as i64).num_seconds();
    let mut per_line: Vec<(u32, Vec<OfferRow>, Option<i64>)> = Vec::new();
    for item in &loaded.items {
        let line = item.line.max(0) as u32;
        if !loaded.bookability(line, false)?.is_bookable() {
            continue;
        }
        let window_end = window_of(&loaded, line, now)?.map(|w| epoch(w.end()));
        let rows =
            offers_for_line(tx.as_mut(), &loaded, line, scope, now, to, now, None, 40).await?;
        if rows.is_empty() {
            // One line with nothing: no combined offer in this scope.
            return Ok(CombinedResponse {
                scope: query.scope,
                combinations: Vec::new(),
            });
        }
        per_line.push((line, rows, window_end));
    }
    let Some(((first_line, first_rows, first_end), rest)) = per_line.split_first() else {
        return Err(ServiceError::refused(
            ErrorCode::NotBookable,
            "no service of this prescription can be booked online",
        ));
    };
    let mut combinations = Vec::new();
    for anchor in first_rows {
        let mut chosen = vec![(*first_line, anchor, *first_end)];
        for (line, rows, end) in rest {
            let taken: Vec<&OfferRow> = chosen.iter().map(|c| c.1).collect();
            if let Some(best) = best_companion(anchor, rows, &taken) {
                chosen.push((*line, best, *end));
            }
        }
        if chosen.len() != per_line.len() {
            continue;
        }
        let same_day = chosen.iter().all(|c| same_day(c.1, anchor));
        let same_site = chosen.iter().all(|c| c.1.facility_id == anchor.facility_id);
        combinations.push(CombinedOffer {
            offers: chosen
                .iter()
                .map(|(line, row, end)| LineOffer {
                    line: *line,
                    offer: offer_view(row, home, *end),
                })
                .collect(),
            same_day,
            same_site,
        });
    }
    combinations.sort_by_key(|c| {
        let rank = match (c.same_day, c.same_site) {
            (true, true) => 0,
            (true, false) => 1,
            _ => 2,
        };
        let latest = c.offers.iter().map(|o| o.offer.starts_at).max();
        (rank, latest)
    });
    combinations.truncate(limit);
    Ok(CombinedResponse {
        scope: query.scope,
        combinations,
    })
}

fn same_day(a: &OfferRow, b: &OfferRow) -> bool {
    rome_date(instant(a.starts_at)) == rome_date(instant(b.starts_at))
}

fn overlaps(a: &OfferRow, b: &OfferRow) -> bool {
    a.starts_at < b.ends_at && b.starts_at < a.ends_at
}

/// The best slot of another line to go with `anchor`: same day and site, then same day,
/// then the earliest; never overlapping a slot already chosen.
fn best_companion<'a>(
    anchor: &OfferRow,
    rows: &'a [OfferRow],
    taken: &[&OfferRow],
) -> Option<&'a OfferRow> {
    let free = |r: &&'a OfferRow| {
        !taken
            .iter()
            .any(|t| t.slot_id == r.slot_id || overlaps(t, r))
    };
    rows.iter()
        .filter(free)
        .find(|r| same_day(r, anchor) && r.facility_id == anchor.facility_id)
        .or_else(|| rows.iter().filter(free).find(|r| same_day(r, anchor)))
        .or_else(|| rows.iter().find(|r| free(r)))
}

#[cfg(test)]
mod tests {
    use super::parse_month;

    #[test]
    fn months_are_exactly_year_dash_month() {
        assert!(parse_month("2026-12").is_ok());
        for bad in [
            "0000-01",
            "+001-01",
            "-001-01",
            "2026-13",
            "2026-1",
            "2026/12",
            "２026-12",
        ] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
    }
}
