//! Reading a prescription by NRE, with each line's bookability (from the domain's rules).

use cup_api::{BookabilityView, PrescriptionLineView, PrescriptionView};
use cup_domain::{
    AccessType, Bookability, CatalogueCode, Exemption, Nre, PrescribedService, Prescription,
    PrescriptionParts, Priority, Quantity, ServiceKind, bookability,
};

use super::identifiers::prescription_ticket_cents;
use super::sessions::parse_nre;
use super::views::{item_service_view, parse_day};
use super::{AppState, Caller, ServiceError, ServiceResult, epoch};
use crate::store::{CitizenRow, ItemRow, PrescriptionRow, Tx};

/// A prescription the caller may see, with its lines and the domain's reading of it.
pub struct Loaded {
    pub row: PrescriptionRow,
    pub items: Vec<ItemRow>,
    pub domain: Prescription,
    pub citizen: CitizenRow,
}

impl Loaded {
    pub fn item(&self, line: u32) -> ServiceResult<&ItemRow> {
        self.items
            .iter()
            .find(|i| i.line == i64::from(line))
            .ok_or_else(|| ServiceError::invalid("prescription_service_index", "line"))
    }

    /// Whether a line can be booked; `moving` ignores the line's own live booking (a
    /// reschedule holds a new slot for a booked line).
    pub fn bookability(&self, line: u32, moving: bool) -> ServiceResult<Bookability> {
        let item = self.item(line)?;
        let index = self
            .items
            .iter()
            .position(|i| i.line == item.line)
            .unwrap_or(0);
        let booked = item.booked_as.is_some() && !moving;
        bookability(&self.domain, index, booked)
            .map_err(|e| ServiceError::invalid(e.code(), "line"))
    }

    pub fn service_kind(&self, line: u32) -> ServiceResult<ServiceKind> {
        Ok(kind_of(&self.item(line)?.kind))
    }
}

pub fn kind_of(kind: &str) -> ServiceKind {
    match kind {
        "visit" => ServiceKind::Visit,
        "laboratory" => ServiceKind::Laboratory,
        _ => ServiceKind::Diagnostic,
    }
}

fn domain_prescription(row: &PrescriptionRow, items: &[ItemRow]) -> ServiceResult<Prescription> {
    let corrupt = || ServiceError::invalid("prescription_data", "nre");
    let services = items
        .iter()
        .map(|i| {
            PrescribedService::new(
                CatalogueCode::parse(&i.code).map_err(|_| corrupt())?,
                &i.description,
                Quantity::new(u8::try_from(i.quantity).map_err(|_| corrupt())?)
                    .map_err(|_| corrupt())?,
                &i.branch,
                kind_of(&i.kind),
            )
            .map_err(|_| corrupt())
        })
        .collect::<ServiceResult<Vec<_>>>()?;
    Prescription::new(PrescriptionParts {
        nre: Nre::parse(&row.nre).map_err(|_| corrupt())?,
        priority: row
            .priority
            .as_deref()
            .and_then(|p| p.chars().next())
            .and_then(Priority::from_letter),
        access: if row.access == "follow_up" {
            AccessType::FollowUp
        } else {
            AccessType::First
        },
        exemption: row
            .exemption
            .as_deref()
            .and_then(|e| Exemption::parse(e).ok()),
        date: parse_day(&row.issued_on),
        services,
        diagnostic_question: Some(row.question.clone()),
        doctor: Some(row.doctor.clone()),
    })
    .map_err(|_| corrupt())
}

/// Loads a prescription the caller may see: a three-factor session sees its own
/// prescription, a card session any of the patient's. Anything else is "not found".
pub async fn load(tx: &mut dyn Tx, caller: &Caller, nre: &str) -> ServiceResult<Loaded> {
    let nre = parse_nre(nre)?;
    let row = tx.prescription_by_nre(nre.as_str()).await?;
    load_row(tx, caller, row).await
}

/// [`load`] for a prescription row already read (by id): the same visibility rule.
pub async fn load_row(
    tx: &mut dyn Tx,
    caller: &Caller,
    row: Option<PrescriptionRow>,
) -> ServiceResult<Loaded> {
    let row = row
        .filter(|p| p.citizen_id == caller.citizen_id())
        .filter(|p| match caller.session.prescription_id {
            Some(own) => own == p.id,
            None => true,
        })
        .ok_or_else(ServiceError::not_found)?;
    let items = tx.prescription_items(row.id).await?;
    let citizen = tx
        .citizen_by_id(row.citizen_id)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let domain = domain_prescription(&row, &items)?;
    Ok(Loaded {
        row,
        items,
        domain,
        citizen,
    })
}

pub fn bookability_view(b: &Bookability) -> BookabilityView {
    match b {
        Bookability::Bookable => BookabilityView {
            bookable: true,
            reason: None,
            next_step: None,
        },
        Bookability::NotBookable { reason, next_step } => BookabilityView {
            bookable: false,
            reason: Some(reason.code().to_owned()),
            next_step: Some(next_step.code().to_owned()),
        },
    }
}

pub async fn read(state: &AppState, caller: &Caller, nre: &str) -> ServiceResult<PrescriptionView> {
    let now = epoch(state.now());
    let mut tx = state.store.write().await?;
    let loaded = load(tx.as_mut(), caller, nre).await?;
    tx.audit(&caller.audit(
        now,
        "read_prescription",
        format!("prescription:{}", loaded.row.id),
    ))
    .await?;
    tx.commit().await?;
    let region = loaded.domain.nre().region();
    let mut lines = Vec::with_capacity(loaded.items.len());
    for item in &loaded.items {
        let line = item.line.max(0) as u32;
        lines.push(PrescriptionLineView {
            line,
            service: item_service_view(item),
            quantity: item.quantity.max(0) as u32,
            bookability: bookability_view(&loaded.bookability(line, false)?),
            booked_as: item.booked_as.clone(),
        });
    }
    Ok(PrescriptionView {
        nre: loaded.row.nre.clone(),
        region_code: region.code().to_owned(),
        region_name: region.name().to_owned(),
        priority: loaded.row.priority.clone(),
        effective_priority: loaded.domain.effective_priority().letter().to_string(),
        access: loaded.row.access.clone(),
        exemption: loaded.row.exemption.clone(),
        issued_on: loaded.domain.date(),
        doctor: loaded.row.doctor.clone(),
        question: loaded.row.question.clone(),
        ticket_cents: prescription_ticket_cents(&loaded.items, &loaded.row),
        lines,
    })
}
