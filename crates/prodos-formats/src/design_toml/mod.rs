//! The design TOML format: one design per file, written by people and by `export_design`.

mod export;
mod parse;
mod raw;

pub use export::export_design;
pub use parse::{ParsedDesign, parse_design};
pub(crate) use parse::{basis_points_from_percent, milli_from_decimal};
