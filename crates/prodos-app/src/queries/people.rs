//! People queries: participants, their certifications, training challenges, and one participant's
//! whole profile (skills, credits, history, tasks) as their page shows it.

use super::known_participant;
use super::tasks::{TaskFilter, tasks};
use crate::Node;
use crate::views::people::{
    CertificationView, ChallengeView, CreditBalanceView, CreditRowView, ParticipantView, TaskView,
};
use prodos_core::{Rejection, Timestamp};

/// Every participant as of `now`, each with their credit balance.
pub fn participants(node: &Node, now: Timestamp) -> Vec<(ParticipantView, CreditBalanceView)> {
    node.read(|state| {
        state
            .people
            .iter()
            .map(|p| (ParticipantView::of(p, now), CreditBalanceView::of(state, &p.handle, now)))
            .collect()
    })
}

/// One participant as of `now`; an unknown handle is refused.
pub fn participant(node: &Node, handle: &str, now: Timestamp) -> Result<ParticipantView, Rejection> {
    node.read(|state| Ok(ParticipantView::of(known_participant(state, handle)?, now)))
}

/// Certifications, of one participant or of all; only those valid at `now` unless `all`.
pub fn certifications(
    node: &Node,
    handle: Option<&str>,
    all: bool,
    now: Timestamp,
) -> Result<Vec<CertificationView>, Rejection> {
    node.read(|state| {
        if let Some(handle) = handle {
            known_participant(state, handle)?;
        }
        Ok(state
            .people
            .iter()
            .filter(|participant| handle.is_none_or(|wanted| wanted == participant.handle))
            .flat_map(|participant| {
                participant.certifications.iter().map(|cert| CertificationView::of(&participant.handle, cert, now))
            })
            .filter(|view| all || view.status == "valid")
            .collect())
    })
}

/// Every training challenge with its attempts.
pub fn challenges(node: &Node) -> Vec<ChallengeView> {
    node.read(|state| state.people.challenges().map(|c| ChallengeView::of(&state.people, c)).collect())
}

/// What a participant's page shows.
#[derive(Debug, Clone)]
pub struct ParticipantProfile {
    pub participant: ParticipantView,
    pub credits: CreditBalanceView,
    pub history: Vec<CreditRowView>,
    /// Tasks they work or worked on (as worker or in the crew) in committed plans.
    pub tasks: Vec<TaskView>,
}

pub fn participant_profile(node: &Node, handle: &str, now: Timestamp) -> Result<ParticipantProfile, Rejection> {
    let participant = participant(node, handle, now)?;
    let credits = super::credit_balance(node, handle, now)?;
    let history = super::credit_history(node, handle, now)?;
    let filter = TaskFilter { worker: Some(handle.to_string()), ..TaskFilter::default() };
    Ok(ParticipantProfile { participant, credits, history, tasks: tasks(node, &filter)? })
}
