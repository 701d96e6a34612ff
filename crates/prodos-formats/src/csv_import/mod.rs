//! CSV imports: a flat BOM, stock on hand, supplier catalogs and participants, every bad row
//! named by line.

mod bom;
mod catalog;
mod participants;
mod stock;
mod table;

pub use bom::parse_bom_csv;
pub use catalog::{CatalogRow, catalog_listings, parse_catalog_csv};
pub use participants::{ParticipantRow, parse_participants_csv};
pub use stock::{StockRow, parse_stock_csv};

use crate::FormatError;
use prodos_core::Rejection;

/// The core names a bad row by its place in the command (`lots[2].qty`); the file knows it by its
/// line. A rejection of entry `i` of `list` becomes `file`'s error at `lines[i]`, saying what the
/// core said; `None` when the rejection is not about one entry of `list`.
pub fn rejected_row(rejection: &Rejection, file: &str, list: &str, lines: &[usize]) -> Option<FormatError> {
    let line = *lines.get(rejection.row_of(list)?)?;
    Some(FormatError::Row { file: file.to_string(), line, message: rejection.to_string() })
}
