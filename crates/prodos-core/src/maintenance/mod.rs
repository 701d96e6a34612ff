//! Maintenance: the node's assets (each unit of a tool or workstation), their meters, the
//! preventive plans per asset type and the work orders that keep them up — preventive ones
//! opened when a meter or the calendar reaches a plan's interval, repair ones opened by a
//! breakdown report, which takes the asset down until its order is verified. The area keeps the
//! record; what a work order needs from people and credits is decided in
//! `crate::orchestration::work_order`.

pub mod command;
pub mod due;
pub mod event;
pub mod model;
pub mod reliability;

pub use command::{MaintenanceCommand, NewAsset, NewPmPlan};
pub use due::{DueService, due_services};
pub use event::MaintenanceEvent;
pub use model::{
    Asset, AssetStatus, Lockout, Maintenance, Meters, PmPlan, Severity, WorkOrder, WorkOrderKind, WorkOrderStatus,
};
pub use reliability::{
    AssetReliability, Backlog, BacklogPoint, BacklogTrend, Figures, KindReliability, Reliability, ShareBasis,
    WeibullFit, WeibullRegime, WorkShare, backlog_series, backlog_trend, reliability, weibull_fit,
};
