//! Replanning a mandate under way: what its committed plan has already done. Verified and done
//! tasks are finished; tasks in progress keep their crew and start and run for their planned
//! duration. Neither is scheduled again, their people and tools stay busy until they end, and
//! what they consumed is not demanded again.

use crate::explode::Explosion;
use prodos_core::design::DesignSpec;
use prodos_core::execution::TaskStatus;
use prodos_core::orchestration::plan_progress::progress_of;
use prodos_core::plan::{Carried, Plan, ScheduledOperation, WorkCalendar};
use prodos_core::units::Milli;
use prodos_core::{PlanId, State, Timestamp};
use std::collections::{BTreeMap, HashMap};

/// One task of the continued plan that has begun.
#[derive(Debug, Clone, PartialEq)]
pub struct CarriedTask {
    pub status: Carried,
    pub started_at: Timestamp,
    /// When it ended (done, verified) or is expected to end (in progress: its start plus the
    /// planned duration, or the new plan's start if that has passed).
    pub ends: Timestamp,
    pub crew: Vec<String>,
}

/// The progress of the plan a proposal continues; empty when the mandate has no committed plan
/// or nothing of it has begun.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    pub continues: Option<PlanId>,
    /// By (operation index in the spec, unit).
    tasks: HashMap<(usize, u32), CarriedTask>,
    /// Per material, what the begun tasks consumed, in stock units.
    consumed: BTreeMap<String, Milli>,
}

impl Progress {
    /// The progress of `committed` (the mandate's committed plan) as a plan starting at `start`
    /// sees it.
    pub fn of(state: &State, committed: Option<&Plan>, spec: &DesignSpec, start: Timestamp) -> Progress {
        let Some(plan) = committed else { return Progress::default() };
        let calendar = &state.capacity.calendar;
        let mut progress = Progress::default();
        for (task, record) in state.execution.touched_of(plan.id) {
            // A scrapped unit is built again: its work and what it consumed do not count.
            if state.quality.scrapped(plan.id, task.unit).is_some() {
                continue;
            }
            let (Some(status), Some(op_idx)) =
                (progress_of(record), spec.operations.iter().position(|op| op.id == task.operation))
            else {
                continue;
            };
            let started_at = record.started_at.unwrap_or(start);
            let ends = match (record.status, record.completed_at) {
                (TaskStatus::Done | TaskStatus::Verified, Some(completed)) => completed,
                _ => expected_end(calendar, &spec.operations[op_idx], started_at).max(start),
            };
            for consumption in &record.consumed {
                *progress.consumed.entry(consumption.material.clone()).or_default() += consumption.qty;
            }
            progress
                .tasks
                .insert((op_idx, task.unit), CarriedTask { status, started_at, ends, crew: record.crew.clone() });
        }
        if !progress.tasks.is_empty() {
            progress.continues = Some(plan.id);
        }
        progress
    }

    pub fn get(&self, op_idx: usize, unit: u32) -> Option<&CarriedTask> {
        self.tasks.get(&(op_idx, unit))
    }

    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    /// Tasks still running, with their operation index and unit.
    pub fn running(&self) -> impl Iterator<Item = ((usize, u32), &CarriedTask)> {
        self.tasks.iter().filter(|(_, task)| task.status == Carried::InProgress).map(|(key, task)| (*key, task))
    }

    /// How many units of an operation are still to be done.
    pub fn units_left(&self, op_idx: usize, qty: u32) -> u32 {
        (1..=qty).filter(|&unit| self.get(op_idx, unit).is_none()).count() as u32
    }

    /// The explosion less what begun tasks consumed: only the rest is netted and bought.
    pub fn remaining(&self, mut explosion: Explosion) -> Explosion {
        for total in &mut explosion.materials {
            if let Some(&consumed) = self.consumed.get(&total.material) {
                total.total = (total.total - consumed).max(Milli::ZERO);
            }
        }
        explosion
    }

    /// The carried tasks as operations of the new plan, at their recorded times and crews.
    pub fn operations(&self, spec: &DesignSpec, calendar: &WorkCalendar, start: Timestamp) -> Vec<ScheduledOperation> {
        let offset = |at: Timestamp| {
            if at >= start { calendar.working_min_between(start, at) } else { -calendar.working_min_between(at, start) }
        };
        let mut operations: Vec<ScheduledOperation> = self
            .tasks
            .iter()
            .map(|(&(op_idx, unit), task)| {
                let mut crew = task.crew.clone();
                crew.sort_unstable();
                ScheduledOperation {
                    operation: spec.operations[op_idx].id.clone(),
                    unit,
                    start: task.started_at,
                    end: task.ends,
                    start_work_min: offset(task.started_at),
                    end_work_min: offset(task.ends),
                    slack_work_min: 0,
                    critical: false,
                    resources: crate::model::resource_labels(&spec.operations[op_idx]),
                    crew,
                    carried: Some(task.status),
                }
            })
            .collect();
        operations.sort_by_key(|op| (op.start_work_min, op.unit, op.operation.clone()));
        operations
    }

    /// What the verdict says about the carried work, e.g. `continues PROD-0001: 5 verified, 1 done,
    ///  2 in progress (kept with their crews); only the 28 others are scheduled, and what
    /// begun tasks consumed is not demanded again`.
    pub fn note(&self, total_tasks: usize) -> Option<String> {
        let continues = self.continues?;
        let count = |status: Carried| self.tasks.values().filter(|task| task.status == status).count();
        let parts: Vec<String> = [Carried::Verified, Carried::Done, Carried::InProgress]
            .into_iter()
            .filter(|&status| count(status) > 0)
            .map(|status| format!("{} {}", count(status), status.as_str()))
            .collect();
        let kept = if count(Carried::InProgress) > 0 { " (kept with their crews and starts)" } else { "" };
        Some(format!(
            "continues {continues}: {}{kept}; only the {} other tasks are scheduled, and what begun tasks consumed \
             is not demanded again",
            parts.join(", "),
            total_tasks.saturating_sub(self.tasks.len())
        ))
    }
}

/// When a task started at `started_at` ends if it takes its planned duration: working time for
/// hands-on work, elapsed time for an unattended step.
fn expected_end(
    calendar: &WorkCalendar,
    operation: &prodos_core::design::OperationSpec,
    started_at: Timestamp,
) -> Timestamp {
    if operation.crew > 0 {
        calendar.after_working_min(started_at, operation.duration_min.max(0))
    } else {
        Timestamp::from_millis(started_at.millis() + operation.duration_min.max(0) * 60_000)
    }
}
