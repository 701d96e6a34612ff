//! Suppliers as recorded: registered once by key, their catalog lines listed as they change.
//! Each variant's name is its ledger kind, and the name a version-1 ledger tagged its payload with.

use crate::ids::SupplierId;
use crate::supplier::CatalogItem;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SupplierEvent {
    SupplierRegistered { supplier: SupplierId, key: String, name: String },
    CatalogItemListed { supplier: SupplierId, item: CatalogItem },
}

impl SupplierEvent {
    /// Every kind this area stores, for readers that route by kind (the codec's version 1).
    pub const KINDS: [&'static str; 2] = ["SupplierRegistered", "CatalogItemListed"];

    pub fn kind(&self) -> &'static str {
        match self {
            SupplierEvent::SupplierRegistered { .. } => "SupplierRegistered",
            SupplierEvent::CatalogItemListed { .. } => "CatalogItemListed",
        }
    }
}
