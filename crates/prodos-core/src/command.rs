//! What a person or a script asks prodos to do. A command is decided against the current state
//! into events (or a rejection); it carries everything `decide` needs except the time.

use crate::design::DesignSpec;
use crate::ids::{DecisionId, DesignSelector, LotId, MandateId, PlanId};
use crate::plan::{Day, PlanProposal, WorkWeek};
use crate::stock::LotReceipt;
use crate::supplier::SupplierListing;
use crate::units::{Milli, Millicents, Quantity};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Command {
    /// Import a design text: a new design, a revised draft, or a new version of a certified one.
    ImportDesign {
        spec: DesignSpec,
        declared: Option<DesignSelector>,
    },
    CertifyDesign {
        design: DesignSelector,
    },
    RetireDesign {
        design: DesignSelector,
    },

    ReceiveLots {
        lots: Vec<LotReceipt>,
    },
    ReserveStock {
        material: String,
        qty: Quantity,
        purpose: String,
    },
    ReleaseStock {
        purpose: String,
        material: Option<String>,
    },
    ConsumeStock {
        material: String,
        qty: Quantity,
        purpose: Option<String>,
    },
    AdjustLot {
        lot: LotId,
        delta: Milli,
        reason: String,
    },

    ImportSuppliers {
        suppliers: Vec<SupplierListing>,
    },

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

    // People and work (issue 4).
    People(crate::people::PeopleCommand),
    Credits(crate::credits::CreditsCommand),
    Distribution(crate::distribution::DistributionCommand),
    Execution(crate::execution::ExecutionCommand),
    Assignment(crate::assignment::AssignmentCommand),
    Access(crate::access::AccessCommand),
}
