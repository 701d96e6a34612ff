//! Completing and verifying work done by a crew: who may mark it done, how many hours each
//! member claims (actual hours within a sanity bound, else the planned duration), and who may
//! verify it (someone outside the crew).

use super::task_work::{locate, require_status};
use crate::credits::MAX_HOURS_PER_RECORD;
use crate::design::OperationSpec;
use crate::event::Event;
use crate::execution::{ExecutionEvent, TaskRecord, TaskStatus};
use crate::ids::TaskRef;
use crate::people::qualification::require_participant;
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;
use crate::units::Milli;

/// The operation's planned duration in hours.
pub(crate) fn planned_hours(operation: &OperationSpec) -> Milli {
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
        check_hours(task, &located.operation, hours)?;
    }
    let participant = require_participant(&state.people, "by", by)?;
    require_status(task, &located.record, TaskStatus::InProgress, "complete")?;
    let in_crew = located.record.crew.iter().any(|member| member == by);
    if state.matching.crew(task).is_some() {
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
    let mut events = vec![Event::Execution(event)];
    events.extend(super::asset_usage::usage_events(state, &located.operation, &located.record, by, now));
    Ok(events)
}

/// Nobody verifies or rejects their own crew's work.
pub fn require_outside_crew(state: &State, record: &TaskRecord, by: &str, action: &str) -> Result<(), Rejection> {
    require_participant(&state.people, "by", by)?;
    if record.crew.iter().any(|member| member == by) {
        return Err(Rejection::SelfApproval { handle: by.to_string(), action: action.to_string() });
    }
    Ok(())
}

/// Verification itself: a done task, verified by someone outside its crew. The labor, the good
/// and the released stock it obliges are added by `crate::orchestration::task_verification`.
pub fn verify(state: &State, task: &TaskRef, by: &str, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let located = locate(state, task)?;
    require_status(task, &located.record, TaskStatus::Done, "verify")?;
    require_outside_crew(state, &located.record, by, "verify")?;
    super::inspection::require_checks_cleared(state, task, &located)?;
    Ok(vec![Event::Execution(ExecutionEvent::TaskVerified { task: task.clone(), by: by.to_string(), at: now })])
}
