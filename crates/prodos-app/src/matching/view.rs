//! The crews of one plan as people read them: per task its skill, level, places, schedule, the
//! confirmed members (and who accepted), the pending proposal, declines, an open swap and why a
//! place is still empty. Instants are `YYYY-MM-DD HH:MM` UTC.

use crate::views::plans::format_instant;
use prodos_core::orchestration::task_slots::{TaskSlot, plan_slots};
use prodos_core::{PlanId, Rejection, State};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrewMemberView {
    pub handle: String,
    pub accepted: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrewView {
    pub task: String,
    pub skill: String,
    pub min_level: u8,
    /// People the task needs (the design operation's crew).
    pub places: u32,
    pub start: String,
    pub end: String,
    pub status: &'static str,
    /// The confirmed crew.
    pub members: Vec<CrewMemberView>,
    /// Who works or worked it, once started (with or without a confirmed crew).
    pub worked_by: Vec<String>,
    /// People the pending proposal adds, waiting for a coordinator's confirmation.
    pub proposed: Vec<String>,
    /// `handle: reason` for each decline.
    pub declined: Vec<String>,
    /// `from → to`, waiting for `to` to accept.
    pub swap_offer: Option<String>,
    /// Why the pending proposal leaves places empty.
    pub unfilled: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatchView {
    pub plan: String,
    /// Whether a proposal waits for confirmation, and who made it.
    pub proposal_by: Option<String>,
    pub places_total: u32,
    pub places_confirmed: u32,
    pub places_accepted: u32,
    pub places_proposed: u32,
    pub crews: Vec<CrewView>,
}

impl MatchView {
    pub fn of(state: &State, plan: PlanId) -> Result<MatchView, Rejection> {
        let found = state.plans.plan(plan).ok_or(Rejection::UnknownPlan { plan })?;
        let proposal = state.matching.proposal(plan);
        let crews: Vec<CrewView> = plan_slots(state, found).iter().map(|slot| crew_view(state, slot)).collect();
        let count = |of: fn(&CrewView) -> usize| crews.iter().map(of).sum::<usize>() as u32;
        Ok(MatchView {
            plan: plan.to_string(),
            proposal_by: proposal.map(|proposal| proposal.by.clone()),
            places_total: crews.iter().map(|crew| crew.places).sum(),
            places_confirmed: count(|crew| crew.members.len()),
            places_accepted: count(|crew| crew.members.iter().filter(|member| member.accepted).count()),
            places_proposed: count(|crew| crew.proposed.len()),
            crews,
        })
    }
}

fn crew_view(state: &State, slot: &TaskSlot) -> CrewView {
    let crew = state.matching.crew(&slot.task);
    let record = state.execution.task(&slot.task);
    let proposal = state.matching.proposal(slot.task.plan);
    CrewView {
        task: slot.task.to_string(),
        skill: slot.skill.clone(),
        min_level: slot.level,
        places: slot.crew,
        start: format_instant(slot.start),
        end: format_instant(slot.end),
        status: record.status.as_str(),
        worked_by: record.crew.clone(),
        members: crew
            .map(|crew| {
                crew.members
                    .iter()
                    .map(|member| CrewMemberView { handle: member.handle.clone(), accepted: member.accepted })
                    .collect()
            })
            .unwrap_or_default(),
        proposed: proposal
            .and_then(|proposal| proposal.crews.iter().find(|proposed| proposed.task == slot.task))
            .map(|proposed| proposed.people.clone())
            .unwrap_or_default(),
        declined: crew
            .map(|crew| crew.declined.iter().map(|(who, why)| format!("{who}: {why}")).collect())
            .unwrap_or_default(),
        swap_offer: crew
            .and_then(|crew| crew.swap_offer.as_ref())
            .map(|offer| format!("{} → {}", offer.from, offer.to)),
        unfilled: proposal
            .and_then(|proposal| proposal.unfilled.iter().find(|short| short.task == slot.task))
            .map(|short| format!("{} missing: {}", short.missing, short.reason)),
    }
}
