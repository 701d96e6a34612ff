//! Safety for the shells: the incident record and the incident rate.

use crate::Node;
use crate::views::safety::{IncidentView, SafetyView};
use prodos_core::safety::IncidentKind;

/// Every incident and near miss, in the order reported, with the rate per 1,000 labor hours.
pub fn safety(node: &Node) -> SafetyView {
    node.read(|state| {
        let incidents = state.safety.incidents();
        let count = |kind| incidents.iter().filter(|incident| incident.kind == kind).count() as u32;
        let incident_count = count(IncidentKind::Incident);
        let labor_hours = state.credits.labor().iter().map(|labor| labor.hours.0).sum::<i64>() as f64 / 1000.0;
        let rate =
            (labor_hours > 0.0).then(|| (f64::from(incident_count) * 1000.0 / labor_hours * 100.0).round() / 100.0);
        SafetyView {
            incidents: incidents.iter().map(IncidentView::of).collect(),
            incident_count,
            near_miss_count: count(IncidentKind::NearMiss),
            labor_hours,
            incident_rate_per_1000_hours: rate,
        }
    })
}
