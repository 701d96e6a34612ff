//! The maintenance loop per week as the shells show it: the series the gauge reads.

use prodos_core::series::MaintenancePeriod;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaintenancePeriodView {
    /// The week's first day, `2027-03-01`.
    pub week: String,
    pub breakdowns: u32,
    pub repairs: u32,
    pub preventive_done: u32,
    pub downtime_hours: f64,
    pub maintenance_hours: f64,
    /// Preventive orders still open at the week's end (each opened when due), and their
    /// summed lateness in days.
    pub preventive_overdue: u32,
    pub preventive_late_days: f64,
    pub incidents: u32,
    pub near_misses: u32,
    pub backlog_orders: u32,
    pub backlog_hours: f64,
}

impl MaintenancePeriodView {
    pub fn of(period: &MaintenancePeriod) -> MaintenancePeriodView {
        MaintenancePeriodView {
            week: period.start.to_string(),
            breakdowns: period.breakdowns,
            repairs: period.repairs,
            preventive_done: period.preventive_done,
            downtime_hours: period.downtime_hours,
            maintenance_hours: period.maintenance_hours,
            preventive_overdue: period.preventive_overdue,
            preventive_late_days: period.preventive_late_days,
            incidents: period.incidents,
            near_misses: period.near_misses,
            backlog_orders: period.backlog_orders,
            backlog_hours: (period.backlog_hours * 100.0).round() / 100.0,
        }
    }
}
