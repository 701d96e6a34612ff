//! Planning: production mandates, the node's capacity and working calendar, and plans from
//! proposal to commitment. The search that computes a proposal lives in prodos-planning; the core
//! validates and records its result.

pub mod calendar;
pub mod capacity;
pub mod decide;
pub mod proposal;
pub mod registry;

pub use calendar::{Day, WorkCalendar, WorkWeek};
pub use capacity::{Capacity, MAX_SKILL_LEVEL};
pub use proposal::{
    MaterialNeed, PlanProposal, PurchaseProposal, ResourceLoad, ScheduledOperation, SkillHours, Verdict,
};
pub use registry::{Mandate, Plan, PlanStatus, Plans};
