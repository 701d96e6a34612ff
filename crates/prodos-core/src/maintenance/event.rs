//! Facts of maintenance. A work order opens (preventive, when due; repair, with the breakdown
//! that took its asset down), is started, completed and verified; verification of a repair
//! brings the asset back up and of a preventive order records the service at the asset's meters.

use super::model::{
    Asset, AssetStatus, Lockout, Maintenance, Meters, PmPlan, WorkOrder, WorkOrderKind, WorkOrderStatus,
};
use crate::ids::{AssetId, WorkOrderId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MaintenanceEvent {
    AssetRegistered {
        asset: Asset,
    },
    MeterRead {
        asset: AssetId,
        meters: Meters,
        by: String,
        at: Timestamp,
    },
    PmPlanSet {
        plan: PmPlan,
        by: String,
        at: Timestamp,
    },
    WorkOrderOpened {
        order: WorkOrder,
    },
    WorkOrderStarted {
        order: WorkOrderId,
        worker: String,
        at: Timestamp,
    },
    WorkOrderCompleted {
        order: WorkOrderId,
        by: String,
        hours: f64,
        note: String,
        at: Timestamp,
    },
    WorkOrderVerified {
        order: WorkOrderId,
        by: String,
        at: Timestamp,
    },
    AssetLockedOut {
        asset: AssetId,
        reason: String,
        by: String,
        at: Timestamp,
    },
    /// `inspection` records what was checked before the asset was released.
    LockoutCleared {
        asset: AssetId,
        inspection: String,
        by: String,
        at: Timestamp,
    },
}

impl MaintenanceEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            MaintenanceEvent::AssetRegistered { .. } => "AssetRegistered",
            MaintenanceEvent::MeterRead { .. } => "MeterRead",
            MaintenanceEvent::PmPlanSet { .. } => "PmPlanSet",
            MaintenanceEvent::WorkOrderOpened { .. } => "WorkOrderOpened",
            MaintenanceEvent::WorkOrderStarted { .. } => "WorkOrderStarted",
            MaintenanceEvent::WorkOrderCompleted { .. } => "WorkOrderCompleted",
            MaintenanceEvent::WorkOrderVerified { .. } => "WorkOrderVerified",
            MaintenanceEvent::AssetLockedOut { .. } => "AssetLockedOut",
            MaintenanceEvent::LockoutCleared { .. } => "LockoutCleared",
        }
    }
}

impl Maintenance {
    pub fn apply(&mut self, event: &MaintenanceEvent) {
        match event {
            MaintenanceEvent::AssetRegistered { asset } => self.assets.push(asset.clone()),
            MaintenanceEvent::MeterRead { asset, meters, at, .. } => {
                if let Some(asset) = self.asset_mut(*asset) {
                    asset.meters = *meters;
                    asset.read_at = Some(*at);
                }
            }
            MaintenanceEvent::PmPlanSet { plan, .. } => {
                self.plans.retain(|known| known.key != plan.key);
                self.plans.push(plan.clone());
            }
            MaintenanceEvent::WorkOrderOpened { order } => {
                if matches!(order.kind, WorkOrderKind::Repair { .. })
                    && let Some(asset) = self.asset_mut(order.asset)
                {
                    asset.status = AssetStatus::Down { since: order.opened_at, order: order.id };
                }
                self.orders.push(order.clone());
            }
            MaintenanceEvent::WorkOrderStarted { order, worker, at } => {
                if let Some(order) = self.order_mut(*order) {
                    order.status = WorkOrderStatus::InProgress;
                    order.worker = Some(worker.clone());
                    order.started_at = Some(*at);
                }
            }
            MaintenanceEvent::WorkOrderCompleted { order, hours, note, at, .. } => {
                if let Some(order) = self.order_mut(*order) {
                    order.status = WorkOrderStatus::Done;
                    order.hours = Some(*hours);
                    order.note = note.clone();
                    order.completed_at = Some(*at);
                }
            }
            MaintenanceEvent::AssetLockedOut { asset, reason, by, at } => {
                self.lockouts.insert(*asset, Lockout { reason: reason.clone(), by: by.clone(), at: *at });
            }
            MaintenanceEvent::LockoutCleared { asset, .. } => {
                self.lockouts.remove(asset);
            }
            MaintenanceEvent::WorkOrderVerified { order, by, at } => {
                let Some(record) = self.order_mut(*order) else { return };
                record.status = WorkOrderStatus::Verified;
                record.verified = Some((by.clone(), *at));
                let (asset, id, plan) = (record.asset, record.id, record.plan().map(str::to_string));
                let Some(asset) = self.asset_mut(asset) else { return };
                if matches!(asset.status, AssetStatus::Down { order, .. } if order == id) {
                    asset.status = AssetStatus::Up;
                }
                if let Some(plan) = plan {
                    let meters = asset.meters;
                    asset.serviced.insert(plan, (meters, *at));
                }
            }
        }
    }
}
