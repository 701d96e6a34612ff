//! What verifying a task obliges of other areas: each crew member's verified labor (credits),
//! the unit's good once its last task is verified (distribution), and, once the plan's last task
//! is, the stock the finished batch still holds (stock). The execution area decides the
//! verification; this step adds the rest just after it.

use super::labor_credits::{LaborClaim, verified_labor};
use super::task_labor::planned_hours;
use super::task_work::{locate, skill_of};
use crate::event::Event;
use crate::execution::{ExecutionEvent, TaskRef, TaskStatus};
use crate::plan::Plan;
use crate::rejection::Rejection;
use crate::state::State;
use crate::stock::decide::release_all;
use crate::time::Timestamp;

/// The events `TaskVerified` of `task`, by `by`, obliges, decided against the state before it.
pub fn effects_of_verified(state: &State, task: &TaskRef, by: &str, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let located = locate(state, task)?;
    let mut events = Vec::new();
    if let Some((skill, level)) = skill_of(&located.operation) {
        let hours = located.record.hours.unwrap_or_else(|| planned_hours(&located.operation));
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
    if let Some(good) = super::goods_release::good_of_finished_unit(state, located.plan, task, by, now)? {
        events.push(Event::Distribution(good));
    }
    if finishes_plan(state, located.plan, task) {
        // What the finished batch still holds (pieces rounded up once per plan, scrap allowed for
        // but not used) goes back to the node instead of staying reserved for nobody.
        events.extend(release_all(&state.stock, &located.plan.purpose()).into_iter().map(Event::Stock));
    }
    Ok(events)
}

/// Adds what each `TaskVerified` among `events` obliges, right after it.
pub fn with_effects(state: &State, events: Vec<Event>, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        let effects = match &event {
            Event::Execution(ExecutionEvent::TaskVerified { task, by, .. }) => {
                effects_of_verified(state, task, by, now)?
            }
            _ => Vec::new(),
        };
        out.push(event);
        out.extend(effects);
    }
    Ok(out)
}

/// Whether verifying `task` leaves no task of `plan` unverified. Rework tasks are not the plan's
/// own, and a scrapped unit's tasks never will be verified.
fn finishes_plan(state: &State, plan: &Plan, task: &TaskRef) -> bool {
    if task.reworked().is_some() {
        return false;
    }
    let scrapped: Vec<u32> = state.quality.scrapped_units(plan.id).collect();
    let live = |unit: u32| !scrapped.contains(&unit);
    let verified_before = state
        .execution
        .touched_of(plan.id)
        .filter(|(other, record)| {
            *other != task && record.status == TaskStatus::Verified && other.reworked().is_none() && live(other.unit)
        })
        .count();
    let total = plan.proposal.operations.iter().filter(|operation| live(operation.unit)).count();
    verified_before + 1 == total
}
