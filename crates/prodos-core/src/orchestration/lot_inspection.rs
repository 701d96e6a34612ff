//! Incoming inspection across stock and quality. A lot received from a supplier or another node,
//! of a material the node samples, is held on receipt (not reservable); its sampling inspection
//! follows the ISO 2859-1 plan for its size and the material's AQL, and either lifts the hold
//! or quarantines the lot with a nonconformance of its own. That nonconformance is disposed by a
//! coordinator: use as is (the hold is lifted, the reason kept) or scrap (the lot is written off
//! with its provenance and cost). Lots of the node's own making are never held.

use crate::event::Event;
use crate::ids::LotId;
use crate::people::qualification::require_participant;
use crate::provenance::Provenance;
use crate::quality::{Disposition, DispositionChoice, IncomingPlan, LotInspection, QualityEvent, WriteOff};
use crate::rejection::Rejection;
use crate::state::State;
use crate::stock::{Hold, StockEvent};
use crate::time::Timestamp;
use crate::units::{Milli, Unit};
use prodos_spc::sampling::{aql_index, single_sampling_plan};

/// Adds a hold to each received lot whose material is sampled on receipt.
pub fn hold_received(state: &State, received: Vec<StockEvent>, now: Timestamp) -> Vec<Event> {
    let mut events = Vec::with_capacity(received.len());
    for event in received {
        let hold = match &event {
            StockEvent::LotReceived { lot, material, provenance, .. } if *provenance != Provenance::Own => {
                state.quality.incoming_plan(material).map(|plan| StockEvent::LotHeld {
                    lot: *lot,
                    hold: Hold::AwaitingInspection,
                    reason: format!("incoming inspection ({plan})"),
                    at: now,
                })
            }
            _ => None,
        };
        events.push(Event::Stock(event));
        events.extend(hold.map(Event::Stock));
    }
    events
}

/// Sets or clears how a material's incoming lots are sampled.
pub fn set_plan(
    state: &State,
    material: &str,
    plan: Option<IncomingPlan>,
    by: &str,
    now: Timestamp,
) -> Result<Vec<Event>, Rejection> {
    let material = material.trim();
    if material.is_empty() {
        return Err(Rejection::FieldRequired { field: "material".into() });
    }
    let known = state.stock.material(material).is_some()
        || state.designs.iter().any(|record| record.latest().spec.parts.iter().any(|part| part.material == material));
    if !known {
        return Err(Rejection::UnknownMaterial { material: material.into() });
    }
    if let Some(plan) = plan
        && aql_index(plan.aql).is_none()
    {
        let known: Vec<String> = prodos_spc::sampling::AQLS.iter().map(f64::to_string).collect();
        return Err(Rejection::InvalidField {
            field: "aql".into(),
            message: format!("{} is not an AQL of the ISO 2859-1 table (known: {})", plan.aql, known.join(", ")),
        });
    }
    if state.quality.incoming_plan(material) == plan.as_ref() {
        return Ok(Vec::new());
    }
    let event = QualityEvent::IncomingInspectionSet { material: material.into(), plan, by: by.into(), at: now };
    Ok(vec![Event::Quality(event)])
}

/// What an inspector reports of one lot.
pub struct LotReading<'a> {
    pub lot: LotId,
    pub lot_size: Option<u32>,
    pub inspected: u32,
    pub defective: u32,
    pub by: &'a str,
    pub note: &'a str,
}

pub fn inspect(state: &State, reading: &LotReading, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let lot = state.stock.lot(reading.lot).ok_or(Rejection::UnknownLot { lot: reading.lot })?;
    let not_due = |why: String| Rejection::InvalidField { field: "lot".into(), message: why };
    match lot.hold() {
        Some((Hold::AwaitingInspection, _)) => {}
        Some((Hold::Quarantined, reason)) => {
            return Err(not_due(format!("{} was already inspected and is quarantined ({reason})", lot.id)));
        }
        None => return Err(not_due(format!("{} is not awaiting an incoming inspection", lot.id))),
    }
    let incoming = *state.quality.incoming_plan(&lot.material).ok_or_else(|| {
        not_due(format!("{} is held but {} has no incoming inspection plan any more", lot.id, lot.material))
    })?;
    let lot_size = match reading.lot_size {
        Some(size) => size,
        None => counted_items(state, lot.material.as_str(), lot.received).ok_or_else(|| Rejection::InvalidField {
            field: "lot_size".into(),
            message: format!(
                "{} holds {} of {}, not a count of items: state how many items the lot holds",
                lot.id,
                lot.received,
                state.stock.material(&lot.material).map_or("?", |material| material.unit.symbol()),
            ),
        })?,
    };
    let plan = single_sampling_plan(u64::from(lot_size), incoming.aql, incoming.level)
        .map_err(|error| Rejection::InvalidField { field: "lot_size".into(), message: error.to_string() })?;
    if reading.inspected != plan.sample {
        return Err(Rejection::InvalidField {
            field: "inspected".into(),
            message: format!(
                "the plan for a lot of {lot_size} at {incoming} (letter {}) draws {} items; {} were inspected",
                plan.plan_code, plan.sample, reading.inspected
            ),
        });
    }
    if reading.defective > reading.inspected {
        return Err(Rejection::InvalidField {
            field: "defective".into(),
            message: format!("{} defective out of {} inspected", reading.defective, reading.inspected),
        });
    }
    require_participant(&state.people, "by", reading.by)?;
    let id = state.quality.next_lot_inspection();
    let accepted = plan.accepts(reading.defective);
    let ncr = (!accepted).then(|| state.quality.next_nonconformance());
    let inspection = LotInspection {
        id,
        lot: lot.id,
        material: lot.material.clone(),
        provenance: lot.provenance.clone(),
        lot_size,
        incoming,
        plan,
        inspected: reading.inspected,
        defective: reading.defective,
        accepted,
        ncr,
        by: reading.by.into(),
        note: reading.note.trim().into(),
        at: now,
    };
    let verdict = inspection.verdict();
    let stock = match ncr {
        None => StockEvent::LotHoldLifted { lot: lot.id, reason: format!("{id}: {verdict}"), at: now },
        Some(ncr) => StockEvent::LotHeld {
            lot: lot.id,
            hold: Hold::Quarantined,
            reason: format!("{id}: {verdict}; {ncr} awaits a disposition"),
            at: now,
        },
    };
    Ok(vec![Event::Quality(QualityEvent::LotInspected { inspection }), Event::Stock(stock)])
}

/// A lot's size in items, when its material is counted in pieces or sets.
fn counted_items(state: &State, material: &str, received: Milli) -> Option<u32> {
    let unit = state.stock.material(material)?.unit;
    if !matches!(unit, Unit::Piece | Unit::Set) || received.0 % Milli::ONE.0 != 0 {
        return None;
    }
    u32::try_from(received.0 / Milli::ONE.0).ok()
}

/// Disposes of a lot's nonconformance: a coordinator's call, since no skill covers a supplier's lot.
pub fn dispose(
    state: &State,
    ncr: crate::ids::NonconformanceId,
    lot_id: LotId,
    choice: &DispositionChoice,
    by: &str,
    reason: Result<String, Rejection>,
    now: Timestamp,
) -> Result<Vec<Event>, Rejection> {
    let person = require_participant(&state.people, "by", by)?;
    if !person.coordinator {
        return Err(Rejection::CoordinatorRequired {
            handle: by.into(),
            action: "dispose of a received lot's nonconformance".into(),
        });
    }
    let lot = state.stock.lot(lot_id).ok_or(Rejection::UnknownLot { lot: lot_id })?;
    let (disposition, stock) = match choice {
        DispositionChoice::Rework { .. } => {
            return Err(Rejection::InvalidField {
                field: "disposition".into(),
                message: format!(
                    "{ncr} is about lot {lot_id}: a lot is used as is or scrapped (returned), not reworked"
                ),
            });
        }
        DispositionChoice::UseAsIs { .. } => {
            let reason = reason?;
            let lifted =
                StockEvent::LotHoldLifted { lot: lot_id, reason: format!("{ncr} use as is: {reason}"), at: now };
            (Disposition::UseAsIs { reason }, Some(lifted))
        }
        DispositionChoice::Scrap { .. } => {
            let reason = reason?;
            let line = WriteOff {
                lot: lot_id,
                material: lot.material.clone(),
                qty: lot.on_hand(),
                provenance: lot.provenance.clone(),
                cost: lot.unit_cost.for_qty(lot.on_hand()),
            };
            let adjusted = (lot.on_hand() > Milli::ZERO).then(|| StockEvent::LotAdjusted {
                lot: lot_id,
                delta: Milli(-lot.on_hand().0),
                reason: format!("{ncr} scrap: {reason}"),
                at: now,
            });
            (Disposition::Scrap { reason, cost: line.cost, written_off: vec![line] }, adjusted)
        }
    };
    let disposed = QualityEvent::NonconformanceDisposed { ncr, disposition, by: by.into(), at: now };
    Ok(std::iter::once(Event::Quality(disposed)).chain(stock.map(Event::Stock)).collect())
}
