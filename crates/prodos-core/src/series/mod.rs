//! Ledger-derived series per period, the raw material of the node's diagnostic gauge. Each
//! series reads several areas' records as they stood at the end of each period; nothing here
//! decides or changes anything, and `now` is a parameter like everywhere in the core.

pub mod improvement;
pub mod maintenance;

pub use improvement::{Effect, Window, effect};
pub use maintenance::{MaintenancePeriod, maintenance_periods};
