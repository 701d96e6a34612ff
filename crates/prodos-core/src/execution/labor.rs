//! Completing and verifying work done by a crew: who may mark it done, how many hours each
//! member claims (actual hours within a sanity bound, else the planned duration), and the labor
//! event every crew member gets when someone outside the crew verifies it.

use super::decide::{locate, require_status, skill_of};
use super::event::ExecutionEvent;
use super::model::{TaskRecord, TaskRef, TaskStatus};
use crate::credits::decide::{LaborClaim, MAX_HOURS_PER_RECORD, verified_labor};
use crate::design::OperationSpec;
use crate::event::Event;
use crate::people::qualification::require_participant;
use crate::plan::Plan;
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;
use crate::units::Milli;

/// The operation's planned duration in hours.
fn planned_hours(operation: &OperationSpec) -> Milli {
    Milli(operation.duration_min.max(0) * 1000 / 60)
}

/// Claimed hours must be positive, at most a day (one labor record), and at most three times the
/// planned duration (or one hour for very short steps): beyond that it is a typo, not overtime.
fn check_hours(task: &TaskRef, operation: &OperationSpec, hours: Milli) -> Result<(), Rejection> {
    if !hours.is_positive() {
        return Err(Rejection::QuantityMustBePositive { field: "hours".into(), qty: hours });
    }
    let planned = planned_hours(operation);
    let bound = Milli(planned.0.saturating_mul(3)).max(Milli::ONE).min(MAX_HOURS_PER_RECORD);
    if hours > bound {
        return Err(Rejection::InvalidField {
            field: "hours".into(),
            message: format!(
                "{hours} h per worker is more than {task} can take: planned {planned} h, at most {bound} h \
                 (three times the plan, one hour for short steps, one day per record)"
            ),
        });
    }
    Ok(())
}

pub fn complete(
    state: &State,
    task: &TaskRef,
    by: &str,
    hours: Option<Milli>,
    now: Timestamp,
) -> Result<Vec<Event>, Rejection> {
    let located = locate(state, task)?;
    if let Some(hours) = hours {
        check_hours(task, located.operation, hours)?;
    }
    let participant = require_participant(&state.people, "by", by)?;
    require_status(task, &located.record, TaskStatus::InProgress, "complete")?;
    let in_crew = located.record.crew.iter().any(|member| member == by);
    if state.assignments.crew(task).is_some() {
        // A confirmed crew owns its task: only its members say it is done.
        if !in_crew {
            return Err(Rejection::NotInCrew { handle: by.to_string(), task: task.to_string(), action: "complete" });
        }
    } else if !in_crew && !participant.coordinator {
        let worker = located.record.worker.as_deref().unwrap_or_default();
        return Err(Rejection::InvalidField {
            field: "by".into(),
            message: format!("{task} is {worker}'s; only they or a coordinator complete it"),
        });
    }
    let event = ExecutionEvent::TaskCompleted { task: task.clone(), by: by.to_string(), at: now, hours };
    Ok(vec![Event::Execution(event)])
}

/// Nobody verifies or rejects their own crew's work.
pub fn require_outside_crew(state: &State, record: &TaskRecord, by: &str, action: &str) -> Result<(), Rejection> {
    require_participant(&state.people, "by", by)?;
    if record.crew.iter().any(|member| member == by) {
        return Err(Rejection::SelfApproval { handle: by.to_string(), action: action.to_string() });
    }
    Ok(())
}

pub fn verify(state: &State, task: &TaskRef, by: &str, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let located = locate(state, task)?;
    require_status(task, &located.record, TaskStatus::Done, "verify")?;
    require_outside_crew(state, &located.record, by, "verify")?;
    let mut events =
        vec![Event::Execution(ExecutionEvent::TaskVerified { task: task.clone(), by: by.to_string(), at: now })];
    if let Some((skill, level)) = skill_of(located.operation) {
        let hours = located.record.hours.unwrap_or_else(|| planned_hours(located.operation));
        for member in &located.record.crew {
            let claim = LaborClaim {
                handle: member,
                skill,
                level,
                hours,
                verified_by: by,
                task: Some(task.to_string()),
                note: &located.operation.name,
            };
            // The crew's certifications and contribution gate were checked when the task
            // started; one lapsing since must not leave finished work unverifiable.
            events.push(Event::Credits(verified_labor(state, &claim, now)?));
        }
    }
    // The unit's last check makes it a good, with a serial, ready for distribution.
    if let Some(good) = crate::distribution::decide::good_of_finished_unit(state, located.plan, task, by, now)? {
        events.push(Event::Distribution(good));
    }
    if finishes_plan(state, located.plan, task) {
        // What the finished batch still holds (pieces rounded up once per plan, scrap allowed for
        // but not used) goes back to the node instead of staying reserved for nobody.
        let released = crate::plan::decide::release_all(&state.stock, &located.plan.purpose());
        events.extend(released.into_iter().map(Event::Stock));
    }
    Ok(events)
}

/// Whether verifying `task` leaves no task of `plan` unverified.
fn finishes_plan(state: &State, plan: &Plan, task: &TaskRef) -> bool {
    let verified_before = state
        .execution
        .touched_of(plan.id)
        .filter(|(other, record)| *other != task && record.status == TaskStatus::Verified)
        .count();
    verified_before + 1 == plan.proposal.operations.len()
}
