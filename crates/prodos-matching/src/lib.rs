//! prodos-matching: who does each operation instance of a plan. Pure and deterministic: no IO,
//! no clock, no unseeded randomness. It knows nothing of prodos's ledger or designs; the node
//! translates a committed plan and the people into a [`Problem`] and the result into a command.
//!
//! Method: instances are taken in start order and grouped by start instant; each group's crew
//! slots × eligible people form a cost matrix solved by the Hungarian algorithm
//! (`pathfinding::kuhn_munkres`), split into independent components first. See `solve.rs`.

mod cost;
mod eligibility;
mod model;
mod solve;

pub use cost::CostWeights;
pub use eligibility::{Ineligible, weekday};
pub use model::{Busy, Cert, Instance, Outcome, Person, Problem, Unfilled, UnfilledReason};
pub use solve::solve;
