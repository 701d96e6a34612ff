//! What may be asked of a task: start, complete (with actual hours), verify, reject, block and
//! unblock. Who is asking is part of the command; the policy and `orchestration::task_work` check it.

use crate::ids::TaskRef;
use crate::units::Milli;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ExecutionCommand {
    /// `with`: the rest of the crew when no crew was confirmed through matching; an operation
    /// that needs a crew of n starts only with n qualified people, each then credited for it.
    Start {
        task: TaskRef,
        worker: String,
        #[serde(default)]
        with: Vec<String>,
    },
    /// `hours`: actual hours each crew member worked; `None` means the planned duration.
    Complete {
        task: TaskRef,
        by: String,
        hours: Option<Milli>,
    },
    Verify {
        task: TaskRef,
        by: String,
    },
    Reject {
        task: TaskRef,
        by: String,
        reason: String,
    },
    Block {
        task: TaskRef,
        by: String,
        reason: String,
    },
    Unblock {
        task: TaskRef,
        by: String,
    },
}
