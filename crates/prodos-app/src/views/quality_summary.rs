//! Wire views of a design's quality record: yield, rework hours and scrap cost per operation and
//! in total, and the quality signals counted per week, ready for the node's diagnostic gauge.

use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperationQualityView {
    pub operation: String,
    /// Tasks with at least one inspection.
    pub inspected: u32,
    /// Inspected tasks whose every check conformed the first time.
    pub first_pass: u32,
    /// `first_pass / inspected`, when anything was inspected.
    pub first_pass_yield: Option<f64>,
    pub nonconformances: u32,
    pub reworks: u32,
    /// Hours of verified rework, per crew member summed.
    pub rework_hours: f64,
    pub scrapped: u32,
    /// Material written off with scrapped units, in the node's currency.
    pub scrap_cost: f64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualityPeriodView {
    /// The Monday the week begins.
    pub week_of: String,
    pub inspections: u32,
    /// Results out of tolerance.
    pub defects: u32,
    pub reworks: u32,
    pub scraps: u32,
    pub signals: u32,
    /// Nonconformances without a disposition at the end of the week.
    pub open_nonconformances: u32,
}

/// `prodos inspect summary DESIGN`: what the ledger says about a design's quality.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualitySummaryView {
    pub design: String,
    pub operations: Vec<OperationQualityView>,
    pub total: OperationQualityView,
    pub weeks: Vec<QualityPeriodView>,
}
