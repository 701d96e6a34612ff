//! What may be asked of the upgrade loop: propose, decide (approve or reject), close as done.

use super::model::{ImprovementKind, Metric};
use crate::ids::{DesignId, ImprovementId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewProposal {
    pub title: String,
    pub kind: ImprovementKind,
    pub expected: String,
    pub design: DesignId,
    pub operation: String,
    pub metric: Metric,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ImprovementCommand {
    /// Anyone proposes.
    Propose { proposal: NewProposal, by: String },
    /// A coordinator approves or rejects a proposal, saying why.
    Decide { proposal: ImprovementId, approve: bool, note: String, by: String },
    /// An approved proposal is in use from now: its before/after is measured from here.
    Close { proposal: ImprovementId, note: String, by: String },
}
