//! Crews as the ledger knows them: a plan's pending match proposal, and each task's confirmed
//! crew with who accepted, who declined (and why) and an open swap offer.

use super::command::{ProposedCrew, UnfilledCrew};
use crate::ids::PlanId;
use crate::ids::TaskRef;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The matcher's proposal for a plan, waiting for a coordinator's confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchProposal {
    pub plan: PlanId,
    /// People to add to each task's crew (beyond members already confirmed).
    pub crews: Vec<ProposedCrew>,
    /// Tasks left short, with the matcher's reason.
    pub unfilled: Vec<UnfilledCrew>,
    pub by: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrewMember {
    pub handle: String,
    pub accepted: bool,
}

/// A crew member's offer to hand their place to someone else; completed when that person accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwapOffer {
    pub from: String,
    pub to: String,
}

/// A task's confirmed crew.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Crew {
    pub members: Vec<CrewMember>,
    /// Who declined, with their reason; never proposed for this task again.
    pub declined: Vec<(String, String)>,
    pub swap_offer: Option<SwapOffer>,
}

impl Crew {
    pub fn member(&self, handle: &str) -> Option<&CrewMember> {
        self.members.iter().find(|member| member.handle == handle)
    }
    pub fn has_declined(&self, handle: &str) -> bool {
        self.declined.iter().any(|(who, _)| who == handle)
    }
    pub fn accepted(&self) -> impl Iterator<Item = &str> {
        self.members.iter().filter(|member| member.accepted).map(|member| member.handle.as_str())
    }
    fn member_mut(&mut self, handle: &str) -> Option<&mut CrewMember> {
        self.members.iter_mut().find(|member| member.handle == handle)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matching {
    proposals: BTreeMap<PlanId, MatchProposal>,
    crews: BTreeMap<TaskRef, Crew>,
}

impl Matching {
    pub fn proposal(&self, plan: PlanId) -> Option<&MatchProposal> {
        self.proposals.get(&plan)
    }
    /// The confirmed crew of a task; `None` until a coordinator confirmed one.
    pub fn crew(&self, task: &TaskRef) -> Option<&Crew> {
        self.crews.get(task)
    }
    pub fn crews(&self) -> impl Iterator<Item = (&TaskRef, &Crew)> {
        self.crews.iter()
    }

    pub(crate) fn propose(&mut self, proposal: MatchProposal) {
        self.proposals.insert(proposal.plan, proposal);
    }
    pub(crate) fn confirm(&mut self, plan: PlanId) {
        let Some(proposal) = self.proposals.remove(&plan) else { return };
        for proposed in proposal.crews {
            let crew = self.crews.entry(proposed.task).or_default();
            for handle in proposed.people {
                crew.members.push(CrewMember { handle, accepted: false });
            }
        }
        for unfilled in proposal.unfilled {
            self.crews.entry(unfilled.task).or_default();
        }
    }
    pub(crate) fn accept(&mut self, task: &TaskRef, handle: &str) {
        if let Some(member) = self.crews.get_mut(task).and_then(|crew| crew.member_mut(handle)) {
            member.accepted = true;
        }
    }
    pub(crate) fn decline(&mut self, task: &TaskRef, handle: &str, reason: &str) {
        if let Some(crew) = self.crews.get_mut(task) {
            crew.members.retain(|member| member.handle != handle);
            crew.declined.push((handle.to_string(), reason.to_string()));
            if crew.swap_offer.as_ref().is_some_and(|offer| offer.from == handle) {
                crew.swap_offer = None;
            }
        }
    }
    pub(crate) fn add_member(&mut self, task: &TaskRef, handle: &str) {
        let crew = self.crews.entry(task.clone()).or_default();
        crew.members.push(CrewMember { handle: handle.to_string(), accepted: false });
    }
    pub(crate) fn offer_swap(&mut self, task: &TaskRef, offer: SwapOffer) {
        if let Some(crew) = self.crews.get_mut(task) {
            crew.swap_offer = Some(offer);
        }
    }
    pub(crate) fn refuse_swap(&mut self, task: &TaskRef) {
        if let Some(crew) = self.crews.get_mut(task) {
            crew.swap_offer = None;
        }
    }
    /// `to` takes `from`'s place, accepted (taking a swap is consenting to the work).
    pub(crate) fn complete_swap(&mut self, task: &TaskRef, from: &str, to: &str) {
        if let Some(crew) = self.crews.get_mut(task) {
            if let Some(member) = crew.member_mut(from) {
                *member = CrewMember { handle: to.to_string(), accepted: true };
            }
            crew.swap_offer = None;
        }
    }
}
