//! Wire views: what the CLI's `--json` and (later) the HTTP API show. They are built from the
//! state but are not domain types, so the domain can change without breaking scripts.

pub mod credit_settings;
pub mod design_score;
pub mod designs;
pub mod field;
pub mod gantt;
pub mod improvement;
pub mod incoming;
pub mod ledger;
pub mod maintenance;
pub mod maintenance_periods;
pub mod people;
pub mod plans;
pub mod quality;
pub mod quality_chart;
pub mod quality_summary;
pub mod record;
pub mod review;
pub mod safety;
pub mod stock;

pub use credit_settings::CreditSettingsView;
pub use designs::{BomNode, DesignDetail, DesignSummary, OperationView};
pub use ledger::{ChainCheckView, LedgerEntryView};
pub use plans::{CapacityView, CostView, MandateView, PlanDetailView, PlanSummaryView};
pub use record::PublicRecordView;
pub use stock::{CatalogItemView, LotView, MaterialView, SupplierView};
