//! What people ask of labor matching. `by`/`handle` is the acting participant: the core checks
//! roles and the gate against it (authentication is the server's job).

use crate::ids::PlanId;
use crate::ids::TaskRef;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedCrew {
    pub task: TaskRef,
    pub people: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnfilledCrew {
    pub task: TaskRef,
    pub missing: u32,
    /// The matcher's explanation, e.g. "nobody is certified in `setup` at level 3".
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatchingCommand {
    /// Record the matcher's proposal for a committed plan (replacing any unconfirmed one).
    ProposeMatch { plan: PlanId, crews: Vec<ProposedCrew>, unfilled: Vec<UnfilledCrew>, by: String },
    /// A coordinator confirms the plan's pending proposal; every person is checked again.
    ConfirmMatch { plan: PlanId, by: String },
    /// A crew member accepts; or the person offered a swap takes it.
    Accept { task: TaskRef, handle: String },
    /// A crew member declines with a reason (or the person offered a swap refuses it).
    /// `replacement` is the matcher's pick among qualified, available people other than the
    /// decliner; `None` when it found nobody.
    Decline { task: TaskRef, handle: String, reason: String, replacement: Option<String> },
    /// A crew member offers their place to `to`; it happens when `to` accepts.
    Swap { task: TaskRef, from: String, to: String },
}
