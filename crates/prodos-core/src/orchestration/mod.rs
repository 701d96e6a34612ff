//! Transitions that span areas. An area owns its state, events and apply and imports no sibling;
//! where a command needs another area's facts (a start needs the plan, the design, the worker's
//! qualification and credits gate) or one area's fact obliges another's (a committed plan holds
//! stock), the decision lives here and emits each area's events explicitly, in ledger order.

pub mod asset_capacity;
pub mod asset_usage;
pub mod crew;
pub mod crew_availability;
pub mod field_report;
pub mod goods_release;
pub mod improvement;
pub mod inspection;
pub mod labor_credits;
pub mod lot_inspection;
pub mod maintenance;
pub mod nonconformance;
pub mod plan_progress;
pub mod plan_stock;
pub mod quality;
pub mod review;
pub mod safety;
pub mod task_labor;
pub mod task_slots;
pub mod task_verification;
pub mod task_work;
