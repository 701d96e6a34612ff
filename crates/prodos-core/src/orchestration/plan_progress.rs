//! Planning and execution: a plan committed over a mandate's committed plan takes over its
//! progress. Committing one moves every task record of the superseded plan to the new plan, after
//! checking that the progress the new plan was computed from is still the progress there is, so
//! no verified work is planned again and no running task loses its crew.

use crate::event::Event;
use crate::execution::{ExecutionEvent, TaskRecord, TaskStatus};
use crate::ids::{PlanId, TaskRef};
use crate::plan::{Carried, PlanEvent};
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;
use std::collections::BTreeMap;

/// Adds, right after each `PlanCommitted` among `events`, the moves of the superseded plan's
/// task records, or refuses the commitment when the progress moved since the proposal.
pub fn with_carried(state: &State, events: Vec<Event>, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        let carried = match &event {
            Event::Plan(PlanEvent::PlanCommitted { plan, .. }) => carry(state, *plan, now)?,
            _ => Vec::new(),
        };
        out.push(event);
        out.extend(carried);
    }
    Ok(out)
}

/// How far a task had come, as a proposal carries it; `None` for work not begun.
pub fn progress_of(record: &TaskRecord) -> Option<Carried> {
    match record.status {
        TaskStatus::Ready => None,
        TaskStatus::InProgress => Some(Carried::InProgress),
        TaskStatus::Done => Some(Carried::Done),
        TaskStatus::Verified => Some(Carried::Verified),
    }
}

fn carry(state: &State, plan_id: PlanId, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let plan = state.plans.plan(plan_id).ok_or(Rejection::UnknownPlan { plan: plan_id })?;
    let moved = |message: String| Err(Rejection::ProgressMoved { plan: plan_id, message });
    let current = state.plans.committed_plan_of(plan.mandate).filter(|current| current.id != plan_id);
    match (plan.proposal.continues, current) {
        (Some(continued), Some(current)) if continued != current.id => {
            return moved(format!("it continues {continued}, but {} is the mandate's committed plan now", current.id));
        }
        (Some(continued), None) => return moved(format!("it continues {continued}, which is no longer committed")),
        _ => {}
    }
    let Some(current) = current else { return Ok(Vec::new()) };
    let carried: BTreeMap<(&str, u32), Carried> = plan
        .proposal
        .operations
        .iter()
        .filter_map(|op| op.carried.map(|carried| ((op.operation.as_str(), op.unit), carried)))
        .collect();
    let describe = |planned: Option<Carried>| match planned {
        Some(carried) => format!("the proposal carries it as {}", carried.as_str()),
        None => "the proposal plans it afresh".to_string(),
    };
    for (task, record) in state.execution.touched_of(current.id) {
        let planned = carried.get(&(task.operation.as_str(), task.unit)).copied();
        if progress_of(record) != planned {
            return moved(format!("{task} is {}, {}", record.status.as_str(), describe(planned)));
        }
    }
    for (&(operation, unit), &planned) in &carried {
        let task = TaskRef { plan: current.id, operation: operation.to_string(), unit };
        let record = state.execution.task(&task);
        if progress_of(&record) != Some(planned) {
            return moved(format!("{task} is {}, {}", record.status.as_str(), describe(Some(planned))));
        }
    }
    Ok(state
        .execution
        .touched_of(current.id)
        .map(|(task, _)| {
            let to = TaskRef { plan: plan_id, ..task.clone() };
            Event::Execution(ExecutionEvent::TaskCarried { from: task.clone(), to, at: now })
        })
        .collect())
}
