//! Facts about crews: a plan's match proposal and its confirmation, and each person's accept,
//! decline, re-matched replacement and swap.

use super::model::{Assignments, MatchProposal, SwapOffer};
use crate::ids::PlanId;
use crate::ids::TaskRef;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AssignmentEvent {
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

impl AssignmentEvent {
    /// The stable name stored in the ledger's kind column.
    pub fn kind(&self) -> &'static str {
        match self {
            AssignmentEvent::MatchProposed { .. } => "MatchProposed",
            AssignmentEvent::MatchConfirmed { .. } => "MatchConfirmed",
            AssignmentEvent::AssignmentAccepted { .. } => "AssignmentAccepted",
            AssignmentEvent::AssignmentDeclined { .. } => "AssignmentDeclined",
            AssignmentEvent::CrewMemberAdded { .. } => "CrewMemberAdded",
            AssignmentEvent::SwapOffered { .. } => "SwapOffered",
            AssignmentEvent::SwapRefused { .. } => "SwapRefused",
            AssignmentEvent::SwapCompleted { .. } => "SwapCompleted",
        }
    }
}

impl Assignments {
    pub(crate) fn apply(&mut self, event: &AssignmentEvent) {
        match event {
            AssignmentEvent::MatchProposed { proposal } => self.propose(proposal.clone()),
            AssignmentEvent::MatchConfirmed { plan, .. } => self.confirm(*plan),
            AssignmentEvent::AssignmentAccepted { task, handle, .. } => self.accept(task, handle),
            AssignmentEvent::AssignmentDeclined { task, handle, reason, .. } => self.decline(task, handle, reason),
            AssignmentEvent::CrewMemberAdded { task, handle, .. } => self.add_member(task, handle),
            AssignmentEvent::SwapOffered { task, offer, .. } => self.offer_swap(task, offer.clone()),
            AssignmentEvent::SwapRefused { task, .. } => self.refuse_swap(task),
            AssignmentEvent::SwapCompleted { task, offer, .. } => self.complete_swap(task, &offer.from, &offer.to),
        }
    }
}
