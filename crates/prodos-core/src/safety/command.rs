//! What may be asked of safety: report an incident or near miss, and suspend an involved
//! participant's certification after a serious one.

use super::model::{IncidentKind, IncidentSeverity};
use crate::ids::{AssetId, IncidentId, TaskRef};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewIncident {
    pub kind: IncidentKind,
    pub severity: IncidentSeverity,
    pub description: String,
    #[serde(default)]
    pub operation: Option<String>,
    /// The task it happened on; its operation is taken from it when `operation` is left out.
    #[serde(default)]
    pub task: Option<TaskRef>,
    #[serde(default)]
    pub asset: Option<AssetId>,
    #[serde(default)]
    pub people: Vec<String>,
    /// Default: the task's operation's skill.
    #[serde(default)]
    pub skill: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SafetyCommand {
    /// Anyone reports what they saw.
    ReportIncident { incident: NewIncident, by: String },
    /// A coordinator suspends `handle`'s certification in the incident's skill until they pass
    /// a training challenge in it; only after a serious incident they were involved in.
    Suspend { incident: IncidentId, handle: String, by: String },
}
