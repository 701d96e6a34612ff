//! Text formats: design TOML and CSV imports, parsed into domain values with `FILE:LINE` errors,
//! and design TOML export.
//!
//! Invariant: pure. Functions take a file name (for messages only) and the text; the shell reads
//! files. Nothing here knows about the ledger, the store or the network.

mod csv_import;
mod design_toml;
mod error;
mod source_map;
mod text;

pub use csv_import::{
    CatalogRow, ParticipantRow, StockRow, catalog_listings, parse_bom_csv, parse_catalog_csv, parse_participants_csv,
    parse_stock_csv, rejected_row,
};
pub use design_toml::{ParsedDesign, export_design, parse_design};
pub use error::{FormatError, FormatErrors};
pub use source_map::SourceMap;
pub use text::{MAX_INPUT_BYTES, decode_text};
