//! The node's state: a fold of every event in the ledger, in order. `apply` is total over events
//! that `decide` produced against the state before them; replaying the ledger rebuilds the same
//! state every time.

use crate::design::Designs;
use crate::event::Event;
use crate::stock::{Lot, Stock};
use crate::supplier::Suppliers;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub designs: Designs,
    pub stock: Stock,
    pub suppliers: Suppliers,
}

impl State {
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::DesignDrafted { design, spec, at } => self.designs.apply_drafted(*design, spec, *at),
            Event::DesignDraftRevised { design, spec, at } => self.designs.apply_revised(*design, spec, *at),
            Event::DesignCertified { design, at } => {
                self.designs.apply_status(*design, crate::design::DesignStatus::Certified, *at)
            }
            Event::DesignRetired { design, at } => {
                self.designs.apply_status(*design, crate::design::DesignStatus::Retired, *at)
            }
            Event::MaterialRegistered { material } => self.stock.register_material(material.clone()),
            Event::LotReceived { lot, material, qty, unit_cost, location, provenance, at } => {
                self.stock.insert_lot(Lot::new(
                    *lot,
                    material.clone(),
                    *qty,
                    *unit_cost,
                    location.clone(),
                    provenance.clone(),
                    *at,
                ));
            }
            Event::StockReserved { lot, qty, purpose } => {
                if let Some(lot) = self.stock.lot_mut(*lot) {
                    lot.reserve(purpose, *qty);
                }
            }
            Event::StockReleased { lot, qty, purpose } => {
                if let Some(lot) = self.stock.lot_mut(*lot) {
                    lot.release(purpose, *qty);
                }
            }
            Event::StockConsumed { lot, qty, reserved_for, .. } => {
                if let Some(lot) = self.stock.lot_mut(*lot) {
                    lot.consume(*qty, reserved_for.as_deref());
                }
            }
            Event::LotAdjusted { lot, delta, .. } => {
                if let Some(lot) = self.stock.lot_mut(*lot) {
                    lot.adjust(*delta);
                }
            }
            Event::SupplierRegistered { supplier, key, name } => self.suppliers.apply_registered(*supplier, key, name),
            Event::CatalogItemListed { supplier, item } => self.suppliers.apply_listed(*supplier, item),
        }
    }

    /// Checks the invariants that must hold after any sequence of decided events. Integration
    /// tests call it at their end; a failure is a bug in `decide` or `apply`, not bad input.
    pub fn verify(&self) -> Result<(), String> {
        for lot in self.stock.lots() {
            if lot.on_hand() < crate::units::Milli::ZERO {
                return Err(format!("{} has negative stock {}", lot.id, lot.on_hand()));
            }
            if lot.reserved_total() > lot.on_hand() {
                return Err(format!("{} reserves {} of {} on hand", lot.id, lot.reserved_total(), lot.on_hand()));
            }
            if self.stock.material(&lot.material).is_none() {
                return Err(format!("{} is of unregistered material `{}`", lot.id, lot.material));
            }
        }
        for record in self.designs.iter() {
            for (index, version) in record.versions().iter().enumerate() {
                if version.version as usize != index + 1 {
                    return Err(format!("{} has version {} at position {}", record.id, version.version, index + 1));
                }
                let is_last = index + 1 == record.versions().len();
                if version.status == crate::design::DesignStatus::Draft && !is_last {
                    return Err(format!("{}@v{} is a draft but not the latest version", record.id, version.version));
                }
            }
        }
        Ok(())
    }
}
