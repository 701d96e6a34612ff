//! Transitions that span areas. An area decides only its own events; where one area's fact
//! obliges another's (a committed plan holds stock), the step lives here and emits each area's
//! events explicitly, in the order the ledger records them.

pub mod plan_stock;
pub mod task_verification;
