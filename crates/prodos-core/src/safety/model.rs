//! The safety record: every incident and near miss in the order reported, and the suspensions
//! they caused.

use crate::ids::{AssetId, IncidentId, TaskRef};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentKind {
    /// Someone was hurt or something was damaged.
    Incident,
    /// Nothing happened, but could have: counted apart, never in the incident rate.
    NearMiss,
}

impl IncidentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IncidentKind::Incident => "incident",
            IncidentKind::NearMiss => "near miss",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentSeverity {
    /// First aid at most.
    Minor,
    /// Medical treatment, lost time or a dangerous occurrence: may suspend a certification.
    Serious,
}

impl IncidentSeverity {
    pub fn as_str(self) -> &'static str {
        match self {
            IncidentSeverity::Minor => "minor",
            IncidentSeverity::Serious => "serious",
        }
    }
}

/// A participant's certification in the incident's skill, suspended until they pass a training
/// challenge in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suspension {
    pub handle: String,
    pub skill: String,
    pub by: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: IncidentId,
    pub kind: IncidentKind,
    pub severity: IncidentSeverity,
    pub description: String,
    /// The design operation being worked, when it happened during one.
    pub operation: Option<String>,
    pub task: Option<TaskRef>,
    pub asset: Option<AssetId>,
    /// The people involved.
    pub people: Vec<String>,
    /// The skill that was being practised, which a suspension applies to.
    pub skill: Option<String>,
    pub reported_by: String,
    pub at: Timestamp,
    pub suspensions: Vec<Suspension>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Safety {
    pub(crate) incidents: Vec<Incident>,
}

impl Safety {
    pub fn incidents(&self) -> &[Incident] {
        &self.incidents
    }
    pub fn incident(&self, id: IncidentId) -> Option<&Incident> {
        self.incidents.get((id.0 as usize).checked_sub(1)?)
    }
    pub fn next_incident(&self) -> IncidentId {
        IncidentId(self.incidents.len() as u32 + 1)
    }
}
