//! Field feedback: after distribution, whoever holds a serial reports a failure or an
//! observation of the good (which part or module, when, an optional photo reference, for a
//! failure the minutes its repair took). Reports
//! roll up per design version into failure rate and mean time to failure, and repeated failures
//! flag the version for design review.

use crate::calendar::Day;
use crate::ids::{DesignRef, FieldReportId, GoodId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Failure,
    Observation,
}

impl FieldKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Failure => "failure",
            FieldKind::Observation => "observation",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldReport {
    pub id: FieldReportId,
    pub good: GoodId,
    pub serial: String,
    pub design: DesignRef,
    pub kind: FieldKind,
    /// The part or module of the design it concerns, when known.
    pub item: Option<String>,
    /// The day it was observed.
    pub on: Day,
    pub photo: Option<String>,
    pub note: String,
    pub by: String,
    pub at: Timestamp,
    /// Minutes spent repairing a failure, when the reporter knows; the lifetime score's mean
    /// repair time. Added with the score: earlier reports have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repair_min: Option<i64>,
}

/// Failures of one design version that flag it for review.
pub const FAILURES_FOR_REVIEW: usize = 2;
