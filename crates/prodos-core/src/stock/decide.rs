//! Decisions about stock: receive, reserve, release, consume, adjust. Stock never goes negative
//! and reservations never exceed what is on hand.

use super::model::{Material, Stock};
use super::{StockCommand, StockEvent};
use crate::ids::LotId;
use crate::provenance::Provenance;
use crate::rejection::Rejection;
use crate::time::Timestamp;
use crate::units::{Milli, Millicents, Quantity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One incoming lot as a person or a CSV row describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotReceipt {
    pub material: String,
    /// A readable name, used when the material is new to the node.
    pub material_name: Option<String>,
    pub qty: Quantity,
    /// Price per `qty.unit`.
    pub unit_cost: Millicents,
    pub location: String,
    pub provenance: Provenance,
}

/// Receives lots atomically: all of them or, on the first bad one, none.
/// What a stock command records, decided against stock alone.
pub fn decide(stock: &Stock, command: &StockCommand, now: Timestamp) -> Result<Vec<StockEvent>, Rejection> {
    match command {
        StockCommand::ReceiveLots { lots } => receive(stock, lots, now),
        StockCommand::ReserveStock { material, qty, purpose } => reserve(stock, material, *qty, purpose),
        StockCommand::ReleaseStock { purpose, material } => release(stock, purpose, material.as_deref()),
        StockCommand::ConsumeStock { material, qty, purpose } => {
            consume(stock, material, *qty, purpose.as_deref(), now)
        }
        StockCommand::AdjustLot { lot, delta, reason } => adjust(stock, *lot, *delta, reason, now),
    }
}

pub fn receive(stock: &Stock, receipts: &[LotReceipt], now: Timestamp) -> Result<Vec<StockEvent>, Rejection> {
    let mut events = Vec::new();
    let mut new_materials: BTreeMap<&str, Material> = BTreeMap::new();
    let mut next_lot = stock.next_lot_id();
    for (index, receipt) in receipts.iter().enumerate() {
        let field = |name: &str| format!("lots[{index}].{name}");
        if receipt.material.trim().is_empty() {
            return Err(Rejection::FieldRequired { field: field("material") });
        }
        if !receipt.qty.amount.is_positive() {
            return Err(Rejection::QuantityMustBePositive { field: field("qty"), qty: receipt.qty.amount });
        }
        if receipt.unit_cost.0 < 0 {
            return Err(Rejection::NegativeCost { field: field("unit_cost") });
        }
        let material = match stock.material(&receipt.material).or_else(|| new_materials.get(receipt.material.as_str()))
        {
            Some(material) => material.clone(),
            None => {
                let material = Material {
                    key: receipt.material.clone(),
                    name: receipt.material_name.clone().unwrap_or_else(|| receipt.material.clone()),
                    unit: receipt.qty.unit,
                };
                new_materials.insert(&receipt.material, material.clone());
                events.push(StockEvent::MaterialRegistered { material: material.clone() });
                material
            }
        };
        let incompatible = |_| Rejection::UnitMismatch {
            field: field("qty"),
            material: material.key.clone(),
            expected: material.unit,
            given: receipt.qty.unit,
        };
        let qty = receipt.qty.amount.convert(receipt.qty.unit, material.unit).map_err(incompatible)?;
        let unit_cost = receipt.unit_cost.per_unit(receipt.qty.unit, material.unit).map_err(incompatible)?;
        events.push(StockEvent::LotReceived {
            lot: next_lot,
            material: material.key.clone(),
            qty,
            unit_cost,
            location: receipt.location.clone(),
            provenance: receipt.provenance.clone(),
            at: now,
        });
        next_lot = LotId(next_lot.0 + 1);
    }
    if events.is_empty() {
        return Err(Rejection::FieldRequired { field: "lots".to_string() });
    }
    Ok(events)
}

/// Converts a requested quantity into the material's own unit.
fn in_material_unit(stock: &Stock, material: &str, qty: Quantity, field: &str) -> Result<Milli, Rejection> {
    let known =
        stock.material(material).ok_or_else(|| Rejection::UnknownMaterial { material: material.to_string() })?;
    if !qty.amount.is_positive() {
        return Err(Rejection::QuantityMustBePositive { field: field.to_string(), qty: qty.amount });
    }
    qty.amount.convert(qty.unit, known.unit).map_err(|_| Rejection::UnitMismatch {
        field: field.to_string(),
        material: material.to_string(),
        expected: known.unit,
        given: qty.unit,
    })
}

/// Holds `qty` of a material for `purpose` (a plan id, usually), drawing on the oldest lots first.
pub fn reserve(stock: &Stock, material: &str, qty: Quantity, purpose: &str) -> Result<Vec<StockEvent>, Rejection> {
    if purpose.trim().is_empty() {
        return Err(Rejection::FieldRequired { field: "purpose".to_string() });
    }
    let wanted = in_material_unit(stock, material, qty, "qty")?;
    let available = stock.available(material);
    if available < wanted {
        return Err(Rejection::InsufficientStock { material: material.to_string(), available, wanted });
    }
    let mut remaining = wanted;
    let mut events = Vec::new();
    for lot in stock.lots_of(material) {
        if remaining == Milli::ZERO {
            break;
        }
        let take = lot.available().min(remaining);
        if take > Milli::ZERO {
            events.push(StockEvent::StockReserved { lot: lot.id, qty: take, purpose: purpose.to_string() });
            remaining -= take;
        }
    }
    Ok(events)
}

/// Releases everything held for `purpose`; nothing held is fine here (it may all be consumed).
pub fn release_all(stock: &Stock, purpose: &str) -> Vec<StockEvent> {
    release(stock, purpose, None).unwrap_or_default()
}

/// Releases what is held for `purpose` (of one material, or of all when `material` is `None`).
pub fn release(stock: &Stock, purpose: &str, material: Option<&str>) -> Result<Vec<StockEvent>, Rejection> {
    let events: Vec<StockEvent> = stock
        .lots()
        .filter(|lot| material.is_none_or(|key| lot.material == key))
        .filter_map(|lot| {
            let held = lot.reserved_for(purpose);
            (held > Milli::ZERO).then(|| StockEvent::StockReleased {
                lot: lot.id,
                qty: held,
                purpose: purpose.to_string(),
            })
        })
        .collect();
    if events.is_empty() {
        return Err(Rejection::NothingReserved { purpose: purpose.to_string() });
    }
    Ok(events)
}

/// Consumes material, first from what is reserved for `purpose`, then from free stock, oldest lots
/// first. Every consumed quantity names its lot, so provenance is traceable.
pub fn consume(
    stock: &Stock,
    material: &str,
    qty: Quantity,
    purpose: Option<&str>,
    now: Timestamp,
) -> Result<Vec<StockEvent>, Rejection> {
    let wanted = in_material_unit(stock, material, qty, "qty")?;
    let reserved = purpose.map(|purpose| stock.reserved_for(material, purpose)).unwrap_or_default();
    let available = reserved + stock.available(material);
    if available < wanted {
        return Err(Rejection::InsufficientStock { material: material.to_string(), available, wanted });
    }
    let mut remaining = wanted;
    let mut events = Vec::new();
    if let Some(purpose) = purpose {
        for lot in stock.lots_of(material) {
            let take = lot.reserved_for(purpose).min(remaining);
            if take > Milli::ZERO {
                events.push(consumed(lot.id, material, take, Some(purpose), now));
                remaining -= take;
            }
        }
    }
    for lot in stock.lots_of(material) {
        if remaining == Milli::ZERO {
            break;
        }
        let take = lot.available().min(remaining);
        if take > Milli::ZERO {
            events.push(consumed(lot.id, material, take, None, now));
            remaining -= take;
        }
    }
    Ok(events)
}

fn consumed(lot: LotId, material: &str, qty: Milli, reserved_for: Option<&str>, at: Timestamp) -> StockEvent {
    StockEvent::StockConsumed {
        lot,
        material: material.to_string(),
        qty,
        reserved_for: reserved_for.map(str::to_string),
        at,
    }
}

/// Corrects a lot after a count, damage or loss. The reason is mandatory; the lot may not drop
/// below zero or below what is reserved from it.
pub fn adjust(
    stock: &Stock,
    lot_id: LotId,
    delta: Milli,
    reason: &str,
    now: Timestamp,
) -> Result<Vec<StockEvent>, Rejection> {
    if reason.trim().is_empty() {
        return Err(Rejection::FieldRequired { field: "reason".to_string() });
    }
    if delta == Milli::ZERO {
        return Err(Rejection::QuantityMustBeNonZero { field: "delta".to_string() });
    }
    let lot = stock.lot(lot_id).ok_or(Rejection::UnknownLot { lot: lot_id })?;
    let new_on_hand = lot.on_hand() + delta;
    if new_on_hand < lot.reserved_total() {
        return Err(Rejection::AdjustmentBelowReserved {
            lot: lot_id,
            on_hand: lot.on_hand(),
            reserved: lot.reserved_total(),
            delta,
        });
    }
    Ok(vec![StockEvent::LotAdjusted { lot: lot_id, delta, reason: reason.trim().to_string(), at: now }])
}
