//! Planning: production mandates, the node's capacity and working calendar, and plans from
//! proposal to commitment. The search that computes a proposal lives in prodos-planning; the core
//! validates and records its result.

pub mod capacity;
pub mod command;
pub mod decide;
pub mod event;
pub mod proposal;
pub mod registry;

pub use crate::calendar::{Day, WorkCalendar, WorkWeek};
pub use crate::skill::MAX_SKILL_LEVEL;
pub use capacity::Capacity;
pub use command::PlanCommand;
pub use event::PlanEvent;
pub use proposal::{
    Carried, MaterialNeed, PlanProposal, PurchaseProposal, ResourceLoad, ScheduledOperation, SkillHours, Verdict,
};
pub use registry::{Mandate, Plan, PlanStatus, Plans};

/// Folds one planning event into the plans and the node's capacity, the two parts of state the
/// planning area owns.
pub fn apply(plans: &mut Plans, capacity: &mut Capacity, event: &PlanEvent) {
    match event {
        PlanEvent::MandateCreated { mandate } => plans.insert_mandate(mandate.clone()),
        PlanEvent::ToolCountDeclared { tool, count } => capacity.set_tool_count(tool, *count),
        PlanEvent::SkillHeadcountDeclared { skill, level, headcount } => {
            capacity.set_headcount(skill, *level, *headcount)
        }
        PlanEvent::WorkWeekSet { week } => capacity.calendar.week = *week,
        PlanEvent::DayClosed { day, reason } => capacity.calendar.close(*day, reason),
        PlanEvent::LaborRateSet { skill, level, rate_per_hour } => {
            capacity.set_labor_rate(skill, *level, *rate_per_hour)
        }
        PlanEvent::ToolRateSet { tool, rate_per_hour } => capacity.set_tool_rate(tool, *rate_per_hour),
        PlanEvent::PlanProposed { plan, mandate, proposal, at } => plans.insert_plan(Plan {
            id: *plan,
            mandate: *mandate,
            proposal: proposal.clone(),
            status: PlanStatus::Proposed,
            proposed_at: *at,
            committed_at: None,
        }),
        PlanEvent::PlanCommitted { plan, at } => plans.set_status(*plan, PlanStatus::Committed, *at),
        PlanEvent::PlanSuperseded { plan, at, .. } => plans.set_status(*plan, PlanStatus::Superseded, *at),
        PlanEvent::PlanCancelled { plan, at } => plans.set_status(*plan, PlanStatus::Cancelled, *at),
    }
}
