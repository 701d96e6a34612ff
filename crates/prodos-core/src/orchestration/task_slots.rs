//! The operation instances of a committed plan that need people, placed in real time: the
//! frozen schedule's `[start, end)` and, through the working calendar, the working minutes on
//! each day it touches. The matcher's input and the core's checks both come from here, so they
//! agree on what "available" means. A rework task is matched like any: it needs its operation's
//! skill and crew from the moment it was disposed.

use crate::design::{DesignSpec, OperationSpec};
use crate::ids::TaskRef;
use crate::plan::{Day, Plan, WorkCalendar};
use crate::state::State;
use crate::time::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskSlot {
    pub task: TaskRef,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Working minutes per day; at least the start day (with 0 minutes for an instant task).
    pub days: Vec<(Day, u32)>,
    pub skill: String,
    pub level: u8,
    /// People needed (the design operation's crew).
    pub crew: u32,
    /// The same unit's direct predecessors.
    pub predecessors: Vec<TaskRef>,
}

impl TaskSlot {
    pub fn minutes(&self) -> u32 {
        self.days.iter().map(|(_, minutes)| minutes).sum()
    }
    /// Whether `[start, end)` shares time with this slot; an instant task holds no time.
    pub fn overlaps(&self, start: Timestamp, end: Timestamp) -> bool {
        self.start < self.end && start < end && self.start < end && start < self.end
    }
}

/// Working minutes of `[start, end)` per day.
pub fn day_minutes(calendar: &WorkCalendar, start: Timestamp, end: Timestamp) -> Vec<(Day, u32)> {
    let mut days = Vec::new();
    let mut day = Day::of(start);
    while day <= Day::of(end) {
        let from = start.max(day.start());
        let to = end.min(day.plus(1).start());
        let minutes = calendar.working_min_between(from, to);
        if minutes > 0 {
            days.push((day, minutes as u32));
        }
        day = day.plus(1);
    }
    if days.is_empty() {
        days.push((Day::of(start), 0));
    }
    days
}

/// Every instance of `plan` that needs a crew (attended operations), in schedule order, then its
/// rework tasks: each from its disposition on, for its duration, under its operation's skill gate.
pub fn plan_slots(state: &State, plan: &Plan) -> Vec<TaskSlot> {
    let Some(version) = state.designs.version(plan.proposal.design) else { return Vec::new() };
    let calendar = &state.capacity.calendar;
    let mut slots = scheduled_slots(plan, &version.spec, calendar);
    slots.extend(rework_slots(state, plan, &version.spec, calendar));
    slots
}

fn attended(operation: &OperationSpec) -> Option<(String, u8, u32)> {
    let skill = operation.skill.clone()?;
    (operation.crew > 0).then(|| (skill, operation.min_level.clamp(1, 5) as u8, operation.crew.clamp(0, 1_000) as u32))
}

fn rework_slots<'a>(
    state: &'a State,
    plan: &'a Plan,
    spec: &'a DesignSpec,
    calendar: &'a WorkCalendar,
) -> impl Iterator<Item = TaskSlot> + 'a {
    state.quality.reworks().filter(move |order| order.task.plan == plan.id).filter_map(move |order| {
        let (skill, level, crew) = attended(spec.operation(&order.of.operation)?)?;
        let start = state.quality.nonconformance(order.ncr)?.disposed.as_ref()?.at;
        let end = calendar.after_working_min(start, order.duration_min);
        Some(TaskSlot {
            task: order.task.clone(),
            start,
            end,
            days: day_minutes(calendar, start, end),
            skill,
            level,
            crew,
            predecessors: Vec::new(),
        })
    })
}

fn scheduled_slots(plan: &Plan, spec: &DesignSpec, calendar: &WorkCalendar) -> Vec<TaskSlot> {
    plan.proposal
        .operations
        .iter()
        .filter_map(|scheduled| {
            let operation = spec.operation(&scheduled.operation)?;
            let (skill, level, crew) = attended(operation)?;
            let task = TaskRef { plan: plan.id, operation: scheduled.operation.clone(), unit: scheduled.unit };
            let predecessors = operation
                .after
                .iter()
                .map(|before| TaskRef { plan: plan.id, operation: before.operation.clone(), unit: scheduled.unit })
                .collect();
            Some(TaskSlot {
                task,
                start: scheduled.start,
                end: scheduled.end,
                days: day_minutes(calendar, scheduled.start, scheduled.end),
                skill,
                level,
                crew,
                predecessors,
            })
        })
        .collect()
}

/// The slot of one task, when its plan exists and the operation needs a crew.
pub fn slot_of(state: &State, task: &TaskRef) -> Option<TaskSlot> {
    let plan = state.plans.plan(task.plan)?;
    plan_slots(state, plan).into_iter().find(|slot| slot.task == *task)
}
