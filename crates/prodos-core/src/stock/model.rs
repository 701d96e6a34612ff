//! Materials and lots on hand: what the node holds, where it came from and what is promised.

use super::StockEvent;
use crate::ids::LotId;
use crate::provenance::Provenance;
use crate::time::Timestamp;
use crate::units::{Milli, Millicents, Unit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A kind of material, counted in one unit everywhere in stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub key: String,
    pub name: String,
    pub unit: Unit,
}

/// Why a lot is not available: it waits for its incoming inspection, or it failed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hold {
    AwaitingInspection,
    Quarantined,
}

impl Hold {
    pub fn as_str(self) -> &'static str {
        match self {
            Hold::AwaitingInspection => "awaiting inspection",
            Hold::Quarantined => "quarantined",
        }
    }
}

/// One receipt of a material, tracked until it is used up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lot {
    pub id: LotId,
    pub material: String,
    pub received: Milli,
    /// Cost per material unit.
    pub unit_cost: Millicents,
    pub location: String,
    pub provenance: Provenance,
    pub received_at: Timestamp,
    // Invariant: 0 <= sum(reserved) <= on_hand.
    on_hand: Milli,
    reserved: BTreeMap<String, Milli>,
    hold: Option<(Hold, String)>,
}

impl Lot {
    pub(crate) fn new(
        id: LotId,
        material: String,
        qty: Milli,
        unit_cost: Millicents,
        location: String,
        provenance: Provenance,
        received_at: Timestamp,
    ) -> Lot {
        Lot {
            id,
            material,
            received: qty,
            unit_cost,
            location,
            provenance,
            received_at,
            on_hand: qty,
            reserved: BTreeMap::new(),
            hold: None,
        }
    }
    pub fn on_hand(&self) -> Milli {
        self.on_hand
    }
    pub fn reserved_total(&self) -> Milli {
        self.reserved.values().copied().sum()
    }
    /// What may still be reserved or consumed freely: nothing while the lot is held.
    pub fn available(&self) -> Milli {
        if self.hold.is_some() { Milli::ZERO } else { self.on_hand - self.reserved_total() }
    }
    /// Why the lot is held, and the reason recorded with the hold.
    pub fn hold(&self) -> Option<(Hold, &str)> {
        self.hold.as_ref().map(|(hold, reason)| (*hold, reason.as_str()))
    }
    pub fn reserved_for(&self, purpose: &str) -> Milli {
        self.reserved.get(purpose).copied().unwrap_or_default()
    }
    pub fn reservations(&self) -> impl Iterator<Item = (&str, Milli)> {
        self.reserved.iter().map(|(purpose, qty)| (purpose.as_str(), *qty))
    }

    pub(crate) fn reserve(&mut self, purpose: &str, qty: Milli) {
        *self.reserved.entry(purpose.to_string()).or_default() += qty;
    }
    pub(crate) fn release(&mut self, purpose: &str, qty: Milli) {
        if let Some(held) = self.reserved.get_mut(purpose) {
            *held -= qty;
            if *held <= Milli::ZERO {
                self.reserved.remove(purpose);
            }
        }
    }
    pub(crate) fn consume(&mut self, qty: Milli, reserved_for: Option<&str>) {
        if let Some(purpose) = reserved_for {
            self.release(purpose, qty);
        }
        self.on_hand -= qty;
    }
    pub(crate) fn adjust(&mut self, delta: Milli) {
        self.on_hand += delta;
    }
}

/// All materials and lots of the node.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stock {
    materials: BTreeMap<String, Material>,
    lots: BTreeMap<LotId, Lot>,
}

impl Stock {
    /// Folds one stock event in. Decisions apply their own events to a scratch copy with it, so
    /// that a later line of the same decision sees an earlier one.
    pub fn apply(&mut self, event: &StockEvent) {
        match event {
            StockEvent::MaterialRegistered { material } => self.register_material(material.clone()),
            StockEvent::LotReceived { lot, material, qty, unit_cost, location, provenance, at } => {
                self.insert_lot(Lot::new(
                    *lot,
                    material.clone(),
                    *qty,
                    *unit_cost,
                    location.clone(),
                    provenance.clone(),
                    *at,
                ));
            }
            StockEvent::StockReserved { lot, qty, purpose } => {
                if let Some(lot) = self.lot_mut(*lot) {
                    lot.reserve(purpose, *qty);
                }
            }
            StockEvent::StockReleased { lot, qty, purpose } => {
                if let Some(lot) = self.lot_mut(*lot) {
                    lot.release(purpose, *qty);
                }
            }
            StockEvent::StockConsumed { lot, qty, reserved_for, .. } => {
                if let Some(lot) = self.lot_mut(*lot) {
                    lot.consume(*qty, reserved_for.as_deref());
                }
            }
            StockEvent::LotAdjusted { lot, delta, .. } => {
                if let Some(lot) = self.lot_mut(*lot) {
                    lot.adjust(*delta);
                }
            }
            StockEvent::LotHeld { lot, hold, reason, .. } => {
                if let Some(lot) = self.lot_mut(*lot) {
                    lot.hold = Some((*hold, reason.clone()));
                }
            }
            StockEvent::LotHoldLifted { lot, .. } => {
                if let Some(lot) = self.lot_mut(*lot) {
                    lot.hold = None;
                }
            }
        }
    }

    pub fn material(&self, key: &str) -> Option<&Material> {
        self.materials.get(key)
    }
    pub fn materials(&self) -> impl Iterator<Item = &Material> {
        self.materials.values()
    }
    pub fn lot(&self, id: LotId) -> Option<&Lot> {
        self.lots.get(&id)
    }
    pub fn lots(&self) -> impl Iterator<Item = &Lot> {
        self.lots.values()
    }
    /// Lots of one material, oldest first (the order reservations and consumption draw from).
    pub fn lots_of<'a>(&'a self, material: &'a str) -> impl Iterator<Item = &'a Lot> + 'a {
        self.lots.values().filter(move |lot| lot.material == material)
    }
    pub fn on_hand(&self, material: &str) -> Milli {
        self.lots_of(material).map(Lot::on_hand).sum()
    }
    pub fn available(&self, material: &str) -> Milli {
        self.lots_of(material).map(Lot::available).sum()
    }
    pub fn reserved_for(&self, material: &str, purpose: &str) -> Milli {
        self.lots_of(material).map(|lot| lot.reserved_for(purpose)).sum()
    }
    pub fn next_lot_id(&self) -> LotId {
        LotId(self.lots.len() as u32 + 1)
    }

    pub(crate) fn register_material(&mut self, material: Material) {
        self.materials.insert(material.key.clone(), material);
    }
    pub(crate) fn insert_lot(&mut self, lot: Lot) {
        self.lots.insert(lot.id, lot);
    }
    pub(crate) fn lot_mut(&mut self, id: LotId) -> Option<&mut Lot> {
        self.lots.get_mut(&id)
    }
}
