//! Incoming inspection: which materials a lot from outside the node must pass a sampling
//! inspection for (AQL and inspection level), and the record of each lot's inspection with the
//! plan it followed (ISO 2859-1, from `prodos_spc::sampling`) and its verdict.

use crate::ids::{LotId, LotInspectionId, NonconformanceId};
use crate::provenance::Provenance;
use crate::time::Timestamp;
pub use prodos_spc::sampling::{InspectionLevel, SamplingPlan};
use serde::{Deserialize, Serialize};

/// How lots of one material are sampled on receipt.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IncomingPlan {
    /// Acceptable quality level, percent nonconforming (a column of the table).
    pub aql: f64,
    #[serde(default = "default_level")]
    pub level: InspectionLevel,
}

fn default_level() -> InspectionLevel {
    InspectionLevel::II
}

impl std::fmt::Display for IncomingPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AQL {}, level {}", self.aql, self.level)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotInspection {
    pub id: LotInspectionId,
    pub lot: LotId,
    pub material: String,
    pub provenance: Provenance,
    /// Items in the lot, the table's N.
    pub lot_size: u32,
    pub incoming: IncomingPlan,
    pub plan: SamplingPlan,
    pub inspected: u32,
    pub defective: u32,
    pub accepted: bool,
    /// The nonconformance a rejection opened.
    pub ncr: Option<NonconformanceId>,
    pub by: String,
    pub note: String,
    pub at: Timestamp,
}

impl LotInspection {
    /// One line a receiving inspector reads: the plan and how the sample compared with it.
    pub fn verdict(&self) -> String {
        format!(
            "{} of {} defective (letter {}, accept on {}, reject on {}): {}",
            self.defective,
            self.inspected,
            self.plan.plan_code,
            self.plan.accept,
            self.plan.reject,
            if self.accepted { "accepted" } else { "rejected" }
        )
    }
}
