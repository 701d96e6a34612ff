//! Capacity shared between plans. A committed plan's frozen schedule holds people, tools and
//! workstations; a new proposal is scheduled into what those plans leave.
//!
//! Priority decides who yields: committed plans whose mandate has the same or a higher priority
//! are fixed load; those of lower-priority mandates are not subtracted — the higher-priority
//! mandate gets the capacity first — and the verdict names each one the new schedule would take
//! capacity from, so the coordinator re-proposes it after committing.

use prodos_core::plan::{Mandate, Plan, PlanStatus};
use prodos_core::{State, Timestamp};

/// One operation of a committed plan, on the new plan's time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct CommittedLoad {
    /// The plan's id, mandate and priority, e.g. `PROD-0002 (MAN-0002, priority 0)`.
    pub holder: String,
    /// Skill, minimum level and crew, when the operation needs people.
    pub skill: Option<(String, u8, i64)>,
    pub tools: Vec<String>,
    /// Working minutes from the new plan's start (the part before it is dropped).
    pub from_min: i64,
    pub to_min: i64,
}

/// Committed plans' load as a proposal for `mandate` starting at `start` sees it.
#[derive(Debug, Clone, Default)]
pub struct SharedLoad {
    /// Plans of mandates with the same or a higher priority: scheduled around.
    pub fixed: Vec<CommittedLoad>,
    /// Plans of lower-priority mandates: ignored, but reported when the proposal overlaps them.
    pub displaceable: Vec<CommittedLoad>,
    /// Every committed plan counted as fixed, for the verdict.
    pub fixed_plans: Vec<String>,
}

pub fn shared_load(state: &State, mandate: &Mandate, start: Timestamp) -> SharedLoad {
    let calendar = &state.capacity.calendar;
    let mut shared = SharedLoad::default();
    let committed =
        state.plans.plans().filter(|plan| plan.status == PlanStatus::Committed && plan.mandate != mandate.id);
    for plan in committed {
        let Some(other) = state.plans.mandate(plan.mandate) else { continue };
        let holder = format!("{} ({}, priority {})", plan.id, other.id, other.priority);
        let loads = plan_loads(state, plan, &holder, |at| calendar.working_min_between(start, at));
        if loads.is_empty() {
            continue;
        }
        if other.priority >= mandate.priority {
            shared.fixed_plans.push(holder);
            shared.fixed.extend(loads);
        } else {
            shared.displaceable.extend(loads);
        }
    }
    shared
}

/// The operations of `plan` still ahead at offset 0, with what they hold (from the design version
/// the plan was made for).
fn plan_loads(state: &State, plan: &Plan, holder: &str, offset_min: impl Fn(Timestamp) -> i64) -> Vec<CommittedLoad> {
    let Some(version) = state.designs.version(plan.proposal.design) else { return Vec::new() };
    let find = |id: &str| version.spec.operations.iter().find(|op| op.id == id);
    plan.proposal
        .operations
        .iter()
        .filter_map(|scheduled| {
            let operation = find(&scheduled.operation)?;
            let (from_min, to_min) = (offset_min(scheduled.start), offset_min(scheduled.end));
            let holds_something = operation.crew > 0 && operation.skill.is_some() || !operation.tools.is_empty();
            (to_min > from_min && holds_something).then(|| CommittedLoad {
                holder: holder.to_string(),
                skill: operation
                    .skill
                    .clone()
                    .filter(|_| operation.crew > 0)
                    .map(|skill| (skill, crate::model::level_of(operation.min_level), operation.crew)),
                tools: operation.tools.clone(),
                from_min,
                to_min,
            })
        })
        .collect()
}
