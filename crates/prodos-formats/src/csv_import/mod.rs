//! CSV imports: a flat BOM, stock on hand and supplier catalogs, every bad row named by line.

mod bom;
mod catalog;
mod stock;
mod table;

pub use bom::parse_bom_csv;
pub use catalog::{CatalogRow, catalog_listings, parse_catalog_csv};
pub use stock::{StockRow, parse_stock_csv};
