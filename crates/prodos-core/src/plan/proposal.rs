//! What a plan proposal says, as recorded in the ledger: the materials it needs and where they
//! come from, the purchases it proposes, the dated schedule of every operation instance, and the
//! verdict. The planner (prodos-planning) computes it outside `decide`; the core only validates
//! and records it, so replay never re-runs the search.

use crate::calendar::Day;
use crate::ids::{DesignRef, PlanId, SupplierId};
use crate::time::Timestamp;
use crate::units::{Milli, Millicents, Unit};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanProposal {
    pub design: DesignRef,
    pub qty: u32,
    /// When work can begin: the first working instant after the proposal was computed.
    pub start: Timestamp,
    pub materials: Vec<MaterialNeed>,
    pub purchases: Vec<PurchaseProposal>,
    /// Empty when the verdict names infeasibilities.
    pub operations: Vec<ScheduledOperation>,
    pub verdict: Verdict,
    /// The committed plan of the same mandate whose progress this one carries: its verified, done
    /// and running tasks are listed as `carried` and only the rest is scheduled and bought.
    /// Committing it moves those tasks' records here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continues: Option<PlanId>,
}

/// How far a task of the continued plan had come when the proposal was computed. Carried work
/// keeps its recorded times and crew; it is not scheduled again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Carried {
    /// Started, not finished: it keeps its crew and start; its end is the planned duration on.
    InProgress,
    /// Finished, awaiting verification.
    Done,
    Verified,
}

impl Carried {
    pub fn as_str(self) -> &'static str {
        match self {
            Carried::InProgress => "in progress",
            Carried::Done => "done",
            Carried::Verified => "verified",
        }
    }
}

/// One material of the exploded BOM, netted against stock. Quantities are in `unit`, the
/// material's stock unit when stock knows the material.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MaterialNeed {
    pub material: String,
    pub unit: Unit,
    pub required: Milli,
    /// What the plan takes from available stock; `plan commit` reserves exactly this.
    pub from_stock: Milli,
    /// `required - from_stock`: what must be bought or made.
    pub shortage: Milli,
}

/// An order the planner suggests for a shortage. Nothing is ordered by proposing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PurchaseProposal {
    pub material: String,
    pub supplier: SupplierId,
    pub supplier_key: String,
    /// In the catalog's unit, rounded up to the minimum order quantity.
    pub qty: Milli,
    pub unit: Unit,
    pub cost: Millicents,
    pub lead_time_days: u32,
    pub arrives: Day,
    /// False when no available offer arrives by the due date (the fastest one is proposed then).
    pub in_time: bool,
}

/// One operation of one unit (units count from 1), placed on the calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledOperation {
    pub operation: String,
    pub unit: u32,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Offsets from the plan start in working minutes.
    pub start_work_min: i64,
    pub end_work_min: i64,
    /// How far it may slip (working minutes) without moving its successors or the plan's end.
    pub slack_work_min: i64,
    pub critical: bool,
    /// Skill (with minimum level and crew) and tools held, e.g. `luthiery.bracing≥4×1`, `go-bar-deck`.
    pub resources: Vec<String>,
    /// The participants the planner staffed it with: distinct, certified, present and nowhere
    /// else at the time. Empty for unattended work, declared headcounts, and plans proposed
    /// before the planner named crews.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub crew: Vec<String>,
    /// Work of the continued plan this one carries (see `PlanProposal::continues`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried: Option<Carried>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub due: Day,
    /// `None` when the plan cannot be scheduled (see `infeasible`).
    pub finish: Option<Timestamp>,
    pub on_time: bool,
    /// Working days after the due date's end that the last operation ends (0 when on time).
    pub late_by_work_days: i64,
    /// Calendar days late (0 when on time).
    pub late_by_days: i64,
    /// Working minutes from start to finish.
    pub makespan_work_min: i64,
    /// The chain of operation instances (`operation#unit`) that fixes the finish.
    pub critical_path: Vec<String>,
    pub bottleneck: Option<ResourceLoad>,
    pub resource_loads: Vec<ResourceLoad>,
    pub skill_hours: Vec<SkillHours>,
    /// Material problems: shortages no offer covers, units that do not convert.
    pub material_problems: Vec<String>,
    /// Why no schedule exists: a skill nobody holds, a tool the node lacks.
    pub infeasible: Vec<String>,
    /// How hard the scheduler searched.
    pub schedules_generated: u64,
    /// The critical-path lower bound on the makespan (working minutes, resources ignored).
    pub lower_bound_work_min: i64,
    /// Where the capacity came from: committed plans scheduled around, and per skill whether the
    /// headcount was declared or counted from certified participants (and whom).
    #[serde(default)]
    pub capacity_notes: Vec<String>,
    /// Committed plans of lower-priority mandates this schedule takes capacity from; they must be
    /// re-proposed once this plan is committed.
    #[serde(default)]
    pub displaces: Vec<String>,
}

/// How busy one resource is over the plan's span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceLoad {
    pub resource: String,
    pub capacity: u32,
    pub busy_work_min: i64,
    /// Busy minutes over `capacity × makespan`, in per mille.
    pub utilisation_permille: i64,
}

/// Working hours a skill is needed for vs what the qualified people can give by the due date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillHours {
    pub skill: String,
    /// The row counts work asking this level or more, and people certified at it or above.
    pub min_level: u8,
    pub needed_work_min: i64,
    pub available_work_min: i64,
    pub qualified_people: u32,
    /// The one participant who holds the skill at this level: the plan's single point of failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sole_holder: Option<String>,
}
