//! Maintenance as the shells show it: assets with their meters and status, preventive plans,
//! work orders, what falls due now, and the reliability figures read off the record.

use prodos_core::maintenance::{Asset, DueService, Figures, PmPlan, Reliability, WeibullFit, WorkOrder, WorkOrderKind};
use prodos_core::{State, Timestamp};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetView {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub location: String,
    pub acquired: String,
    pub service_life_years: Option<i64>,
    pub spare_parts: Vec<String>,
    pub hours: f64,
    pub cycles: u64,
    /// `up`, or `down` with the open repair order.
    pub status: String,
    pub down_order: Option<String>,
    /// Per preventive plan, the hours and day of its last verified service.
    pub last_service: Vec<String>,
}

impl AssetView {
    pub fn of(asset: &Asset) -> AssetView {
        let down_order = asset.down_order().map(|order| order.to_string());
        let status = if down_order.is_some() { "down" } else { "up" }.to_string();
        AssetView {
            id: asset.id.to_string(),
            kind: asset.kind.clone(),
            name: asset.name.clone(),
            location: asset.location.clone(),
            acquired: asset.acquired.to_string(),
            service_life_years: asset.service_life_years,
            spare_parts: asset.spare_parts.clone(),
            hours: asset.meters.hours,
            cycles: asset.meters.cycles,
            status,
            down_order,
            last_service: asset
                .serviced
                .iter()
                .map(|(plan, (meters, at))| {
                    format!("{plan}: at {:.1} h on {}", meters.hours, prodos_core::plan::Day::of(*at))
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PmPlanView {
    pub key: String,
    pub kind: String,
    pub every_hours: Option<u32>,
    pub every_cycles: Option<u64>,
    pub every_days: Option<u32>,
    pub procedure: String,
    pub skill: String,
    pub level: u8,
    pub duration_min: u32,
    pub parts: Vec<String>,
}

impl PmPlanView {
    pub fn of(plan: &PmPlan) -> PmPlanView {
        PmPlanView {
            key: plan.key.clone(),
            kind: plan.kind.clone(),
            every_hours: plan.every_hours,
            every_cycles: plan.every_cycles,
            every_days: plan.every_days,
            procedure: plan.procedure.clone(),
            skill: plan.skill.clone(),
            level: plan.level,
            duration_min: plan.duration_min,
            parts: plan.parts.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkOrderView {
    pub id: String,
    pub asset: String,
    pub asset_name: String,
    /// `preventive` or `repair`.
    pub kind: &'static str,
    /// The plan and why it fell due, or the breakdown as reported.
    pub what: String,
    pub severity: Option<&'static str>,
    pub skill: Option<String>,
    pub level: Option<u8>,
    pub status: &'static str,
    pub worker: Option<String>,
    pub hours: Option<f64>,
    pub verified_by: Option<String>,
    pub opened_at_ms: i64,
}

impl WorkOrderView {
    pub fn of(state: &State, order: &WorkOrder) -> WorkOrderView {
        let (kind, what, severity) = match &order.kind {
            WorkOrderKind::Preventive { plan, reason } => ("preventive", format!("{plan}: {reason}"), None),
            WorkOrderKind::Repair { description, severity, reported_by } => {
                ("repair", format!("{description} (reported by {reported_by})"), Some(severity.as_str()))
            }
        };
        WorkOrderView {
            id: order.id.to_string(),
            asset: order.asset.to_string(),
            asset_name: state.maintenance.asset(order.asset).map(|asset| asset.name.clone()).unwrap_or_default(),
            kind,
            what,
            severity,
            skill: order.skill.as_ref().map(|(skill, _)| skill.clone()),
            level: order.skill.as_ref().map(|(_, level)| *level),
            status: order.status.as_str(),
            worker: order.worker.clone(),
            hours: order.hours,
            verified_by: order.verified.as_ref().map(|(by, _)| by.clone()),
            opened_at_ms: order.opened_at.millis(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DueView {
    pub asset: String,
    pub plan: String,
    pub reason: String,
    /// Past the due point, as a percentage of the interval (0 = exactly due).
    pub overdue_pct: f64,
    /// The open order for it, if one was issued.
    pub order: Option<String>,
}

impl DueView {
    pub fn of(state: &State, due: &DueService) -> DueView {
        DueView {
            asset: due.asset.id.to_string(),
            plan: due.plan.key.clone(),
            reason: due.reason.clone(),
            overdue_pct: (due.overdue_share * 1000.0).round() / 10.0,
            order: state.maintenance.open_preventive(due.asset.id, &due.plan.key).map(|order| order.id.to_string()),
        }
    }
}

/// A fitted Weibull of the failure intervals, in calendar hours.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeibullView {
    pub shape_beta: f64,
    pub scale_eta_hours: f64,
    pub r_squared: f64,
    pub intervals: usize,
    /// `infant mortality` (β < 0.9), `random` (0.9 to 1.1) or `wear-out` (β > 1.1).
    pub regime: &'static str,
}

impl WeibullView {
    pub fn of(fit: &WeibullFit) -> WeibullView {
        WeibullView {
            shape_beta: round(fit.shape_beta, 3),
            scale_eta_hours: round(fit.scale_eta_hours, 1),
            r_squared: round(fit.r_squared, 3),
            intervals: fit.intervals,
            regime: fit.regime.as_str(),
        }
    }
}

/// The reliability figures of one asset, or of one asset type (then without `asset` and `name`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReliabilityRowView {
    pub asset: Option<String>,
    pub name: Option<String>,
    pub kind: String,
    /// How many assets the row covers (1 for an asset).
    pub assets: u32,
    pub observed_hours: f64,
    pub downtime_hours: f64,
    pub failures: u32,
    pub mtbf_hours: Option<f64>,
    pub mttr_hours: Option<f64>,
    pub availability_pct: Option<f64>,
    /// Preventive work as a share of all work, in percent.
    pub planned_pct: Option<f64>,
    pub unplanned_pct: Option<f64>,
    /// `labor_hours`, or `order_count` when no order has hours recorded yet.
    pub share_basis: Option<&'static str>,
    pub backlog_orders: u32,
    pub backlog_hours: f64,
    pub backlog_oldest_days: Option<f64>,
    pub weibull: Option<WeibullView>,
}

impl ReliabilityRowView {
    fn of(asset: Option<&Asset>, kind: &str, assets: u32, figures: &Figures) -> ReliabilityRowView {
        let pct = |share: f64| round(share * 100.0, 1);
        ReliabilityRowView {
            asset: asset.map(|asset| asset.id.to_string()),
            name: asset.map(|asset| asset.name.clone()),
            kind: kind.to_string(),
            assets,
            observed_hours: round(figures.observed_hours, 1),
            downtime_hours: round(figures.downtime_hours, 1),
            failures: figures.failures,
            mtbf_hours: figures.mtbf_hours.map(|hours| round(hours, 1)),
            mttr_hours: figures.mttr_hours.map(|hours| round(hours, 1)),
            availability_pct: figures.availability.map(|share| round(share * 100.0, 2)),
            planned_pct: figures.work_share.map(|share| pct(share.planned)),
            unplanned_pct: figures.work_share.map(|share| pct(share.unplanned)),
            share_basis: figures.work_share.map(|share| share.basis.as_str()),
            backlog_orders: figures.backlog.open_orders,
            backlog_hours: round(figures.backlog.estimated_hours, 1),
            backlog_oldest_days: figures.backlog.oldest_age_days.map(|days| round(days, 1)),
            weibull: figures.weibull.as_ref().map(WeibullView::of),
        }
    }
}

/// The backlog at the end of one 7-day bucket.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BacklogPointView {
    pub week_end: String,
    pub week_end_ms: i64,
    pub open_orders: u32,
    pub estimated_hours: f64,
}

/// Least-squares slopes of the backlog over its last weeks.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BacklogTrendView {
    pub weeks: usize,
    pub orders_per_week: f64,
    pub hours_per_week: f64,
}

/// Reliability per asset and per asset type, and the backlog week by week with its trend.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReliabilityView {
    pub at_ms: i64,
    pub assets: Vec<ReliabilityRowView>,
    pub kinds: Vec<ReliabilityRowView>,
    pub backlog_series: Vec<BacklogPointView>,
    pub backlog_trend: Option<BacklogTrendView>,
}

impl ReliabilityView {
    pub fn of(state: &State, reliability: &Reliability, at: Timestamp) -> ReliabilityView {
        ReliabilityView {
            at_ms: at.millis(),
            assets: reliability
                .assets
                .iter()
                .map(|row| ReliabilityRowView::of(state.maintenance.asset(row.asset), &row.kind, 1, &row.figures))
                .collect(),
            kinds: reliability
                .kinds
                .iter()
                .map(|row| ReliabilityRowView::of(None, &row.kind, row.assets, &row.figures))
                .collect(),
            backlog_series: reliability
                .backlog_series
                .iter()
                .map(|point| BacklogPointView {
                    week_end: prodos_core::plan::Day::of(point.week_end).to_string(),
                    week_end_ms: point.week_end.millis(),
                    open_orders: point.open_orders,
                    estimated_hours: round(point.estimated_hours, 1),
                })
                .collect(),
            backlog_trend: reliability.backlog_trend.map(|trend| BacklogTrendView {
                weeks: trend.weeks,
                orders_per_week: round(trend.orders_per_week, 3),
                hours_per_week: round(trend.hours_per_week, 3),
            }),
        }
    }
}

/// Figures for people and JSON alike: the last digits of a float division say nothing.
fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}
