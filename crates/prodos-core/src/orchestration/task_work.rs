//! Decisions about tasks. Order of checks: the task exists in a committed plan, its status allows
//! the step, it is not blocked, predecessors are verified (start), the people involved are
//! qualified, in the confirmed crew when there is one (start, complete), and, for verification,
//! outside the crew. Start consumes materials; what verification obliges of other areas (labor,
//! goods, released stock) is `crate::orchestration::task_verification`. Everything a refusal would leave half-done is decided before any event exists.

use crate::StockEvent;
use crate::credits::gate::require_work_privilege;
use crate::design::{DesignSpec, OperationSpec};
use crate::event::Event;
use crate::execution::{Consumption, ExecutionCommand, ExecutionEvent, TaskRecord, TaskStatus};
use crate::ids::{NonconformanceId, TaskRef};
use crate::orchestration::labor_credits::verify_by;
use crate::people::qualification::{require_participant, require_qualified};
use crate::plan::{Plan, PlanStatus};
use crate::rejection::Rejection;
use crate::state::State;
use crate::stock::decide::consume;
use crate::time::Timestamp;
use crate::units::{Milli, Quantity};
use std::borrow::Cow;

/// A task with what it needs from its plan and design.
/// A rework task is located as its operation's skill gate, tools and crew, with the rework's
/// duration, no predecessors, no materials and no checks of its own (the reworked task is
/// re-inspected instead).
pub(crate) struct Located<'a> {
    pub plan: &'a Plan,
    pub spec: &'a DesignSpec,
    pub operation: Cow<'a, OperationSpec>,
    pub record: TaskRecord,
    /// The unit was scrapped by this nonconformance: none of its tasks goes on.
    pub scrapped: Option<NonconformanceId>,
}

pub(crate) fn locate<'a>(state: &'a State, task: &TaskRef) -> Result<Located<'a>, Rejection> {
    if let Some(order) = state.quality.rework(task) {
        let mut located = locate(state, &order.of)?;
        let mut operation = located.operation.into_owned();
        operation.duration_min = order.duration_min;
        operation.after.clear();
        operation.consumes.clear();
        operation.checks.clear();
        located.operation = Cow::Owned(operation);
        located.record = state.execution.task(task);
        return Ok(located);
    }
    let unknown = || Rejection::UnknownTask { task: task.to_string() };
    let plan = state.plans.plan(task.plan).ok_or(Rejection::UnknownPlan { plan: task.plan })?;
    if plan.status != PlanStatus::Committed {
        return Err(Rejection::InvalidField {
            field: "task".into(),
            message: format!("{} is {}, not committed", plan.id, plan.status.as_str()),
        });
    }
    if !plan.proposal.operations.iter().any(|op| op.operation == task.operation && op.unit == task.unit) {
        return Err(unknown());
    }
    let spec = &state.designs.version(plan.proposal.design).ok_or_else(unknown)?.spec;
    let operation = Cow::Borrowed(spec.operation(&task.operation).ok_or_else(unknown)?);
    let scrapped = state.quality.scrapped(task.plan, task.unit);
    Ok(Located { plan, spec, operation, record: state.execution.task(task), scrapped })
}

pub(super) fn require_status(
    task: &TaskRef,
    record: &TaskRecord,
    wanted: TaskStatus,
    action: &'static str,
) -> Result<(), Rejection> {
    if record.status != wanted {
        return Err(Rejection::TaskWrongStatus { task: task.to_string(), status: record.status.as_str(), action });
    }
    if let Some(reason) = &record.blocked {
        return Err(Rejection::InvalidField { field: "task".into(), message: format!("{task} is blocked: {reason}") });
    }
    Ok(())
}

pub(crate) fn skill_of(operation: &OperationSpec) -> Option<(&str, u8)> {
    operation.skill.as_deref().map(|skill| (skill, operation.min_level.clamp(1, 5) as u8))
}

pub fn decide(state: &State, command: &ExecutionCommand, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    match command {
        ExecutionCommand::Start { task, worker, with } => start(state, task, worker, with, now),
        ExecutionCommand::Complete { task, by, hours } => super::task_labor::complete(state, task, by, *hours, now),
        ExecutionCommand::Verify { task, by } => super::task_labor::verify(state, task, by, now),
        ExecutionCommand::Reject { task, by, reason } => {
            if reason.trim().is_empty() {
                return Err(Rejection::FieldRequired { field: "reason".into() });
            }
            let located = locate(state, task)?;
            require_status(task, &located.record, TaskStatus::Done, "reject")?;
            super::task_labor::require_outside_crew(state, &located.record, by, "reject")?;
            let worker = located.record.worker.clone().unwrap_or_default();
            if let Some((skill, level)) = skill_of(&located.operation) {
                verify_by(state, &worker, by, skill, level, now)?;
            }
            let event = ExecutionEvent::TaskRejected {
                task: task.clone(),
                by: by.clone(),
                reason: reason.trim().into(),
                at: now,
            };
            Ok(vec![Event::Execution(event)])
        }
        ExecutionCommand::Block { task, by, reason } => {
            if reason.trim().is_empty() {
                return Err(Rejection::FieldRequired { field: "reason".into() });
            }
            let located = locate(state, task)?;
            require_participant(&state.people, "by", by)?;
            if located.record.status == TaskStatus::Verified {
                return Err(Rejection::TaskWrongStatus { task: task.to_string(), status: "verified", action: "block" });
            }
            if located.record.blocked.is_some() {
                return Ok(Vec::new());
            }
            let event = ExecutionEvent::TaskBlocked {
                task: task.clone(),
                by: by.clone(),
                reason: reason.trim().into(),
                at: now,
            };
            Ok(vec![Event::Execution(event)])
        }
        ExecutionCommand::Unblock { task, by } => {
            let located = locate(state, task)?;
            require_participant(&state.people, "by", by)?;
            if located.record.blocked.is_none() {
                return Ok(Vec::new());
            }
            Ok(vec![Event::Execution(ExecutionEvent::TaskUnblocked { task: task.clone(), by: by.clone(), at: now })])
        }
    }
}

fn start(
    state: &State,
    task: &TaskRef,
    worker: &str,
    with: &[String],
    now: Timestamp,
) -> Result<Vec<Event>, Rejection> {
    let located = locate(state, task)?;
    let participant = require_participant(&state.people, "worker", worker)?;
    require_status(task, &located.record, TaskStatus::Ready, "start")?;
    super::inspection::require_not_scrapped(task, &located, "started")?;
    super::asset_capacity::require_tools_up(state, &located.operation)?;
    let today = crate::plan::Day::of(now);
    if let Some(absence) = participant.absences.iter().find(|absence| absence.from <= today && today <= absence.to) {
        return Err(Rejection::InvalidField {
            field: "worker".into(),
            message: format!("{worker} is absent {}..{}: {}", absence.from, absence.to, absence.reason),
        });
    }
    for predecessor in &located.operation.after {
        let before = TaskRef { plan: task.plan, operation: predecessor.operation.clone(), unit: task.unit };
        let record = state.execution.task(&before);
        if record.status != TaskStatus::Verified {
            return Err(Rejection::PredecessorNotVerified {
                task: task.to_string(),
                predecessor: before.to_string(),
                status: record.status.as_str(),
            });
        }
    }
    let crew = working_crew(state, task, worker, with)?;
    let needed = usize::try_from(located.operation.crew).unwrap_or(0);
    if skill_of(&located.operation).is_some() && needed > 0 && crew.len() != needed {
        let message = if crew.len() < needed {
            format!(
                "{task} needs a crew of {needed}, {} named: name {} more qualified person(s) with `--with`, or \
                 confirm a crew with `prodos match`",
                crew.len(),
                needed - crew.len()
            )
        } else {
            format!("{task} needs a crew of {needed}, {} named", crew.len())
        };
        return Err(Rejection::InvalidField { field: "with".into(), message });
    }
    if let Some((skill, level)) = skill_of(&located.operation) {
        for member in &crew {
            require_qualified(&state.people, "worker", member, skill, level, now)?;
            require_work_privilege(&state.credits, member, level, now)?;
        }
    }
    if let Some(safety) = &located.operation.safety {
        for member in &crew {
            require_qualified(&state.people, "worker", member, safety, 1, now)?;
        }
    }
    for member in crew.iter().filter(|member| *member != worker) {
        let participant = require_participant(&state.people, "crew", member)?;
        if let Some(absence) = participant.absences.iter().find(|a| a.from <= today && today <= a.to) {
            return Err(Rejection::InvalidField {
                field: "crew".into(),
                message: format!("{member} is absent {}..{}: {}", absence.from, absence.to, absence.reason),
            });
        }
    }
    // Consume each part line for one unit, from the plan's reservation first; a scratch copy of
    // stock lets two lines of the same material see each other.
    let mut scratch = state.stock.clone();
    let mut stock_events = Vec::new();
    let mut consumed = Vec::new();
    let purpose = located.plan.purpose();
    for part_id in &located.operation.consumes {
        let Some(part) = located.spec.part(part_id) else { continue };
        let qty = Quantity { amount: per_unit_qty(located.spec, part), unit: part.unit };
        let events = consume(&scratch, &part.material, qty, Some(&purpose), now)?;
        for event in events {
            if let StockEvent::StockConsumed { lot, qty, reserved_for, material, .. } = &event
                && let Some(lot_record) = scratch.lot_mut(*lot)
            {
                consumed.push(Consumption {
                    lot: *lot,
                    material: material.clone(),
                    qty: *qty,
                    provenance: lot_record.provenance.clone(),
                });
                lot_record.consume(*qty, reserved_for.as_deref());
            }
            stock_events.push(event);
        }
    }
    let mut events = vec![Event::Execution(ExecutionEvent::TaskStarted {
        task: task.clone(),
        worker: worker.to_string(),
        consumed,
        at: now,
        crew,
    })];
    events.extend(stock_events.into_iter().map(Event::Stock));
    Ok(events)
}

/// Who works the task: without a confirmed crew, the worker alone; with one, the members who
/// accepted, and the worker must be one of them.
/// Who works the task: the confirmed crew's accepted members (the worker first), or, without a
/// confirmed crew, the worker and the people named `with` them.
fn working_crew(state: &State, task: &TaskRef, worker: &str, with: &[String]) -> Result<Vec<String>, Rejection> {
    let Some(crew) = state.matching.crew(task) else {
        let mut members = vec![worker.to_string()];
        for other in with {
            let other = other.trim();
            if members.iter().any(|member| member == other) {
                return Err(Rejection::InvalidField {
                    field: "with".into(),
                    message: format!("{other} is named twice in the crew of {task}"),
                });
            }
            members.push(other.to_string());
        }
        return Ok(members);
    };
    if let Some(outsider) = with.iter().find(|other| crew.member(other.trim()).is_none()) {
        return Err(Rejection::NotInCrew {
            handle: outsider.trim().to_string(),
            task: task.to_string(),
            action: "start",
        });
    }
    match crew.member(worker) {
        None => Err(Rejection::NotInCrew { handle: worker.to_string(), task: task.to_string(), action: "start" }),
        Some(member) if !member.accepted => Err(Rejection::InvalidField {
            field: "worker".into(),
            message: format!("{worker} has not accepted {task} yet; `prodos task accept {task}` first"),
        }),
        Some(_) => {
            let mut members: Vec<String> = vec![worker.to_string()];
            members.extend(crew.accepted().filter(|member| *member != worker).map(str::to_string));
            Ok(members)
        }
    }
}

/// One finished unit's quantity of a part line: its quantity per module instance times the
/// module counts up to the unit, plus scrap.
fn per_unit_qty(spec: &DesignSpec, part: &crate::design::PartLine) -> Milli {
    let mut instances: i64 = 1;
    let mut module = spec.module(&part.module);
    let mut depth = 0;
    while let Some(current) = module {
        instances = instances.saturating_mul(current.count.max(1));
        module = current.parent.as_deref().and_then(|parent| spec.module(parent));
        depth += 1;
        if depth > spec.modules.len() {
            break;
        }
    }
    Milli(part.qty.0.saturating_mul(instances)).with_scrap(part.scrap_bp.clamp(0, 100_000) as u32)
}
