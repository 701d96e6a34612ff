//! Goods, entitlements and releases as the ledger knows them.

use crate::ids::{DesignId, DesignRef, EntitlementId, GoodId};
use crate::time::Timestamp;
use crate::units::Milli;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A finished unit with a serial number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Good {
    pub id: GoodId,
    pub serial: String,
    pub design: DesignRef,
    /// Where it came from: `PROD-0001#2` for a plan's unit, or a coordinator's note.
    pub origin: String,
    pub produced_by: String,
    pub produced_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    pub good: GoodId,
    pub to: String,
    pub entitlement: EntitlementId,
    pub cost_credits: Milli,
    pub by: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntitlementOrigin {
    Granted {
        by: String,
    },
    /// Earned through the contribution gate for receiving goods.
    Earned,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entitlement {
    pub id: EntitlementId,
    pub handle: String,
    pub design: DesignId,
    /// How many goods it covers.
    pub qty: u32,
    /// Credits each release under it costs.
    pub cost_credits: Milli,
    pub origin: EntitlementOrigin,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Distribution {
    goods: BTreeMap<GoodId, Good>,
    entitlements: BTreeMap<EntitlementId, Entitlement>,
    // Every release event in ledger order; `verify` checks that no good appears twice.
    releases: Vec<Release>,
}

impl Distribution {
    pub fn good(&self, id: GoodId) -> Option<&Good> {
        self.goods.get(&id)
    }
    pub fn goods(&self) -> impl Iterator<Item = &Good> {
        self.goods.values()
    }
    /// A good by id (`GOOD-0001`) or serial number.
    pub fn find_good(&self, text: &str) -> Option<&Good> {
        match text.parse::<GoodId>() {
            Ok(id) => self.goods.get(&id),
            Err(_) => self.goods.values().find(|good| good.serial == text),
        }
    }
    pub fn release_of(&self, good: GoodId) -> Option<&Release> {
        self.releases.iter().find(|release| release.good == good)
    }
    pub fn releases(&self) -> &[Release] {
        &self.releases
    }
    pub fn entitlement(&self, id: EntitlementId) -> Option<&Entitlement> {
        self.entitlements.get(&id)
    }
    pub fn entitlements(&self) -> impl Iterator<Item = &Entitlement> {
        self.entitlements.values()
    }
    /// Goods released under an entitlement so far.
    pub fn used(&self, entitlement: EntitlementId) -> u32 {
        self.releases.iter().filter(|release| release.entitlement == entitlement).count() as u32
    }
    /// The oldest entitlement of `handle` for `design` with goods left on it.
    pub fn open_entitlement(&self, handle: &str, design: DesignId) -> Option<&Entitlement> {
        self.entitlements.values().find(|entitlement| {
            entitlement.handle == handle && entitlement.design == design && self.used(entitlement.id) < entitlement.qty
        })
    }
    pub fn next_good_id(&self) -> GoodId {
        GoodId(self.goods.len() as u32 + 1)
    }
    pub fn next_entitlement_id(&self) -> EntitlementId {
        EntitlementId(self.entitlements.len() as u32 + 1)
    }

    pub(crate) fn insert_good(&mut self, good: Good) {
        self.goods.insert(good.id, good);
    }
    pub(crate) fn insert_entitlement(&mut self, entitlement: Entitlement) {
        self.entitlements.insert(entitlement.id, entitlement);
    }
    pub(crate) fn push_release(&mut self, release: Release) {
        self.releases.push(release);
    }
}
