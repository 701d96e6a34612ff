//! Planning and execution: a plan committed over a mandate's committed plan takes over its
//! progress. Committing one moves every task record of the superseded plan to the new plan, after
//! checking that the progress the new plan was computed from is still the progress there is, so
//! no verified work is planned again and no running task loses its crew. A unit scrapped under
//! the superseded plan is not carried: the new plan builds it again, as its replacement.

use crate::event::Event;
use crate::execution::{ExecutionEvent, TaskRecord, TaskStatus};
use crate::ids::{PlanId, TaskRef};
use crate::plan::{Carried, PlanEvent};
use crate::quality::QualityEvent;
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
    // A scrapped unit stays with the plan it was scrapped in: the new plan builds it afresh, as a
    // replacement. A rework task follows the task it reworks.
    let scrapped = |task: &TaskRef| state.quality.scrapped(current.id, task.unit).is_some();
    let moving: Vec<&TaskRef> =
        state.execution.touched_of(current.id).map(|(task, _)| task).filter(|task| !scrapped(task)).collect();
    for (task, record) in state.execution.touched_of(current.id) {
        if scrapped(task) || task.reworked().is_some() {
            continue;
        }
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
    let moves: Vec<(TaskRef, TaskRef)> =
        moving.into_iter().map(|task| (task.clone(), TaskRef { plan: plan_id, ..task.clone() })).collect();
    let mut events: Vec<Event> = moves
        .iter()
        .map(|(from, to)| Event::Execution(ExecutionEvent::TaskCarried { from: from.clone(), to: to.clone(), at: now }))
        .collect();
    // Inspections and rework orders are kept by task: they follow the records they are about.
    let with_quality: Vec<(TaskRef, TaskRef)> =
        moves.into_iter().filter(|(from, _)| state.quality.has_records(from)).collect();
    if !with_quality.is_empty() {
        events.push(Event::Quality(QualityEvent::RecordsCarried { moves: with_quality }));
    }
    Ok(events)
}
