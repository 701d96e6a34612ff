//! Decisions about crews. Order of checks: input (reasons, duplicates), the plan or task exists
//! and is committed and not started, the acting person's role or membership, then every person
//! who would join a crew passes `require_assignable` against what everyone is already booked for
//! (including earlier crews of the same proposal), so nobody is ever double-booked.

use super::crew_availability::{Bookings, require_assignable};
use super::task_slots::{TaskSlot, plan_slots, slot_of};
use crate::event::Event;
use crate::execution::TaskStatus;
use crate::ids::PlanId;
use crate::ids::TaskRef;
use crate::matching::{Crew, MatchProposal, MatchingCommand, MatchingEvent, ProposedCrew, SwapOffer, UnfilledCrew};
use crate::people::qualification::{require_coordinator, require_participant};
use crate::plan::{Plan, PlanStatus};
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;
use std::collections::{BTreeMap, BTreeSet};

pub fn decide(state: &State, command: &MatchingCommand, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let events = match command {
        MatchingCommand::ProposeMatch { plan, crews, unfilled, by } => {
            require_participant(&state.people, "by", by)?;
            let committed = committed_plan(state, *plan)?;
            check_proposal(state, committed, crews, unfilled, now)?;
            let proposal = MatchProposal {
                plan: *plan,
                crews: crews.clone(),
                unfilled: unfilled.clone(),
                by: by.clone(),
                at: now,
            };
            vec![MatchingEvent::MatchProposed { proposal }]
        }
        MatchingCommand::ConfirmMatch { plan, by } => {
            let committed = committed_plan(state, *plan)?;
            require_coordinator(&state.people, "by", by, "confirm crews")?;
            let proposal = state.matching.proposal(*plan).ok_or(Rejection::NoMatchProposal { plan: *plan })?;
            // The world may have moved since the proposal (certifications revoked, absences,
            // another plan's crews confirmed): everyone is checked again.
            check_proposal(state, committed, &proposal.crews, &proposal.unfilled, now)?;
            vec![MatchingEvent::MatchConfirmed { plan: *plan, by: by.clone(), at: now }]
        }
        MatchingCommand::Accept { task, handle } => accept(state, task, handle, now)?,
        MatchingCommand::Decline { task, handle, reason, replacement } => {
            decline(state, task, handle, reason, replacement.as_deref(), now)?
        }
        MatchingCommand::Swap { task, from, to } => {
            let (slot, crew) = open_crew(state, task, from, "swap")?;
            require_participant(&state.people, "to", to)?;
            if crew.member(to).is_some() {
                return Err(Rejection::InvalidField {
                    field: "to".into(),
                    message: format!("{to} is already in the crew of {task}"),
                });
            }
            let mut bookings = Bookings::confirmed(state);
            bookings.remove(from, task);
            require_assignable(state, &bookings, to, &slot, now)?;
            let offer = SwapOffer { from: from.clone(), to: to.clone() };
            if crew.swap_offer.as_ref() == Some(&offer) {
                return Ok(Vec::new());
            }
            vec![MatchingEvent::SwapOffered { task: task.clone(), offer, at: now }]
        }
    };
    Ok(events.into_iter().map(Event::Matching).collect())
}

fn committed_plan(state: &State, plan: PlanId) -> Result<&Plan, Rejection> {
    let found = state.plans.plan(plan).ok_or(Rejection::UnknownPlan { plan })?;
    if found.status != PlanStatus::Committed {
        return Err(Rejection::InvalidField {
            field: "plan".into(),
            message: format!("{plan} is {}, not committed", found.status.as_str()),
        });
    }
    Ok(found)
}

fn require_not_started(state: &State, task: &TaskRef, action: &'static str) -> Result<(), Rejection> {
    let status = state.execution.task(task).status;
    if status != TaskStatus::Ready {
        return Err(Rejection::TaskWrongStatus { task: task.to_string(), status: status.as_str(), action });
    }
    Ok(())
}

/// Every proposed person is qualified, available and not double-booked (against confirmed crews
/// and the proposal's earlier crews); crews fit their places; nobody who declined comes back.
fn check_proposal(
    state: &State,
    plan: &Plan,
    crews: &[ProposedCrew],
    unfilled: &[UnfilledCrew],
    now: Timestamp,
) -> Result<(), Rejection> {
    let slots: BTreeMap<TaskRef, TaskSlot> =
        plan_slots(state, plan).into_iter().map(|slot| (slot.task.clone(), slot)).collect();
    let find = |task: &TaskRef| {
        slots.get(task).ok_or_else(|| {
            if task.plan == plan.id {
                Rejection::UnknownTask { task: task.to_string() }
            } else {
                Rejection::InvalidField { field: "task".into(), message: format!("{task} is not in {}", plan.id) }
            }
        })
    };
    let mut bookings = Bookings::confirmed(state);
    let mut seen = BTreeSet::new();
    for proposed in crews {
        let slot = find(&proposed.task)?;
        if !seen.insert(&proposed.task) {
            return Err(Rejection::InvalidField {
                field: "crews".into(),
                message: format!("{} is proposed twice", proposed.task),
            });
        }
        require_not_started(state, &proposed.task, "take a crew")?;
        let crew = state.matching.crew(&proposed.task).cloned().unwrap_or_default();
        let places = slot.crew as usize;
        if proposed.people.is_empty() || crew.members.len() + proposed.people.len() > places {
            return Err(Rejection::InvalidField {
                field: "people".into(),
                message: format!(
                    "{} has {places} place(s), {} taken; {} proposed",
                    proposed.task,
                    crew.members.len(),
                    proposed.people.len()
                ),
            });
        }
        for (position, handle) in proposed.people.iter().enumerate() {
            if proposed.people[..position].contains(handle) || crew.member(handle).is_some() {
                return Err(Rejection::InvalidField {
                    field: "people".into(),
                    message: format!("{handle} is named twice in the crew of {}", proposed.task),
                });
            }
            require_not_declined(&crew, handle, &proposed.task)?;
            require_assignable(state, &bookings, handle, slot, now)?;
            bookings.add(handle, slot);
        }
    }
    for short in unfilled {
        find(&short.task)?;
        if short.missing == 0 {
            return Err(Rejection::InvalidField {
                field: "unfilled".into(),
                message: format!("{} is listed as short of 0 people", short.task),
            });
        }
    }
    Ok(())
}

fn require_not_declined(crew: &Crew, handle: &str, task: &TaskRef) -> Result<(), Rejection> {
    match crew.declined.iter().find(|(who, _)| who == handle) {
        Some((_, reason)) => Err(Rejection::InvalidField {
            field: "people".into(),
            message: format!("{handle} declined {task} ({reason}) and is not proposed again"),
        }),
        None => Ok(()),
    }
}

/// The task's slot and confirmed crew, for a step by `handle` before the task starts.
fn open_crew<'a>(
    state: &'a State,
    task: &TaskRef,
    handle: &str,
    action: &'static str,
) -> Result<(TaskSlot, &'a Crew), Rejection> {
    committed_plan(state, task.plan)?;
    let slot = slot_of(state, task).ok_or_else(|| Rejection::UnknownTask { task: task.to_string() })?;
    require_participant(&state.people, "handle", handle)?;
    let crew = state.matching.crew(task).ok_or_else(|| Rejection::NotInCrew {
        handle: handle.to_string(),
        task: task.to_string(),
        action,
    })?;
    require_not_started(state, task, action)?;
    if crew.member(handle).is_none() && crew.swap_offer.as_ref().is_none_or(|offer| offer.to != handle) {
        return Err(Rejection::NotInCrew { handle: handle.to_string(), task: task.to_string(), action });
    }
    if action == "swap" && crew.member(handle).is_none() {
        return Err(Rejection::NotInCrew { handle: handle.to_string(), task: task.to_string(), action });
    }
    Ok((slot, crew))
}

fn accept(state: &State, task: &TaskRef, handle: &str, now: Timestamp) -> Result<Vec<MatchingEvent>, Rejection> {
    let (slot, crew) = open_crew(state, task, handle, "accept")?;
    if let Some(member) = crew.member(handle) {
        if member.accepted {
            return Ok(Vec::new());
        }
        // The gate is asked again: a certification may have lapsed since the confirmation.
        require_assignable(state, &Bookings::confirmed(state), handle, &slot, now)?;
        return Ok(vec![MatchingEvent::AssignmentAccepted { task: task.clone(), handle: handle.to_string(), at: now }]);
    }
    let offer = crew.swap_offer.clone().expect("open_crew admits only members and the swap's taker");
    let mut bookings = Bookings::confirmed(state);
    bookings.remove(&offer.from, task);
    require_assignable(state, &bookings, handle, &slot, now)?;
    Ok(vec![MatchingEvent::SwapCompleted { task: task.clone(), offer, at: now }])
}

fn decline(
    state: &State,
    task: &TaskRef,
    handle: &str,
    reason: &str,
    replacement: Option<&str>,
    now: Timestamp,
) -> Result<Vec<MatchingEvent>, Rejection> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Rejection::FieldRequired { field: "reason".into() });
    }
    let (slot, crew) = open_crew(state, task, handle, "decline")?;
    if crew.member(handle).is_none() {
        let offer = crew.swap_offer.clone().expect("open_crew admits only members and the swap's taker");
        if replacement.is_some() {
            return Err(Rejection::InvalidField {
                field: "replacement".into(),
                message: format!("refusing a swap offer of {task} leaves {} in the crew", offer.from),
            });
        }
        return Ok(vec![MatchingEvent::SwapRefused { task: task.clone(), offer, reason: reason.into(), at: now }]);
    }
    let mut events = vec![MatchingEvent::AssignmentDeclined {
        task: task.clone(),
        handle: handle.to_string(),
        reason: reason.into(),
        at: now,
    }];
    if let Some(replacement) = replacement {
        require_participant(&state.people, "replacement", replacement)?;
        if replacement == handle || crew.member(replacement).is_some() {
            return Err(Rejection::InvalidField {
                field: "replacement".into(),
                message: format!("{replacement} is already in the crew of {task}"),
            });
        }
        require_not_declined(crew, replacement, task)?;
        let mut bookings = Bookings::confirmed(state);
        bookings.remove(handle, task);
        require_assignable(state, &bookings, replacement, &slot, now)?;
        events.push(MatchingEvent::CrewMemberAdded {
            task: task.clone(),
            handle: replacement.to_string(),
            replaces: handle.to_string(),
            at: now,
        });
    }
    Ok(events)
}
