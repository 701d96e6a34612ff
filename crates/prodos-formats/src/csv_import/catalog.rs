//! Supplier catalog CSV: what suppliers sell, as a price list export has it, one offer per row.
//!
//! `supplier,supplier_name,material,price,unit,lead_time_days,min_order_qty,available`, where
//! `price` is per one `unit`, `min_order_qty` is in `unit`, and `available` is yes/no.

use super::table::{Columns, read_rows};
use crate::error::FormatErrors;
use prodos_core::supplier::{CatalogItem, SupplierListing};
use prodos_core::{Milli, Millicents, Unit};
use std::collections::HashMap;

/// One catalog line as the file states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogRow {
    /// 1-based line in the file.
    pub line: usize,
    /// The supplier's key, shared with design `suppliers` hints and stock `source` cells.
    pub supplier: String,
    pub supplier_name: String,
    pub material: String,
    /// Price per one `unit`.
    pub price: Millicents,
    pub unit: Unit,
    pub lead_time_days: u32,
    pub min_order_qty: Milli,
    pub available: bool,
}

const COLUMNS: Columns = Columns {
    required: &[
        "supplier",
        "supplier_name",
        "material",
        "price",
        "unit",
        "lead_time_days",
        "min_order_qty",
        "available",
    ],
    optional: &[],
};

/// Reads a catalog CSV; fails with every malformed row, each named by line and column. A supplier
/// whose rows disagree on its name, or a material listed twice by one supplier, is an error at
/// the later row.
pub fn parse_catalog_csv(file: &str, text: &str) -> Result<Vec<CatalogRow>, FormatErrors> {
    let mut rows: Vec<CatalogRow> = Vec::new();
    let mut name_of: HashMap<String, (String, usize)> = HashMap::new();
    let mut offer_line: HashMap<(String, String), usize> = HashMap::new();
    read_rows(file, text, &COLUMNS, |row| {
        // Checked before the other cells so a row with a bad price still fixes the name.
        let (supplier_key, supplier_label) = (row.optional_text("supplier"), row.optional_text("supplier_name"));
        if !supplier_key.is_empty() && !supplier_label.is_empty() {
            let (known_name, first_line) =
                name_of.entry(supplier_key.to_string()).or_insert((supplier_label.to_string(), row.line()));
            if known_name != supplier_label {
                row.cell_error(
                    "supplier_name",
                    format!("supplier `{supplier_key}` is called `{known_name}` on line {first_line}, here `{supplier_label}`"),
                );
                return;
            }
        }
        let (
            Some(supplier),
            Some(supplier_name),
            Some(material),
            Some(price),
            Some(unit),
            Some(lead_time_days),
            Some(min_order_qty),
            Some(available),
        ) = (
            row.text("supplier"),
            row.text("supplier_name"),
            row.text("material"),
            row.money("price"),
            row.unit("unit"),
            row.whole_number("lead_time_days"),
            row.qty("min_order_qty"),
            row.yes_no("available"),
        )
        else {
            return;
        };
        if let Some(first_line) = offer_line.insert((supplier.clone(), material.clone()), row.line()) {
            row.row_error(format!("supplier `{supplier}` already lists `{material}` on line {first_line}"));
            return;
        }
        rows.push(CatalogRow {
            line: row.line(),
            supplier,
            supplier_name,
            material,
            price,
            unit,
            lead_time_days,
            min_order_qty,
            available,
        });
    })?;
    Ok(rows)
}

/// Groups rows by supplier (in order of first appearance) into the core's import listings.
pub fn catalog_listings(rows: &[CatalogRow]) -> Vec<SupplierListing> {
    let mut listings: Vec<SupplierListing> = Vec::new();
    for row in rows {
        let item = CatalogItem {
            material: row.material.clone(),
            price: row.price,
            unit: row.unit,
            lead_time_days: row.lead_time_days,
            min_order_qty: row.min_order_qty,
            available: row.available,
        };
        match listings.iter_mut().find(|listing| listing.key == row.supplier) {
            Some(listing) => listing.items.push(item),
            None => listings.push(SupplierListing {
                key: row.supplier.clone(),
                name: row.supplier_name.clone(),
                items: vec![item],
            }),
        }
    }
    listings
}
