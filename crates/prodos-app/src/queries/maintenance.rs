//! Maintenance for the shells: assets, preventive plans, work orders, what is due now and the
//! reliability figures.

use crate::Node;
use crate::views::maintenance::{AssetView, DueView, PmPlanView, ReliabilityView, WorkOrderView};
use prodos_core::maintenance::{due_services, reliability::DEFAULT_TREND_WEEKS};
use prodos_core::{AssetId, Rejection, Timestamp};

pub fn assets(node: &Node) -> Vec<AssetView> {
    node.read(|state| state.maintenance.assets().iter().map(AssetView::of).collect())
}

pub fn asset(node: &Node, id: AssetId) -> Result<(AssetView, Vec<WorkOrderView>), Rejection> {
    node.read(|state| {
        let asset = state.maintenance.asset(id).ok_or(Rejection::UnknownAsset { asset: id })?;
        let orders = state
            .maintenance
            .orders()
            .iter()
            .filter(|order| order.asset == id)
            .map(|order| WorkOrderView::of(state, order))
            .collect();
        Ok((AssetView::of(asset), orders))
    })
}

pub fn pm_plans(node: &Node) -> Vec<PmPlanView> {
    node.read(|state| state.maintenance.plans().iter().map(PmPlanView::of).collect())
}

/// Work orders, oldest first; `open_only` keeps those not yet verified.
pub fn work_orders(node: &Node, open_only: bool) -> Vec<WorkOrderView> {
    node.read(|state| {
        state
            .maintenance
            .orders()
            .iter()
            .filter(|order| !open_only || order.is_open())
            .map(|order| WorkOrderView::of(state, order))
            .collect()
    })
}

/// Every preventive service due at `now`, the most overdue first.
pub fn maintenance_due(node: &Node, now: Timestamp) -> Vec<DueView> {
    node.read(|state| {
        let mut due: Vec<DueView> =
            due_services(&state.maintenance, now).iter().map(|due| DueView::of(state, due)).collect();
        due.sort_by(|a, b| b.overdue_pct.total_cmp(&a.overdue_pct));
        due
    })
}

/// MTBF, MTTR, availability, the planned share and the backlog per asset and per asset type at
/// `now`, with the weekly backlog and its trend over the last 8 weeks.
pub fn reliability(node: &Node, now: Timestamp) -> ReliabilityView {
    node.read(|state| {
        let figures = prodos_core::maintenance::reliability(&state.maintenance, now, DEFAULT_TREND_WEEKS);
        ReliabilityView::of(state, &figures, now)
    })
}
