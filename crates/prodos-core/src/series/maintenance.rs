//! The maintenance loop per week, for the gauge: breakdowns and repairs, downtime, preventive
//! work done and left late, maintenance labor, safety incidents and the backlog at each week's
//! end. A preventive order opens at its due point (a meter or the calendar reached its plan's
//! interval), so its age at a week's end, while still unverified, is how late it is.

use crate::calendar::Day;
use crate::maintenance::{WorkOrder, WorkOrderKind};
use crate::safety::IncidentKind;
use crate::state::State;
use crate::time::Timestamp;

const MS_PER_HOUR: f64 = 3_600_000.0;
const MS_PER_DAY: f64 = 86_400_000.0;

#[derive(Debug, Clone, PartialEq)]
pub struct MaintenancePeriod {
    /// The period's first day and the day after its last (a week unless cut short by `now`).
    pub start: Day,
    pub end: Day,
    /// Breakdown reports (repair orders opened).
    pub breakdowns: u32,
    /// Repair orders verified: the asset came back up.
    pub repairs: u32,
    pub preventive_done: u32,
    /// Hours assets were down for repair within the period.
    pub downtime_hours: f64,
    /// Labor hours of work orders completed in the period.
    pub maintenance_hours: f64,
    /// Preventive orders open at the period's end, and their summed lateness in days.
    pub preventive_overdue: u32,
    pub preventive_late_days: f64,
    pub incidents: u32,
    pub near_misses: u32,
    /// Orders not verified at the period's end, and their estimated hours.
    pub backlog_orders: u32,
    pub backlog_hours: f64,
}

fn verified_at(order: &WorkOrder) -> Option<Timestamp> {
    order.verified.as_ref().map(|(_, at)| *at)
}

fn within(at: Timestamp, from: i64, to: i64) -> bool {
    (from..to).contains(&at.millis())
}

/// `weeks` periods of seven days from `from`, the last ending at `now` at the latest.
pub fn maintenance_periods(state: &State, from: Day, weeks: u32, now: Timestamp) -> Vec<MaintenancePeriod> {
    let orders = state.maintenance.orders();
    let incidents = state.safety.incidents();
    let mut periods = Vec::new();
    for week in 0..i64::from(weeks) {
        let start = from.plus(7 * week);
        if start.start() >= now {
            break;
        }
        let end = start.plus(7);
        let (lo, hi) = (start.start().millis(), end.start().millis().min(now.millis()));
        let mut period = MaintenancePeriod {
            start,
            end,
            breakdowns: 0,
            repairs: 0,
            preventive_done: 0,
            downtime_hours: 0.0,
            maintenance_hours: 0.0,
            preventive_overdue: 0,
            preventive_late_days: 0.0,
            incidents: 0,
            near_misses: 0,
            backlog_orders: 0,
            backlog_hours: 0.0,
        };
        for order in orders.iter().filter(|order| order.opened_at.millis() < hi) {
            let repair = matches!(order.kind, WorkOrderKind::Repair { .. });
            let closed = verified_at(order).filter(|at| at.millis() < hi);
            if repair && within(order.opened_at, lo, hi) {
                period.breakdowns += 1;
            }
            if closed.is_some_and(|at| at.millis() >= lo) {
                if repair {
                    period.repairs += 1;
                } else {
                    period.preventive_done += 1;
                }
            }
            if let (Some(completed), Some(hours)) = (order.completed_at, order.hours)
                && within(completed, lo, hi)
            {
                period.maintenance_hours += hours;
            }
            if repair {
                let down_from = order.opened_at.millis().max(lo);
                let down_to = closed.map_or(hi, |at| at.millis()).min(hi);
                period.downtime_hours += (down_to - down_from).max(0) as f64 / MS_PER_HOUR;
            }
            if closed.is_none() {
                period.backlog_orders += 1;
                period.backlog_hours += f64::from(order.duration_min) / 60.0;
                if !repair {
                    period.preventive_overdue += 1;
                    period.preventive_late_days += (hi - order.opened_at.millis()) as f64 / MS_PER_DAY;
                }
            }
        }
        for incident in incidents.iter().filter(|incident| within(incident.at, lo, hi)) {
            match incident.kind {
                IncidentKind::Incident => period.incidents += 1,
                IncidentKind::NearMiss => period.near_misses += 1,
            }
        }
        for value in [&mut period.downtime_hours, &mut period.maintenance_hours, &mut period.preventive_late_days] {
            *value = (*value * 100.0).round() / 100.0;
        }
        periods.push(period);
    }
    periods
}
