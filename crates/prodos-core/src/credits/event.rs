//! Facts about value accounting: verified labor (the seeds' LaborEvent), credits spent on goods,
//! and the settings that turn labor into credits and privileges.

use super::gate::GateRule;
use super::model::{CreditPolicy, Credits, LaborRecord};
use crate::time::Timestamp;
use crate::units::Milli;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CreditsEvent {
    /// Verified work; the only source of credits.
    LaborRecorded {
        labor: LaborRecord,
    },
    /// Credits paid for something the node gave out (a released good, named in `what`).
    CreditsSpent {
        handle: String,
        credits: Milli,
        what: String,
        at: Timestamp,
    },
    CreditPolicySet {
        policy: CreditPolicy,
        at: Timestamp,
    },
    CreditWeightSet {
        skill: String,
        level: u8,
        weight_per_hour: Milli,
    },
    GateRuleSet {
        rule: GateRule,
    },
}

impl CreditsEvent {
    /// The stable name stored in the ledger's kind column.
    pub fn kind(&self) -> &'static str {
        match self {
            CreditsEvent::LaborRecorded { .. } => "LaborRecorded",
            CreditsEvent::CreditsSpent { .. } => "CreditsSpent",
            CreditsEvent::CreditPolicySet { .. } => "CreditPolicySet",
            CreditsEvent::CreditWeightSet { .. } => "CreditWeightSet",
            CreditsEvent::GateRuleSet { .. } => "GateRuleSet",
        }
    }
}

impl Credits {
    pub(crate) fn apply(&mut self, event: &CreditsEvent) {
        match event {
            CreditsEvent::LaborRecorded { labor } => self.record_labor(labor.clone()),
            CreditsEvent::CreditsSpent { handle, credits, what, at } => {
                self.record_spent(handle, *credits, what.clone(), *at)
            }
            CreditsEvent::CreditPolicySet { policy, at } => self.set_policy(*at, *policy),
            CreditsEvent::CreditWeightSet { skill, level, weight_per_hour } => {
                self.set_weight(skill, *level, *weight_per_hour)
            }
            CreditsEvent::GateRuleSet { rule } => self.set_gate_rule(*rule),
        }
    }
}
