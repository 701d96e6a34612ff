//! The maintenance loop per week for the shells and, later, the gauge.

use crate::Node;
use crate::views::maintenance_periods::MaintenancePeriodView;
use prodos_core::Timestamp;
use prodos_core::calendar::Day;
use prodos_core::series::maintenance_periods as periods;

/// The last `weeks` calendar weeks (Monday to Sunday), the current one so far included.
pub fn maintenance_periods(node: &Node, weeks: u32, now: Timestamp) -> Vec<MaintenancePeriodView> {
    let today = Day::of(now);
    let this_monday = today.plus(-i64::from(today.weekday()));
    let from = this_monday.plus(-7 * (i64::from(weeks.max(1)) - 1));
    node.read(|state| periods(state, from, weeks.max(1), now).iter().map(MaintenancePeriodView::of).collect())
}
