//! What the ledger knows about credits: the policy history, weights per skill and level, gate
//! rules, every labor record, and each participant's credit entries in ledger order.

use super::gate::GateRule;
use crate::time::Timestamp;
use crate::units::Milli;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Length of one decay step: credits lose a share of their balance at every 30-day boundary of
/// the ledger's time line (boundaries at whole multiples of 30 days since the Unix epoch).
pub const DECAY_PERIOD_DAYS: i64 = 30;
pub const DECAY_PERIOD_MS: i64 = DECAY_PERIOD_DAYS * Timestamp::MS_PER_DAY;

/// The most one labor record may claim: a day. Longer work is recorded per day.
pub const MAX_HOURS_PER_RECORD: Milli = Milli(24_000);

/// Node-wide credit settings. Changing them affects decay from the next boundary on and credits
/// earned afterwards; credits already earned keep the amount recorded in their labor event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditPolicy {
    /// Share of a balance lost at each 30-day boundary, in basis points (500 = 5 %).
    pub decay_rate_per_period_bp: u32,
    /// Credits per verified hour for a skill and level with no weight of its own.
    pub default_weight_per_hour: Milli,
    /// What an entitlement earned through the contribution gate costs per good.
    pub earned_entitlement_cost_credits: Milli,
}

impl Default for CreditPolicy {
    /// 5 % per 30 days, 1 credit per hour, 10 credits per earned good.
    fn default() -> Self {
        CreditPolicy {
            decay_rate_per_period_bp: 500,
            default_weight_per_hour: Milli::ONE,
            earned_entitlement_cost_credits: Milli::from_units(10),
        }
    }
}

/// One verified piece of work: the seeds' LaborEvent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaborRecord {
    pub handle: String,
    pub skill: String,
    pub level: u8,
    pub hours: Milli,
    /// hours × weight at the time of recording; fixed forever after.
    pub credits: Milli,
    pub verified_by: String,
    /// The task (`PROD-0001/bracing#1`) when the work was a plan's operation.
    pub task: Option<String>,
    pub note: String,
    pub at: Timestamp,
}

/// A change to one participant's credits, in ledger order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CreditEntry {
    /// Index into `Credits::labor`.
    Earned { labor: usize, credits: Milli, at: Timestamp },
    /// Credits paid for a good.
    Spent { credits: Milli, what: String, at: Timestamp },
}

impl CreditEntry {
    pub fn at(&self) -> Timestamp {
        match self {
            CreditEntry::Earned { at, .. } | CreditEntry::Spent { at, .. } => *at,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Credits {
    /// Policies in force from each instant on; the default applies before the first.
    policies: Vec<(Timestamp, CreditPolicy)>,
    weights_per_hour: BTreeMap<(String, u8), Milli>,
    gate_rules: BTreeMap<&'static str, GateRule>,
    labor: Vec<LaborRecord>,
    entries: BTreeMap<String, Vec<CreditEntry>>,
}

impl Credits {
    pub fn policy(&self) -> CreditPolicy {
        self.policies.last().map(|(_, policy)| *policy).unwrap_or_default()
    }
    /// The policy in force at `at`.
    pub fn policy_at(&self, at: Timestamp) -> CreditPolicy {
        self.policies.iter().rev().find(|(from, _)| *from <= at).map(|(_, policy)| *policy).unwrap_or_default()
    }
    /// Credits per hour for `skill` at `level`: its own weight, else the nearest lower level's,
    /// else the policy default.
    pub fn weight_per_hour(&self, skill: &str, level: u8) -> Milli {
        (1..=level)
            .rev()
            .find_map(|l| self.weights_per_hour.get(&(skill.to_string(), l)).copied())
            .unwrap_or(self.policy().default_weight_per_hour)
    }
    pub fn weights(&self) -> impl Iterator<Item = (&str, u8, Milli)> {
        self.weights_per_hour.iter().map(|((skill, level), weight)| (skill.as_str(), *level, *weight))
    }
    pub fn gate_rule(&self, kind: &str) -> Option<&GateRule> {
        self.gate_rules.get(kind)
    }
    pub fn gate_rules(&self) -> impl Iterator<Item = &GateRule> {
        self.gate_rules.values()
    }
    pub fn labor(&self) -> &[LaborRecord] {
        &self.labor
    }
    pub fn labor_of<'a>(&'a self, handle: &'a str) -> impl Iterator<Item = &'a LaborRecord> + 'a {
        self.labor.iter().filter(move |record| record.handle == handle)
    }
    pub fn entries_of(&self, handle: &str) -> &[CreditEntry] {
        self.entries.get(handle).map(Vec::as_slice).unwrap_or_default()
    }
    pub fn holders(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    pub(crate) fn set_policy(&mut self, from: Timestamp, policy: CreditPolicy) {
        self.policies.push((from, policy));
    }
    pub(crate) fn set_weight(&mut self, skill: &str, level: u8, weight: Milli) {
        self.weights_per_hour.insert((skill.to_string(), level), weight);
    }
    pub(crate) fn set_gate_rule(&mut self, rule: GateRule) {
        self.gate_rules.insert(rule.privilege.kind(), rule);
    }
    pub(crate) fn record_labor(&mut self, record: LaborRecord) {
        let entry = CreditEntry::Earned { labor: self.labor.len(), credits: record.credits, at: record.at };
        self.entries.entry(record.handle.clone()).or_default().push(entry);
        self.labor.push(record);
    }
    pub(crate) fn record_spent(&mut self, handle: &str, credits: Milli, what: String, at: Timestamp) {
        if credits > Milli::ZERO {
            self.entries.entry(handle.to_string()).or_default().push(CreditEntry::Spent { credits, what, at });
        }
    }
}
