//! What the coordinators have set for value accounting: the credit policy (decay, default weight,
//! the price of an earned entitlement), the weights per skill and level, and the contribution
//! gates. Amounts are decimals as text (`"1"`, `"2.5"`), as everywhere on the wire.

use prodos_core::State;
use prodos_core::credits::{GateRule, Privilege};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditSettingsView {
    pub policy: CreditPolicyView,
    pub weights: Vec<CreditWeightView>,
    pub gates: Vec<GateRuleView>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditPolicyView {
    /// Share lost at each 30-day boundary, in basis points (500 = 5 %).
    pub decay_rate_per_period_bp: u32,
    pub default_weight_per_hour: String,
    pub earned_entitlement_cost_credits: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditWeightView {
    pub skill: String,
    pub level: u8,
    pub weight_per_hour: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GateRuleView {
    /// `work` (taking operations from `from_level` up) or `goods` (receiving goods).
    pub privilege: &'static str,
    /// For `work`: the lowest gated level.
    pub from_level: Option<u8>,
    pub min_hours: String,
    pub window_days: u32,
    /// In words, e.g. `take level-4+ operations`.
    pub description: String,
}

impl CreditSettingsView {
    pub fn of(state: &State) -> CreditSettingsView {
        let credits = &state.credits;
        let policy = credits.policy();
        CreditSettingsView {
            policy: CreditPolicyView {
                decay_rate_per_period_bp: policy.decay_rate_per_period_bp,
                default_weight_per_hour: policy.default_weight_per_hour.to_string(),
                earned_entitlement_cost_credits: policy.earned_entitlement_cost_credits.to_string(),
            },
            weights: credits
                .weights()
                .map(|(skill, level, weight)| CreditWeightView {
                    skill: skill.to_string(),
                    level,
                    weight_per_hour: weight.to_string(),
                })
                .collect(),
            gates: credits.gate_rules().map(GateRuleView::of).collect(),
        }
    }
}

impl GateRuleView {
    fn of(rule: &GateRule) -> GateRuleView {
        let (privilege, from_level) = match rule.privilege {
            Privilege::WorkFromLevel { level } => ("work", Some(level)),
            Privilege::ReceiveGoods => ("goods", None),
        };
        GateRuleView {
            privilege,
            from_level,
            min_hours: rule.min_hours.to_string(),
            window_days: rule.window_days,
            description: rule.privilege.to_string(),
        }
    }
}
