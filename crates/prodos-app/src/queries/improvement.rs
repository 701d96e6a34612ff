//! The upgrade loop for the shells: proposals with their measured effect, and the three loops
//! side by side per week.

use crate::Node;
use crate::views::improvement::{ImprovementView, LoopsWeekView};
use prodos_core::Timestamp;
use prodos_core::calendar::Day;
use prodos_core::execution::TaskStatus;
use prodos_core::series::{effect, maintenance_periods};

/// The window before and after an improvement that its effect is measured over.
pub const EFFECT_WINDOW_DAYS: u32 = 28;

/// Every proposal in the order made; a done one with its before and after.
pub fn improvements(node: &Node, now: Timestamp) -> Vec<ImprovementView> {
    node.read(|state| {
        state
            .improvements
            .all()
            .iter()
            .map(|improvement| {
                let measured = effect(state, improvement, EFFECT_WINDOW_DAYS, now);
                ImprovementView::of(improvement, measured.as_ref())
            })
            .collect()
    })
}

/// Throughput, maintenance and upgrade per calendar week, the last `weeks` (this one included).
pub fn loops(node: &Node, weeks: u32, now: Timestamp) -> Vec<LoopsWeekView> {
    let today = Day::of(now);
    let weeks = weeks.max(1);
    let from = today.plus(-i64::from(today.weekday()) - 7 * (i64::from(weeks) - 1));
    node.read(|state| {
        maintenance_periods(state, from, weeks, now)
            .iter()
            .map(|period| {
                let (lo, hi) = (period.start.start(), period.end.start());
                let inside = |at: Timestamp| lo <= at && at < hi;
                let tasks_done = state
                    .execution
                    .touched()
                    .filter(|(_, record)| {
                        record.status == TaskStatus::Verified && record.completed_at.is_some_and(inside)
                    })
                    .count() as u32;
                let improvements_done = state
                    .improvements
                    .all()
                    .iter()
                    .filter(|improvement| improvement.done.as_ref().is_some_and(|(_, at, _)| inside(*at)))
                    .count() as u32;
                LoopsWeekView {
                    week: period.start.to_string(),
                    tasks_done,
                    work_orders_done: period.repairs + period.preventive_done,
                    maintenance_hours: period.maintenance_hours,
                    improvements_done,
                }
            })
            .collect()
    })
}
