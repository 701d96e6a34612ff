//! Stock and supplier views.

use prodos_core::State;
use prodos_core::stock::{Lot, Material};
use prodos_core::supplier::Supplier;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaterialView {
    pub material: String,
    pub name: String,
    pub unit: String,
    pub on_hand: String,
    pub reserved: String,
    pub available: String,
    pub lots: usize,
}

impl MaterialView {
    pub fn of(state: &State, material: &Material) -> MaterialView {
        let on_hand = state.stock.on_hand(&material.key);
        let available = state.stock.available(&material.key);
        MaterialView {
            material: material.key.clone(),
            name: material.name.clone(),
            unit: material.unit.to_string(),
            on_hand: on_hand.to_string(),
            reserved: (on_hand - available).to_string(),
            available: available.to_string(),
            lots: state.stock.lots_of(&material.key).count(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LotView {
    pub lot: String,
    pub material: String,
    pub unit: String,
    pub received: String,
    pub on_hand: String,
    pub reserved: String,
    pub unit_cost: String,
    pub location: String,
    pub provenance: String,
    /// Why the lot cannot be used now: awaiting its incoming inspection, or quarantined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hold: Option<String>,
}

impl LotView {
    pub fn of(state: &State, lot: &Lot) -> LotView {
        let unit = state.stock.material(&lot.material).map(|material| material.unit.to_string()).unwrap_or_default();
        LotView {
            lot: lot.id.to_string(),
            material: lot.material.clone(),
            unit,
            received: lot.received.to_string(),
            on_hand: lot.on_hand().to_string(),
            reserved: lot.reserved_total().to_string(),
            unit_cost: lot.unit_cost.to_string(),
            location: lot.location.clone(),
            provenance: lot.provenance.to_string(),
            hold: lot.hold().map(|(hold, reason)| format!("{}: {reason}", hold.as_str())),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogItemView {
    pub material: String,
    pub price: String,
    pub unit: String,
    pub lead_time_days: u32,
    pub min_order_qty: String,
    pub available: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierView {
    pub id: String,
    pub key: String,
    pub name: String,
    pub items: Vec<CatalogItemView>,
}

impl SupplierView {
    pub fn of(supplier: &Supplier) -> SupplierView {
        SupplierView {
            id: supplier.id.to_string(),
            key: supplier.key.clone(),
            name: supplier.name.clone(),
            items: supplier
                .catalog
                .values()
                .map(|item| CatalogItemView {
                    material: item.material.clone(),
                    price: item.price.to_string(),
                    unit: item.unit.to_string(),
                    lead_time_days: item.lead_time_days,
                    min_order_qty: item.min_order_qty.to_string(),
                    available: item.available,
                })
                .collect(),
        }
    }
}
