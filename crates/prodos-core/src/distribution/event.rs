//! Facts about distribution: a good produced, an entitlement granted or earned, a good released.

use super::model::{Entitlement, Good, Release};
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

impl super::Distribution {
    /// Folds a distribution event into the goods, entitlements and releases. (What a release
    /// spends is the recipient's credits; `State::apply` folds that part.)
    pub fn apply(&mut self, event: &DistributionEvent) {
        match event {
            DistributionEvent::GoodProduced { good } => self.insert_good(good.clone()),
            DistributionEvent::EntitlementGranted { entitlement } => self.insert_entitlement(entitlement.clone()),
            DistributionEvent::GoodReleased { release } => self.push_release(release.clone()),
        }
    }
}
