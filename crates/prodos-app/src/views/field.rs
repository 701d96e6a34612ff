//! Wire views of field feedback: each report, and per design version the roll-up into failure
//! rate over time in service and mean time to failure.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldReportView {
    pub id: String,
    pub serial: String,
    pub design: String,
    /// `failure` or `observation`.
    pub kind: &'static str,
    pub item: Option<String>,
    pub on: String,
    pub photo: Option<String>,
    pub note: String,
    pub by: String,
    pub at_ms: i64,
    /// Minutes spent repairing the failure, when reported.
    pub repair_min: Option<i64>,
}

/// One design version in the field. Time in service runs from each good's release to its first
/// failure, or to today when it has not failed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldVersionView {
    pub design: String,
    pub distributed: u32,
    pub failed_goods: u32,
    pub failures: u32,
    pub observations: u32,
    pub service_days: i64,
    /// Failures per year in service.
    pub failure_rate_per_year: Option<f64>,
    /// Days in service per failure.
    pub mttf_days: Option<f64>,
    /// The design's stated service life, for comparison.
    pub service_life_years: Option<i64>,
}
