//! The maintenance record: assets with their meters, status and last service per plan, the
//! preventive plans per asset type, and every work order in the order it was opened.

use crate::calendar::Day;
use crate::ids::{AssetId, WorkOrderId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Cumulative totals: hours of use and cycles (or units produced).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Meters {
    pub hours: f64,
    pub cycles: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetStatus {
    Up,
    /// Down since a breakdown report, until the repair order is verified.
    Down {
        since: Timestamp,
        order: WorkOrderId,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Asset {
    pub id: AssetId,
    /// The tool or workstation id it provides.
    pub kind: String,
    pub name: String,
    pub location: String,
    pub acquired: Day,
    pub service_life_years: Option<i64>,
    pub spare_parts: Vec<String>,
    pub meters: Meters,
    pub read_at: Option<Timestamp>,
    pub status: AssetStatus,
    /// Per preventive plan: the meters and time of its last verified service.
    pub serviced: BTreeMap<String, (Meters, Timestamp)>,
}

impl Asset {
    pub fn is_down(&self) -> bool {
        self.down_order().is_some()
    }
    /// The repair order that must be verified before the asset is up again.
    pub fn down_order(&self) -> Option<WorkOrderId> {
        match self.status {
            AssetStatus::Down { order, .. } => Some(order),
            AssetStatus::Up => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PmPlan {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkOrderKind {
    /// Opened because `plan` fell due: `reason` says which interval.
    Preventive { plan: String, reason: String },
    /// Opened by a breakdown report.
    Repair { description: String, severity: Severity, reported_by: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkOrderStatus {
    Open,
    InProgress,
    Done,
    Verified,
}

impl WorkOrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            WorkOrderStatus::Open => "open",
            WorkOrderStatus::InProgress => "in progress",
            WorkOrderStatus::Done => "done",
            WorkOrderStatus::Verified => "verified",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkOrder {
    pub id: WorkOrderId,
    pub asset: AssetId,
    pub kind: WorkOrderKind,
    /// The skill and level that may work it (a repair: none, unless the asset type's plan says).
    pub skill: Option<(String, u8)>,
    pub duration_min: u32,
    pub opened_at: Timestamp,
    pub status: WorkOrderStatus,
    pub worker: Option<String>,
    pub started_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
    pub hours: Option<f64>,
    pub note: String,
    pub verified: Option<(String, Timestamp)>,
}

impl WorkOrder {
    /// A new order, open from `at`, not yet worked.
    pub fn open(
        id: WorkOrderId,
        asset: AssetId,
        kind: WorkOrderKind,
        skill: Option<(String, u8)>,
        duration_min: u32,
        at: Timestamp,
    ) -> WorkOrder {
        WorkOrder {
            id,
            asset,
            kind,
            skill,
            duration_min,
            opened_at: at,
            status: WorkOrderStatus::Open,
            worker: None,
            started_at: None,
            completed_at: None,
            hours: None,
            note: String::new(),
            verified: None,
        }
    }
    pub fn plan(&self) -> Option<&str> {
        match &self.kind {
            WorkOrderKind::Preventive { plan, .. } => Some(plan),
            WorkOrderKind::Repair { .. } => None,
        }
    }
    pub fn is_open(&self) -> bool {
        self.status != WorkOrderStatus::Verified
    }
}

/// An asset taken out of use for safety: no task or work order may start on it until someone
/// inspects it and clears the lockout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lockout {
    pub reason: String,
    pub by: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Maintenance {
    pub(crate) assets: Vec<Asset>,
    pub(crate) plans: Vec<PmPlan>,
    pub(crate) orders: Vec<WorkOrder>,
    pub(crate) lockouts: BTreeMap<AssetId, Lockout>,
}

impl Maintenance {
    pub fn assets(&self) -> &[Asset] {
        &self.assets
    }
    pub fn asset(&self, id: AssetId) -> Option<&Asset> {
        self.assets.get((id.0 as usize).checked_sub(1)?)
    }
    pub(crate) fn asset_mut(&mut self, id: AssetId) -> Option<&mut Asset> {
        self.assets.get_mut((id.0 as usize).checked_sub(1)?)
    }
    pub fn next_asset(&self) -> AssetId {
        AssetId(self.assets.len() as u32 + 1)
    }
    pub fn plans(&self) -> &[PmPlan] {
        &self.plans
    }
    pub fn plans_for<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a PmPlan> + 'a {
        self.plans.iter().filter(move |plan| plan.kind == kind)
    }
    pub fn orders(&self) -> &[WorkOrder] {
        &self.orders
    }
    pub fn order(&self, id: WorkOrderId) -> Option<&WorkOrder> {
        self.orders.get((id.0 as usize).checked_sub(1)?)
    }
    pub(crate) fn order_mut(&mut self, id: WorkOrderId) -> Option<&mut WorkOrder> {
        self.orders.get_mut((id.0 as usize).checked_sub(1)?)
    }
    pub fn next_order(&self) -> WorkOrderId {
        WorkOrderId(self.orders.len() as u32 + 1)
    }
    /// The open preventive order of `plan` on `asset`, if one is open.
    pub fn open_preventive(&self, asset: AssetId, plan: &str) -> Option<&WorkOrder> {
        self.orders.iter().find(|order| order.asset == asset && order.is_open() && order.plan() == Some(plan))
    }
    /// The asset's lockout, while it is locked out.
    pub fn lockout(&self, id: AssetId) -> Option<&Lockout> {
        self.lockouts.get(&id)
    }
    /// Why no work may use `asset` now (down for repair, or locked out), if it may not.
    pub fn unavailable(&self, asset: &Asset) -> Option<String> {
        if let Some(lockout) = self.lockout(asset.id) {
            return Some(format!("{} locked out by {}: {}", asset.id, lockout.by, lockout.reason));
        }
        asset.down_order().map(|order| format!("{} down until {order} is verified", asset.id))
    }
    /// Units of `kind` that no work may use now, each with the reason.
    pub fn unavailable_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = (&'a Asset, String)> + 'a {
        self.assets
            .iter()
            .filter(move |asset| asset.kind == kind)
            .filter_map(|asset| Some((asset, self.unavailable(asset)?)))
    }
}
