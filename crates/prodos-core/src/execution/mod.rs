//! Execution: a committed plan's operation instances become tasks that move ready → in progress
//! → done → verified (or rejected back to in progress), and may be blocked with a reason.
//! Starting consumes the operation's materials from the plan's reservations (naming each lot and
//! its provenance); once a crew is confirmed (see `matching`), only its members start and
//! complete the task; verification by someone outside the crew records a labor event for each
//! member, with the actual hours given on completion or else the planned duration.

pub mod command;
pub mod event;
pub mod model;

pub use crate::ids::TaskRef;
pub use command::ExecutionCommand;
pub use event::ExecutionEvent;
pub use model::{Consumption, Execution, TaskRecord, TaskStatus};
