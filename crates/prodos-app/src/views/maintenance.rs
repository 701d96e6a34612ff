//! Maintenance as the shells show it: assets with their meters and status, preventive plans,
//! work orders, and what falls due now.

use prodos_core::State;
use prodos_core::maintenance::{Asset, DueService, PmPlan, WorkOrder, WorkOrderKind};
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
