//! Safety as the shells show it: incidents and near misses with what they involved, and the
//! node's incident rate per 1,000 verified labor hours.

use prodos_core::safety::Incident;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncidentView {
    pub id: String,
    /// `incident` or `near miss`.
    pub kind: &'static str,
    /// `minor` or `serious`.
    pub severity: &'static str,
    pub description: String,
    pub operation: Option<String>,
    pub task: Option<String>,
    pub asset: Option<String>,
    pub people: Vec<String>,
    pub skill: Option<String>,
    pub reported_by: String,
    pub at_ms: i64,
    /// `handle: skill` for each certification suspended because of it.
    pub suspended: Vec<String>,
}

impl IncidentView {
    pub fn of(incident: &Incident) -> IncidentView {
        IncidentView {
            id: incident.id.to_string(),
            kind: incident.kind.as_str(),
            severity: incident.severity.as_str(),
            description: incident.description.clone(),
            operation: incident.operation.clone(),
            task: incident.task.as_ref().map(ToString::to_string),
            asset: incident.asset.map(|asset| asset.to_string()),
            people: incident.people.clone(),
            skill: incident.skill.clone(),
            reported_by: incident.reported_by.clone(),
            at_ms: incident.at.millis(),
            suspended: incident.suspensions.iter().map(|s| format!("{}: {}", s.handle, s.skill)).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafetyView {
    pub incidents: Vec<IncidentView>,
    /// Incidents (near misses apart) recorded.
    pub incident_count: u32,
    pub near_miss_count: u32,
    /// Verified labor hours in the ledger, production and maintenance alike.
    pub labor_hours: f64,
    /// Incidents per 1,000 labor hours; `None` before any labor is recorded.
    pub incident_rate_per_1000_hours: Option<f64>,
}
