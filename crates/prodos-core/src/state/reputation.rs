//! Reputation via production output, always shown with its parts: verified hours and labor
//! events, and for plan tasks how often work passed verification the first time and finished by
//! its scheduled end. There is deliberately no single score.

use crate::execution::TaskStatus;
use crate::state::State;
use crate::units::Milli;
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reputation {
    pub handle: String,
    /// Verified hours over the participant's whole history.
    pub verified_hours: Milli,
    pub labor_events: u32,
    /// Distinct skills in which verified work was done.
    pub skills_worked: u32,
    /// Credits earned over the whole history (before decay).
    pub credits_earned: Milli,
    /// Plan tasks of theirs verified without being rejected first.
    pub tasks_verified_first_time: u32,
    /// Times a verifier rejected their completed task back for rework.
    pub tasks_rejected: u32,
    /// Verified tasks completed no later than their scheduled end.
    pub tasks_on_time: u32,
    pub tasks_late: u32,
}

pub fn reputation(state: &State, handle: &str) -> Reputation {
    let mut skills: Vec<&str> = state.credits.labor_of(handle).map(|record| record.skill.as_str()).collect();
    skills.sort_unstable();
    skills.dedup();
    let mut reputation = Reputation {
        handle: handle.to_string(),
        verified_hours: state.credits.labor_of(handle).map(|record| record.hours).sum(),
        labor_events: state.credits.labor_of(handle).count() as u32,
        skills_worked: skills.len() as u32,
        credits_earned: state.credits.labor_of(handle).map(|record| record.credits).sum(),
        ..Reputation::default()
    };
    for (task, record) in state.execution.touched() {
        if !record.crew.iter().any(|member| member == handle) {
            continue;
        }
        reputation.tasks_rejected += record.rejections;
        if record.status != TaskStatus::Verified {
            continue;
        }
        if record.rejections == 0 {
            reputation.tasks_verified_first_time += 1;
        }
        let scheduled_end = state.plans.plan(task.plan).and_then(|plan| {
            plan.proposal
                .operations
                .iter()
                .find(|op| op.operation == task.operation && op.unit == task.unit)
                .map(|op| op.end)
        });
        match (record.completed_at, scheduled_end) {
            (Some(completed), Some(end)) if completed <= end => reputation.tasks_on_time += 1,
            (Some(_), Some(_)) => reputation.tasks_late += 1,
            _ => {}
        }
    }
    reputation
}
