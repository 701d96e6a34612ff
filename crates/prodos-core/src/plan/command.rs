//! What may be asked of planning: mandates, capacity and rates, and recording, committing or cancelling plans.

use crate::ids::{DecisionId, DesignSelector, MandateId, PlanId};
use crate::plan::{Day, PlanProposal, WorkWeek};
use crate::units::Millicents;
use serde::{Deserialize, Serialize};

// A value is built once and moved a few times; boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PlanCommand {
    /// Build `qty` units of a certified design by `due` (latest certified version unless named).
    CreateMandate {
        design: DesignSelector,
        qty: i64,
        due: Day,
        decision: Option<DecisionId>,
        priority: i32,
    },
    DeclareToolCount {
        tool: String,
        count: i64,
    },
    DeclareSkillHeadcount {
        skill: String,
        level: i64,
        headcount: i64,
    },
    SetWorkWeek {
        week: WorkWeek,
    },
    CloseDay {
        day: Day,
        reason: String,
    },
    SetLaborRate {
        skill: String,
        level: i64,
        rate_per_hour: Millicents,
    },
    SetToolRate {
        tool: String,
        rate_per_hour: Millicents,
    },
    /// Record a proposal computed by the planner from a recent snapshot of the state.
    RecordPlanProposal {
        mandate: MandateId,
        proposal: PlanProposal,
    },
    CommitPlan {
        plan: PlanId,
    },
    CancelPlan {
        plan: PlanId,
    },
}
