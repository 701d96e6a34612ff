//! Execution: a committed plan's operation instances become tasks that move ready → in progress
//! → done → verified (or rejected back to in progress), and may be blocked with a reason.
//! Starting consumes the operation's materials from the plan's reservations (naming each lot and
//! its provenance); verification by someone other than the worker records the labor event.

pub mod decide;
pub mod event;
pub mod invariants;
pub mod model;

pub use decide::ExecutionCommand;
pub use event::ExecutionEvent;
pub use model::{Consumption, Execution, TaskRecord, TaskRef, TaskStatus};
