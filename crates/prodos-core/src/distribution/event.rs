//! Facts about distribution: a good produced, an entitlement granted or earned, a good released.

use super::model::{Entitlement, Good, Release};
use crate::state::State;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DistributionEvent {
    GoodProduced {
        good: Good,
    },
    EntitlementGranted {
        entitlement: Entitlement,
    },
    /// Logged once per good; its cost is spent from the recipient's credits.
    GoodReleased {
        release: Release,
    },
}

impl DistributionEvent {
    /// The stable name stored in the ledger's kind column.
    pub fn kind(&self) -> &'static str {
        match self {
            DistributionEvent::GoodProduced { .. } => "GoodProduced",
            DistributionEvent::EntitlementGranted { .. } => "EntitlementGranted",
            DistributionEvent::GoodReleased { .. } => "GoodReleased",
        }
    }
}

/// Folds a distribution event; a release also spends the recipient's credits.
pub(crate) fn apply(state: &mut State, event: &DistributionEvent) {
    match event {
        DistributionEvent::GoodProduced { good } => state.distribution.insert_good(good.clone()),
        DistributionEvent::EntitlementGranted { entitlement } => {
            state.distribution.insert_entitlement(entitlement.clone())
        }
        DistributionEvent::GoodReleased { release } => {
            state.credits.record_spent(&release.to, release.cost_credits, release.good.to_string(), release.at);
            state.distribution.push_release(release.clone());
        }
    }
}
