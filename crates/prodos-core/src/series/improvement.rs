//! What an improvement changed, measured from the ledger: its metric on its operation over a
//! window before it was done and the same length after (or as much as has passed). Throughput
//! counts the operation's units that are verified, by the time they were completed, per week;
//! the defect rate is the share of the operation's inspections that were out of tolerance.

use crate::execution::TaskStatus;
use crate::improvement::{Improvement, Metric};
use crate::measure::Conformity;
use crate::state::State;
use crate::time::Timestamp;

const MS_PER_DAY: i64 = 86_400_000;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// Per week (throughput) or a share 0–1 (defect rate); `None` with nothing to measure.
    pub value: Option<f64>,
    /// Units completed, or inspections recorded, in the window.
    pub samples: u32,
    pub days: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Effect {
    pub before: Window,
    pub after: Window,
    /// True when the metric moved the way the proposal wanted (throughput up, defects down).
    pub improved: Option<bool>,
}

/// The effect of a done proposal; `None` until it is done.
pub fn effect(state: &State, improvement: &Improvement, window_days: u32, now: Timestamp) -> Option<Effect> {
    let (_, done, _) = improvement.done.as_ref()?;
    let span = i64::from(window_days.max(1)) * MS_PER_DAY;
    let before = measure(state, improvement, done.millis() - span, done.millis());
    let after = measure(state, improvement, done.millis(), (done.millis() + span).min(now.millis()));
    let improved = match (before.value, after.value, improvement.metric) {
        (Some(before), Some(after), Metric::Throughput) => Some(after > before),
        (Some(before), Some(after), Metric::DefectRate) => Some(after < before),
        _ => None,
    };
    Some(Effect { before, after, improved })
}

fn measure(state: &State, improvement: &Improvement, from: i64, to: i64) -> Window {
    let days = (to - from).max(0) as f64 / MS_PER_DAY as f64;
    let inside = |at: Timestamp| (from..to).contains(&at.millis());
    let ours = |plan| state.plans.plan(plan).is_some_and(|plan| plan.proposal.design.design == improvement.design);
    match improvement.metric {
        Metric::Throughput => {
            let samples = state
                .execution
                .touched()
                .filter(|(task, record)| {
                    task.operation == improvement.operation
                        && record.status == TaskStatus::Verified
                        && record.completed_at.is_some_and(inside)
                        && ours(task.plan)
                })
                .count() as u32;
            let value = (days >= 1.0).then(|| (f64::from(samples) * 7.0 / days * 100.0).round() / 100.0);
            Window { value, samples, days }
        }
        Metric::DefectRate => {
            let (mut samples, mut out) = (0u32, 0u32);
            for inspection in state.quality.inspections() {
                if inspection.design.design == improvement.design
                    && inspection.task.operation == improvement.operation
                    && inside(inspection.at)
                {
                    samples += 1;
                    out += u32::from(inspection.conformity == Conformity::OutOfTolerance);
                }
            }
            let value = (samples > 0).then(|| (f64::from(out) / f64::from(samples) * 1000.0).round() / 1000.0);
            Window { value, samples, days }
        }
    }
}
