//! Distribution: finished units become goods with serial numbers; entitlements say who may
//! receive goods of which design (granted by a coordinator, or earned through the contribution
//! gate, optionally costing credits); a release checks entitlement and balance and happens once.

pub mod command;
pub mod event;
pub mod model;

pub use command::DistributionCommand;
pub use event::DistributionEvent;
pub use model::{Distribution, Entitlement, EntitlementOrigin, Good, Release};
