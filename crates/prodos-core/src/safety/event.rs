//! Facts of safety: an incident reported, a certification suspended because of one. The
//! suspension's revocation is the people area's own event, recorded with it.

use super::model::{Incident, Safety, Suspension};
use crate::ids::IncidentId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SafetyEvent {
    IncidentReported { incident: Incident },
    CertificationSuspended { incident: IncidentId, suspension: Suspension },
}

impl SafetyEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            SafetyEvent::IncidentReported { .. } => "IncidentReported",
            SafetyEvent::CertificationSuspended { .. } => "CertificationSuspended",
        }
    }
}

impl Safety {
    pub fn apply(&mut self, event: &SafetyEvent) {
        match event {
            SafetyEvent::IncidentReported { incident } => self.incidents.push(incident.clone()),
            SafetyEvent::CertificationSuspended { incident, suspension } => {
                if let Some(record) = self.incidents.get_mut((incident.0 as usize).wrapping_sub(1)) {
                    record.suspensions.push(suspension.clone());
                }
            }
        }
    }
}
