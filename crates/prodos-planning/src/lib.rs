//! prodos-planning: from a mandate to a plan proposal with its verdict, and the real-time cost of a
//! design or a plan. Pure: it reads a `State` snapshot and returns values; `now`, seeds and the
//! search's stop callback are parameters. No IO, no clock (timing lives in the shells).
//!
//! Code map: `explode` (BOM × quantity with scrap) → `net` (against stock, via `stock_view`) →
//! `progress` (what a mandate under way has done) → `procure` (offers for shortages) → `sharing` (committed plans' load) and `staffing` (people
//! from certifications and availability) → `model` (operations ×
//! units onto prodos-sched, committed load as reservations) →
//! `schedule` (search, slack, critical chain) → `calendar_time` (unattended steps and lags
//! re-timed on real time) → `verdict` → `propose` (all of it). `cost` prices
//! a design or a plan from current state.

pub mod calendar_time;
pub mod cost;
pub mod explode;
pub mod model;
pub mod net;
pub mod procure;
pub mod progress;
pub mod propose;
pub mod schedule;
pub mod sharing;
pub mod staffing;
pub mod stock_view;
pub mod verdict;

pub use cost::{CostBreakdown, design_cost};
pub use explode::{Explosion, explode};
pub use propose::propose;
pub use schedule::SearchBudget;

/// `numerator / denominator` rounded up, for a positive denominator (`i64::div_ceil` is unstable).
pub(crate) fn ceil_div(numerator: i64, denominator: i64) -> i64 {
    numerator.div_euclid(denominator) + i64::from(numerator.rem_euclid(denominator) != 0)
}
