//! Facts of the upgrade loop: a proposal made, decided, done.

use super::model::{Decision, Improvement, Improvements, ProposalStatus};
use crate::ids::ImprovementId;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ImprovementEvent {
    ImprovementProposed { improvement: Improvement },
    ImprovementDecided { proposal: ImprovementId, decision: Decision },
    ImprovementDone { proposal: ImprovementId, note: String, by: String, at: Timestamp },
}

impl ImprovementEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            ImprovementEvent::ImprovementProposed { .. } => "ImprovementProposed",
            ImprovementEvent::ImprovementDecided { .. } => "ImprovementDecided",
            ImprovementEvent::ImprovementDone { .. } => "ImprovementDone",
        }
    }
}

impl Improvements {
    pub fn apply(&mut self, event: &ImprovementEvent) {
        match event {
            ImprovementEvent::ImprovementProposed { improvement } => self.proposals.push(improvement.clone()),
            ImprovementEvent::ImprovementDecided { proposal, decision } => {
                if let Some(record) = self.proposals.get_mut((proposal.0 as usize).wrapping_sub(1)) {
                    record.status = if decision.approved { ProposalStatus::Approved } else { ProposalStatus::Rejected };
                    record.decision = Some(decision.clone());
                }
            }
            ImprovementEvent::ImprovementDone { proposal, note, by, at } => {
                if let Some(record) = self.proposals.get_mut((proposal.0 as usize).wrapping_sub(1)) {
                    record.status = ProposalStatus::Done;
                    record.done = Some((by.clone(), *at, note.clone()));
                }
            }
        }
    }
}
