//! Stock: materials, lots with provenance, reservations and consumption.

pub mod command;
pub mod decide;
pub mod event;
pub mod model;

pub use crate::provenance::Provenance;
pub use command::StockCommand;
pub use decide::LotReceipt;
pub use event::StockEvent;
pub use model::{Hold, Lot, Material, Stock};
