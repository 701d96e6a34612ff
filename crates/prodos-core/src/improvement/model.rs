//! The improvement record: every proposal in the order made, with its decision and when it was
//! done.

use crate::ids::{DesignId, ImprovementId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImprovementKind {
    Jig,
    Tool,
    Process,
    Other,
}

impl ImprovementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImprovementKind::Jig => "jig",
            ImprovementKind::Tool => "tool",
            ImprovementKind::Process => "process",
            ImprovementKind::Other => "other",
        }
    }
}

/// What the proposal expects to move, on one operation of one design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Units of the operation verified per week: should rise.
    Throughput,
    /// Share of the operation's inspections out of tolerance: should fall.
    DefectRate,
}

impl Metric {
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Throughput => "throughput",
            Metric::DefectRate => "defect rate",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    Proposed,
    Approved,
    Rejected,
    Done,
}

impl ProposalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Proposed => "proposed",
            ProposalStatus::Approved => "approved",
            ProposalStatus::Rejected => "rejected",
            ProposalStatus::Done => "done",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub approved: bool,
    pub note: String,
    pub by: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Improvement {
    pub id: ImprovementId,
    pub title: String,
    pub kind: ImprovementKind,
    /// The effect expected, in the proposer's words ("halves the rework of fret slots").
    pub expected: String,
    pub design: DesignId,
    pub operation: String,
    pub metric: Metric,
    pub proposed_by: String,
    pub proposed_at: Timestamp,
    pub status: ProposalStatus,
    pub decision: Option<Decision>,
    /// When the change went into use: the line between "before" and "after".
    pub done: Option<(String, Timestamp, String)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Improvements {
    pub(crate) proposals: Vec<Improvement>,
}

impl Improvements {
    pub fn all(&self) -> &[Improvement] {
        &self.proposals
    }
    pub fn get(&self, id: ImprovementId) -> Option<&Improvement> {
        self.proposals.get((id.0 as usize).checked_sub(1)?)
    }
    pub fn next_id(&self) -> ImprovementId {
        ImprovementId(self.proposals.len() as u32 + 1)
    }
}
