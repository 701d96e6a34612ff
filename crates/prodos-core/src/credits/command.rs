//! What coordinators and verifiers ask of value accounting. Credits themselves cannot be set,
//! given or transferred: the only way in is verified labor.

use super::gate::Privilege;
use crate::units::Milli;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CreditsCommand {
    /// Work done outside a plan's tasks (shop upkeep, teaching), verified by someone else who is
    /// a coordinator or certified at the work's level. Plan tasks record labor on verification.
    RecordLabor {
        handle: String,
        skill: String,
        level: i64,
        hours: Milli,
        verified_by: String,
        note: String,
    },
    SetCreditPolicy {
        decay_rate_per_period_bp: i64,
        default_weight_per_hour: Milli,
        earned_entitlement_cost_credits: Milli,
        by: String,
    },
    SetCreditWeight {
        skill: String,
        level: i64,
        weight_per_hour: Milli,
        by: String,
    },
    SetGateRule {
        privilege: Privilege,
        min_hours: Milli,
        window_days: i64,
        by: String,
    },
}

impl CreditsCommand {
    /// A policy change where the fields left out (`None`) keep their `current` values, as the CLI
    /// and the API both offer it.
    pub fn policy_update(
        current: &super::model::CreditPolicy,
        decay_rate_per_period_bp: Option<i64>,
        default_weight_per_hour: Option<Milli>,
        earned_entitlement_cost_credits: Option<Milli>,
        by: String,
    ) -> CreditsCommand {
        CreditsCommand::SetCreditPolicy {
            decay_rate_per_period_bp: decay_rate_per_period_bp.unwrap_or(i64::from(current.decay_rate_per_period_bp)),
            default_weight_per_hour: default_weight_per_hour.unwrap_or(current.default_weight_per_hour),
            earned_entitlement_cost_credits: earned_entitlement_cost_credits
                .unwrap_or(current.earned_entitlement_cost_credits),
            by,
        }
    }
}
