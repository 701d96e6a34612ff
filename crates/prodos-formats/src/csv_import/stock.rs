//! Stock CSV: lots on hand as a node's inventory sheet lists them, one lot per row.
//!
//! `material,qty,unit,unit_cost,location,provenance[,source]`, where provenance is `own`, `node`
//! or `supplier` and `source` names the node or supplier (required for those two, empty for own).

use super::table::{Columns, Row, read_rows};
use crate::error::FormatErrors;
use prodos_core::stock::{LotReceipt, Provenance};
use prodos_core::{Milli, Millicents, Quantity, Unit};

/// One lot as the file states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockRow {
    /// 1-based line in the file, for messages about the row later (e.g. a rejected receipt).
    pub line: usize,
    pub material: String,
    pub qty: Milli,
    pub unit: Unit,
    /// Cost per one `unit`.
    pub unit_cost: Millicents,
    pub location: String,
    pub provenance: Provenance,
}

impl StockRow {
    /// The receipt command line this row stands for.
    pub fn to_receipt(&self) -> LotReceipt {
        LotReceipt {
            material: self.material.clone(),
            material_name: None,
            qty: Quantity { amount: self.qty, unit: self.unit },
            unit_cost: self.unit_cost,
            location: self.location.clone(),
            provenance: self.provenance.clone(),
        }
    }
}

const COLUMNS: Columns =
    Columns { required: &["material", "qty", "unit", "unit_cost", "location", "provenance"], optional: &["source"] };

/// Reads a stock CSV; fails with every malformed row, each named by line (and column).
pub fn parse_stock_csv(file: &str, text: &str) -> Result<Vec<StockRow>, FormatErrors> {
    let mut rows = Vec::new();
    read_rows(file, text, &COLUMNS, |row| {
        let (Some(material), Some(qty), Some(unit), Some(unit_cost), Some(location), Some(provenance)) = (
            row.text("material"),
            row.positive_qty("qty"),
            row.unit("unit"),
            row.money("unit_cost"),
            row.text("location"),
            provenance(row),
        ) else {
            return;
        };
        rows.push(StockRow { line: row.line(), material, qty, unit, unit_cost, location, provenance });
    })?;
    Ok(rows)
}

fn provenance(row: &Row<'_>) -> Option<Provenance> {
    let kind = row.text("provenance")?;
    let source = row.optional_text("source").to_string();
    match (kind.to_ascii_lowercase().as_str(), source.is_empty()) {
        ("own", true) => Some(Provenance::Own),
        ("own", false) => {
            row.cell_error("source", format!("an own lot has no source, got `{source}`"));
            None
        }
        ("node" | "supplier", true) => {
            row.cell_error("source", format!("a `{kind}` lot must name its {kind} here"));
            None
        }
        ("node", false) => Some(Provenance::Node(source)),
        ("supplier", false) => Some(Provenance::Supplier(source)),
        _ => {
            row.cell_error("provenance", format!("`{kind}` is not one of own, node, supplier"));
            None
        }
    }
}
