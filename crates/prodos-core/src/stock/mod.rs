//! Stock: materials, lots with provenance, reservations and consumption.

pub mod decide;
pub mod model;

pub use decide::LotReceipt;
pub use model::{Lot, Material, Provenance, Stock};
