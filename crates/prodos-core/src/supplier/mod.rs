//! Suppliers and their catalogs: what can be bought, at what price, how fast, in what lot sizes.

pub mod command;
pub mod event;

pub use command::SupplierCommand;
pub use event::SupplierEvent;

use crate::ids::SupplierId;
use crate::rejection::Rejection;
use crate::units::{Milli, Millicents, Unit};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One catalog line of a supplier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogItem {
    pub material: String,
    /// Price per `unit`.
    pub price: Millicents,
    pub unit: Unit,
    /// Calendar days from ordering to delivery (deliveries come on weekends and closed days too).
    pub lead_time_days: u32,
    /// Smallest order, in `unit`.
    pub min_order_qty: Milli,
    pub available: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Supplier {
    pub id: SupplierId,
    pub key: String,
    pub name: String,
    pub catalog: BTreeMap<String, CatalogItem>,
}

/// A supplier and its catalog as an import file states them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierListing {
    pub key: String,
    pub name: String,
    pub items: Vec<CatalogItem>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suppliers {
    by_id: BTreeMap<SupplierId, Supplier>,
    id_by_key: HashMap<String, SupplierId>,
}

impl Suppliers {
    pub fn apply(&mut self, event: &SupplierEvent) {
        match event {
            SupplierEvent::SupplierRegistered { supplier, key, name } => self.apply_registered(*supplier, key, name),
            SupplierEvent::CatalogItemListed { supplier, item } => self.apply_listed(*supplier, item),
        }
    }

    pub fn get(&self, id: SupplierId) -> Option<&Supplier> {
        self.by_id.get(&id)
    }
    pub fn by_key(&self, key: &str) -> Option<&Supplier> {
        self.id_by_key.get(key).and_then(|id| self.by_id.get(id))
    }
    pub fn iter(&self) -> impl Iterator<Item = &Supplier> {
        self.by_id.values()
    }
    /// Every available catalog line for a material, across suppliers.
    pub fn offers<'a>(&'a self, material: &'a str) -> impl Iterator<Item = (&'a Supplier, &'a CatalogItem)> + 'a {
        self.by_id
            .values()
            .filter_map(move |supplier| supplier.catalog.get(material).map(|item| (supplier, item)))
            .filter(|(_, item)| item.available)
    }
    pub(crate) fn apply_registered(&mut self, id: SupplierId, key: &str, name: &str) {
        self.id_by_key.insert(key.to_string(), id);
        self.by_id.insert(id, Supplier { id, key: key.to_string(), name: name.to_string(), catalog: BTreeMap::new() });
    }
    pub(crate) fn apply_listed(&mut self, id: SupplierId, item: &CatalogItem) {
        if let Some(supplier) = self.by_id.get_mut(&id) {
            supplier.catalog.insert(item.material.clone(), item.clone());
        }
    }
}

/// Registers new suppliers and records catalog lines that are new or changed; unchanged lines
/// decide nothing, so re-importing the same file is a no-op.
/// What a supplier command records, decided against the suppliers alone.
pub fn decide(suppliers: &Suppliers, command: &SupplierCommand) -> Result<Vec<SupplierEvent>, Rejection> {
    match command {
        SupplierCommand::ImportSuppliers { suppliers: listings } => import(suppliers, listings),
    }
}

pub fn import(suppliers: &Suppliers, listings: &[SupplierListing]) -> Result<Vec<SupplierEvent>, Rejection> {
    let mut events = Vec::new();
    let mut next_id = SupplierId(suppliers.by_id.len() as u32 + 1);
    let mut new_ids: HashMap<&str, SupplierId> = HashMap::new();
    for (index, listing) in listings.iter().enumerate() {
        if listing.key.trim().is_empty() {
            return Err(Rejection::FieldRequired { field: format!("suppliers[{index}].key") });
        }
        let existing = suppliers.by_key(&listing.key);
        let id = match (existing, new_ids.get(listing.key.as_str())) {
            (Some(supplier), _) => supplier.id,
            (None, Some(id)) => *id,
            (None, None) => {
                let id = next_id;
                next_id = SupplierId(id.0 + 1);
                new_ids.insert(&listing.key, id);
                events.push(SupplierEvent::SupplierRegistered {
                    supplier: id,
                    key: listing.key.clone(),
                    name: listing.name.clone(),
                });
                id
            }
        };
        for (item_index, item) in listing.items.iter().enumerate() {
            let field = |name: &str| format!("suppliers[{index}].items[{item_index}].{name}");
            if item.material.trim().is_empty() {
                return Err(Rejection::FieldRequired { field: field("material") });
            }
            if item.price.0 < 0 {
                return Err(Rejection::NegativeCost { field: field("price") });
            }
            if item.min_order_qty.0 < 0 {
                return Err(Rejection::QuantityMustBePositive {
                    field: field("min_order_qty"),
                    qty: item.min_order_qty,
                });
            }
            let unchanged = existing.and_then(|supplier| supplier.catalog.get(&item.material)) == Some(item);
            if !unchanged {
                events.push(SupplierEvent::CatalogItemListed { supplier: id, item: item.clone() });
            }
        }
    }
    Ok(events)
}
