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
