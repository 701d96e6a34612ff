//! What may be asked of maintenance: register an asset, read its meters, set a preventive plan,
//! report a breakdown, open the due preventive orders, and work an order through.

use super::model::Severity;
use crate::calendar::Day;
use crate::ids::{AssetId, WorkOrderId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAsset {
    /// The tool or workstation id it provides (`spray-booth`).
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub location: String,
    pub acquired: Day,
    #[serde(default)]
    pub service_life_years: Option<i64>,
    /// Materials in stock that serve as its spare parts.
    #[serde(default)]
    pub spare_parts: Vec<String>,
}

/// Service every N hours, N cycles or N days, whichever comes first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPmPlan {
    /// A slug naming the plan (`booth-filters`).
    pub key: String,
    pub kind: String,
    #[serde(default)]
    pub every_hours: Option<i64>,
    #[serde(default)]
    pub every_cycles: Option<i64>,
    #[serde(default)]
    pub every_days: Option<i64>,
    pub procedure: String,
    pub skill: String,
    pub level: i64,
    pub duration_min: i64,
    #[serde(default)]
    pub parts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MaintenanceCommand {
    RegisterAsset {
        asset: NewAsset,
        by: String,
    },
    /// Cumulative meter totals as read off the asset; a total lower than the last is refused.
    RecordMeter {
        asset: AssetId,
        hours: Option<f64>,
        cycles: Option<u64>,
        by: String,
    },
    SetPmPlan {
        plan: NewPmPlan,
        by: String,
    },
    /// Anyone reports; the asset is down from now until its repair order is verified.
    ReportBreakdown {
        asset: AssetId,
        description: String,
        severity: Severity,
        /// The repair's estimated working time, when the reporter can tell: the order's duration
        /// (and backlog hours) until it is worked.
        #[serde(default)]
        estimate_min: Option<i64>,
        by: String,
    },
    /// Opens a preventive order for every plan that is due by meter or calendar and has none open.
    IssueDueOrders {
        by: String,
    },
    StartWorkOrder {
        order: WorkOrderId,
        worker: String,
    },
    CompleteWorkOrder {
        order: WorkOrderId,
        by: String,
        hours: Option<f64>,
        note: String,
    },
    /// By someone other than the worker; a repair brings the asset back up.
    VerifyWorkOrder {
        order: WorkOrderId,
        by: String,
    },
    /// Anyone takes an unsafe asset out of use; nothing may start on it until it is cleared.
    LockOut {
        asset: AssetId,
        reason: String,
        by: String,
    },
    /// A coordinator releases a locked-out asset, recording the inspection that cleared it.
    ClearLockout {
        asset: AssetId,
        inspection: String,
        by: String,
    },
}
