//! Mandates and plans as the ledger knows them: which plan was proposed for which mandate, which
//! one is committed (at most one per mandate), which were cancelled or superseded.

use super::proposal::PlanProposal;
use crate::calendar::Day;
use crate::ids::{DecisionId, DesignRef, MandateId, PlanId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A production mandate: build `qty` units of a certified design version by `due`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mandate {
    pub id: MandateId,
    /// The certified version, pinned when the mandate was created.
    pub design: DesignRef,
    pub qty: u32,
    /// The last day on which the units may be finished.
    pub due: Day,
    /// The governance decision behind it, kept for the audit trail.
    pub decision: Option<DecisionId>,
    /// Higher first when mandates compete: a proposal schedules around committed plans of
    /// mandates with the same or a higher priority and displaces those of lower ones.
    pub priority: i32,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Proposed,
    /// Materials reserved, schedule frozen.
    Committed,
    Cancelled,
    /// A newer plan for the same mandate was committed in its place.
    Superseded,
}

impl PlanStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Proposed => "proposed",
            PlanStatus::Committed => "committed",
            PlanStatus::Cancelled => "cancelled",
            PlanStatus::Superseded => "superseded",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub id: PlanId,
    pub mandate: MandateId,
    pub proposal: PlanProposal,
    pub status: PlanStatus,
    pub proposed_at: Timestamp,
    pub committed_at: Option<Timestamp>,
}

impl Plan {
    /// The purpose string under which the plan's stock reservations are held.
    pub fn purpose(&self) -> String {
        self.id.to_string()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plans {
    mandates: BTreeMap<MandateId, Mandate>,
    plans: BTreeMap<PlanId, Plan>,
}

impl Plans {
    pub fn mandate(&self, id: MandateId) -> Option<&Mandate> {
        self.mandates.get(&id)
    }
    pub fn mandates(&self) -> impl Iterator<Item = &Mandate> {
        self.mandates.values()
    }
    pub fn plan(&self, id: PlanId) -> Option<&Plan> {
        self.plans.get(&id)
    }
    pub fn plans(&self) -> impl Iterator<Item = &Plan> {
        self.plans.values()
    }
    pub fn plans_of(&self, mandate: MandateId) -> impl Iterator<Item = &Plan> {
        self.plans.values().filter(move |plan| plan.mandate == mandate)
    }
    /// The plan currently committed for a mandate, if any.
    pub fn committed_plan_of(&self, mandate: MandateId) -> Option<&Plan> {
        self.plans_of(mandate).find(|plan| plan.status == PlanStatus::Committed)
    }
    /// The plan that holds `plan`'s task records now: committing a plan that continues another
    /// moves them there, so follow committed continuations to the last one.
    pub fn carried_into(&self, plan: PlanId) -> PlanId {
        let mut holder = plan;
        // Each step moves to a younger plan, so the walk ends; the bound guards a corrupt ledger.
        for _ in 0..self.plans.len() {
            let next = self.plans.values().find(|p| p.proposal.continues == Some(holder) && p.committed_at.is_some());
            match next {
                Some(next) => holder = next.id,
                None => break,
            }
        }
        holder
    }
    pub fn next_mandate_id(&self) -> MandateId {
        MandateId(self.mandates.len() as u32 + 1)
    }
    pub fn next_plan_id(&self) -> PlanId {
        PlanId(self.plans.len() as u32 + 1)
    }

    pub(crate) fn insert_mandate(&mut self, mandate: Mandate) {
        self.mandates.insert(mandate.id, mandate);
    }
    pub(crate) fn insert_plan(&mut self, plan: Plan) {
        self.plans.insert(plan.id, plan);
    }
    pub(crate) fn set_status(&mut self, id: PlanId, status: PlanStatus, at: Timestamp) {
        if let Some(plan) = self.plans.get_mut(&id) {
            plan.status = status;
            if status == PlanStatus::Committed {
                plan.committed_at = Some(at);
            }
        }
    }
}
