//! Whether a person may be put on a task: the qualification gate (valid now and through the
//! task's end), the contribution gate for its level, not away, enough offered minutes each day,
//! and no double booking against every confirmed crew of a committed plan whose task is not yet
//! done. Every refusal names the person, the task, and what is in the way.

use super::task_slots::{TaskSlot, plan_slots};
use crate::calendar::WEEKDAY_NAMES;
use crate::credits::gate::require_work_privilege;
use crate::execution::TaskStatus;
use crate::ids::TaskRef;
use crate::people::qualification::require_qualified;
use crate::plan::{Day, PlanStatus};
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;
use std::collections::BTreeMap;

/// What each person is already booked for: one entry per (person, task).
#[derive(Debug, Clone, Default)]
pub struct Bookings {
    by_person: BTreeMap<String, Vec<TaskSlot>>,
}

impl Bookings {
    /// Every confirmed crew membership on a committed plan's task that is not done yet.
    pub fn confirmed(state: &State) -> Bookings {
        let mut bookings = Bookings::default();
        for plan in state.plans.plans().filter(|plan| plan.status == PlanStatus::Committed) {
            for slot in plan_slots(state, plan) {
                let Some(crew) = state.matching.crew(&slot.task) else { continue };
                if matches!(state.execution.task(&slot.task).status, TaskStatus::Done | TaskStatus::Verified) {
                    continue;
                }
                for member in &crew.members {
                    bookings.add(&member.handle, &slot);
                }
            }
        }
        bookings
    }
    pub fn add(&mut self, handle: &str, slot: &TaskSlot) {
        self.by_person.entry(handle.to_string()).or_default().push(slot.clone());
    }
    pub fn remove(&mut self, handle: &str, task: &TaskRef) {
        if let Some(slots) = self.by_person.get_mut(handle) {
            slots.retain(|slot| slot.task != *task);
        }
    }
    pub fn of(&self, handle: &str) -> &[TaskSlot] {
        self.by_person.get(handle).map(Vec::as_slice).unwrap_or(&[])
    }
}

fn unavailable(handle: &str, slot: &TaskSlot, detail: String) -> Rejection {
    Rejection::NotAvailable { handle: handle.to_string(), task: slot.task.to_string(), detail }
}

fn hours(minutes: u32) -> String {
    let text = format!("{:.2}", f64::from(minutes) / 60.0);
    format!("{} h", text.trim_end_matches('0').trim_end_matches('.'))
}

fn weekday_name(day: Day) -> &'static str {
    WEEKDAY_NAMES[usize::from(day.weekday())]
}

/// Whether `handle` may join `slot`'s crew, given what they are already booked for.
pub fn require_assignable(
    state: &State,
    bookings: &Bookings,
    handle: &str,
    slot: &TaskSlot,
    now: Timestamp,
) -> Result<(), Rejection> {
    let participant = require_qualified(&state.people, "handle", handle, &slot.skill, slot.level, now)?;
    let through = slot.end.max(now);
    if participant.level_at(&slot.skill, through).is_none_or(|held| held < slot.level) {
        let expires = participant
            .valid_certifications(now)
            .filter(|cert| cert.skill == slot.skill && cert.level >= slot.level)
            .filter_map(|cert| cert.expires_at)
            .max()
            .map(|at| Day::of(at).to_string())
            .unwrap_or_default();
        return Err(Rejection::NotQualified {
            handle: handle.to_string(),
            skill: slot.skill.clone(),
            level: slot.level,
            detail: format!("the certification expires on {expires}, before {} ends", slot.task),
        });
    }
    require_work_privilege(&state.credits, handle, slot.level, now)?;
    let booked = bookings.of(handle);
    for (day, minutes) in &slot.days {
        if let Some(absence) = participant.absences.iter().find(|a| a.from <= *day && *day <= a.to) {
            return Err(unavailable(
                handle,
                slot,
                format!("away {}..{}: {}", absence.from, absence.to, absence.reason),
            ));
        }
        let offered = participant.available_min_on(*day);
        if offered < *minutes {
            let detail = format!(
                "offers {} on {} {day}, the task needs {} that day",
                hours(offered),
                weekday_name(*day),
                hours(*minutes)
            );
            return Err(unavailable(handle, slot, detail));
        }
        let load: u32 = booked
            .iter()
            .filter(|other| other.task != slot.task)
            .flat_map(|other| other.days.iter())
            .filter(|(other_day, _)| other_day == day)
            .map(|(_, minutes)| minutes)
            .sum();
        if load + minutes > offered {
            let detail = format!("already booked {} of the {} offered on {day}", hours(load), hours(offered));
            return Err(unavailable(handle, slot, detail));
        }
    }
    if let Some(other) = booked.iter().find(|other| other.task != slot.task && slot.overlaps(other.start, other.end)) {
        return Err(unavailable(handle, slot, format!("already on {} at that time", other.task)));
    }
    Ok(())
}
