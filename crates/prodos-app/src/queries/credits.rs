//! Credit queries: balances with reputation, one participant's statement, the credit settings,
//! and the policy change that leaves unnamed fields as they are.

use super::known_participant;
use crate::Node;
use crate::views::CreditSettingsView;
use crate::views::people::{CreditBalanceView, CreditRowView};
use prodos_core::credits::{CreditsCommand, statement};
use prodos_core::{Command, Milli, Rejection, Timestamp};

/// Every participant's balance and reputation as of `now`.
pub fn credit_balances(node: &Node, now: Timestamp) -> Vec<CreditBalanceView> {
    node.read(|state| {
        state.people.iter().map(|participant| CreditBalanceView::of(state, &participant.handle, now)).collect()
    })
}

/// One participant's balance and reputation; an unknown handle is refused.
pub fn credit_balance(node: &Node, handle: &str, now: Timestamp) -> Result<CreditBalanceView, Rejection> {
    node.read(|state| {
        known_participant(state, handle)?;
        Ok(CreditBalanceView::of(state, handle, now))
    })
}

/// Every credit movement of a participant up to `now`, with the running balance.
pub fn credit_history(node: &Node, handle: &str, now: Timestamp) -> Result<Vec<CreditRowView>, Rejection> {
    node.read(|state| {
        known_participant(state, handle)?;
        Ok(statement(&state.credits, handle, now).rows.iter().map(CreditRowView::of).collect())
    })
}

/// The credit policy, skill weights and contribution gates in force.
pub fn credit_settings(node: &Node) -> CreditSettingsView {
    node.read(CreditSettingsView::of)
}

/// The command that changes the named policy fields and keeps the others at today's values.
pub fn credit_policy_update(
    node: &Node,
    decay_rate_per_period_bp: Option<i64>,
    default_weight_per_hour: Option<Milli>,
    earned_entitlement_cost_credits: Option<Milli>,
    by: String,
) -> Command {
    let current = node.read(|state| state.credits.policy());
    Command::Credits(CreditsCommand::policy_update(
        &current,
        decay_rate_per_period_bp,
        default_weight_per_hour,
        earned_entitlement_cost_credits,
        by,
    ))
}
