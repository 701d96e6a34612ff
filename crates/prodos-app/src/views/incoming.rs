//! Incoming inspection as the shells show it: which materials are sampled on receipt, each
//! lot's sampling inspection with the plan it followed, and a plan looked up from the table.

use prodos_core::quality::{IncomingPlan, LotInspection};
use prodos_spc::sampling::SamplingPlan;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncomingPlanView {
    pub material: String,
    pub aql: f64,
    /// General inspection level `I`, `II` or `III`.
    pub level: String,
    /// Lots of the material waiting for their inspection now.
    pub awaiting: Vec<String>,
}

impl IncomingPlanView {
    pub fn of(material: &str, plan: &IncomingPlan, awaiting: Vec<String>) -> IncomingPlanView {
        IncomingPlanView { material: material.into(), aql: plan.aql, level: plan.level.to_string(), awaiting }
    }
}

/// One plan of ISO 2859-1 Table 2-A for a lot size.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SamplingPlanView {
    pub lot_size: u32,
    pub aql: f64,
    pub level: String,
    /// The code letter of the lot size, and the letter whose plan applies after the arrows.
    pub code: String,
    pub plan_code: String,
    pub sample: u32,
    pub accept: u32,
    pub reject: u32,
    /// The sample is the whole lot.
    pub hundred_percent: bool,
}

impl SamplingPlanView {
    pub fn of(lot_size: u32, incoming: &IncomingPlan, plan: &SamplingPlan) -> SamplingPlanView {
        SamplingPlanView {
            lot_size,
            aql: incoming.aql,
            level: incoming.level.to_string(),
            code: plan.code.to_string(),
            plan_code: plan.plan_code.to_string(),
            sample: plan.sample,
            accept: plan.accept,
            reject: plan.reject,
            hundred_percent: plan.hundred_percent,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LotInspectionView {
    pub id: String,
    pub lot: String,
    pub material: String,
    pub provenance: String,
    pub plan: SamplingPlanView,
    pub inspected: u32,
    pub defective: u32,
    pub accepted: bool,
    pub ncr: Option<String>,
    pub verdict: String,
    pub by: String,
    pub note: String,
    pub at_ms: i64,
}

impl LotInspectionView {
    pub fn of(inspection: &LotInspection) -> LotInspectionView {
        LotInspectionView {
            id: inspection.id.to_string(),
            lot: inspection.lot.to_string(),
            material: inspection.material.clone(),
            provenance: inspection.provenance.to_string(),
            plan: SamplingPlanView::of(inspection.lot_size, &inspection.incoming, &inspection.plan),
            inspected: inspection.inspected,
            defective: inspection.defective,
            accepted: inspection.accepted,
            ncr: inspection.ncr.map(|ncr| ncr.to_string()),
            verdict: inspection.verdict(),
            by: inspection.by.clone(),
            note: inspection.note.clone(),
            at_ms: inspection.at.millis(),
        }
    }
}
