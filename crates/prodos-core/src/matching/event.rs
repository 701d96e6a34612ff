//! Facts about crews: a plan's match proposal and its confirmation, and each person's accept,
//! decline, re-matched replacement and swap.

use super::model::{MatchProposal, Matching, SwapOffer};
use crate::ids::PlanId;
use crate::ids::TaskRef;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MatchingEvent {
    MatchProposed {
        proposal: MatchProposal,
    },
    /// The pending proposal's people join their tasks' crews, each yet to accept.
    MatchConfirmed {
        plan: PlanId,
        by: String,
        at: Timestamp,
    },
    AssignmentAccepted {
        task: TaskRef,
        handle: String,
        at: Timestamp,
    },
    /// Also ends any swap offer the decliner made.
    AssignmentDeclined {
        task: TaskRef,
        handle: String,
        reason: String,
        at: Timestamp,
    },
    /// Re-matching after a decline: `handle` joins the crew in `replaces`'s place, yet to accept.
    CrewMemberAdded {
        task: TaskRef,
        handle: String,
        replaces: String,
        at: Timestamp,
    },
    SwapOffered {
        task: TaskRef,
        offer: SwapOffer,
        at: Timestamp,
    },
    SwapRefused {
        task: TaskRef,
        offer: SwapOffer,
        reason: String,
        at: Timestamp,
    },
    /// `offer.to` took `offer.from`'s place and counts as having accepted.
    SwapCompleted {
        task: TaskRef,
        offer: SwapOffer,
        at: Timestamp,
    },
}

impl MatchingEvent {
    /// The stable name stored in the ledger's kind column.
    pub fn kind(&self) -> &'static str {
        match self {
            MatchingEvent::MatchProposed { .. } => "MatchProposed",
            MatchingEvent::MatchConfirmed { .. } => "MatchConfirmed",
            MatchingEvent::AssignmentAccepted { .. } => "AssignmentAccepted",
            MatchingEvent::AssignmentDeclined { .. } => "AssignmentDeclined",
            MatchingEvent::CrewMemberAdded { .. } => "CrewMemberAdded",
            MatchingEvent::SwapOffered { .. } => "SwapOffered",
            MatchingEvent::SwapRefused { .. } => "SwapRefused",
            MatchingEvent::SwapCompleted { .. } => "SwapCompleted",
        }
    }
}

impl Matching {
    pub(crate) fn apply(&mut self, event: &MatchingEvent) {
        match event {
            MatchingEvent::MatchProposed { proposal } => self.propose(proposal.clone()),
            MatchingEvent::MatchConfirmed { plan, .. } => self.confirm(*plan),
            MatchingEvent::AssignmentAccepted { task, handle, .. } => self.accept(task, handle),
            MatchingEvent::AssignmentDeclined { task, handle, reason, .. } => self.decline(task, handle, reason),
            MatchingEvent::CrewMemberAdded { task, handle, .. } => self.add_member(task, handle),
            MatchingEvent::SwapOffered { task, offer, .. } => self.offer_swap(task, offer.clone()),
            MatchingEvent::SwapRefused { task, .. } => self.refuse_swap(task),
            MatchingEvent::SwapCompleted { task, offer, .. } => self.complete_swap(task, &offer.from, &offer.to),
        }
    }
}
