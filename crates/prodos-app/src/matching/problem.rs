//! From state to a matching problem and back. Every committed plan's confirmed crews count as
//! busy time; the plan's own tasks that are ready and short of people are the instances to fill;
//! certifications are those valid now, capped below the level a closed contribution gate bars.

use prodos_core::credits::gate::require_work_privilege;
use prodos_core::credits::statement;
use prodos_core::execution::{TaskRef, TaskStatus};
use prodos_core::matching::{MatchingCommand, ProposedCrew, UnfilledCrew};
use prodos_core::orchestration::crew_availability::Bookings;
use prodos_core::orchestration::task_slots::{TaskSlot, plan_slots};
use prodos_core::people::Participant;
use prodos_core::plan::PlanStatus;
use prodos_core::{Command, PlanId, Rejection, State, Timestamp};
use prodos_matching::{Busy, Cert, Instance, Outcome, Person, Problem, UnfilledReason, solve};
use std::collections::HashMap;

/// A matcher run: the command to execute and what it found.
#[derive(Debug, Clone)]
pub struct MatchRun {
    pub command: Command,
    /// Places the plan still needed before the run, and how many the run filled.
    pub places_open: u32,
    pub places_filled: u32,
}

fn day_minutes(slot: &TaskSlot) -> Vec<(i64, u32)> {
    slot.days.iter().map(|(day, minutes)| (day.0, *minutes)).collect()
}

/// The highest level `handle` may work at now: below the first level a closed gate bars.
fn gate_cap(state: &State, handle: &str, now: Timestamp) -> u8 {
    (1..=5).find(|level| require_work_privilege(&state.credits, handle, *level, now).is_err()).map_or(5, |l| l - 1)
}

fn person(state: &State, participant: &Participant, bookings: &Bookings, now: Timestamp) -> Person {
    let cap = gate_cap(state, &participant.handle, now);
    Person {
        handle: participant.handle.clone(),
        certs: participant
            .valid_certifications(now)
            .filter(|_| cap > 0)
            .map(|cert| Cert {
                skill: cert.skill.clone(),
                level: cert.level.min(cap),
                expires_at: cert.expires_at.map(|at| at.millis()),
            })
            .collect(),
        weekly_minutes: participant.availability.minutes_per_weekday,
        absences: participant.absences.iter().map(|absence| (absence.from.0, absence.to.0)).collect(),
        credit_balance_milli: statement(&state.credits, &participant.handle, now).balance.0,
        busy: bookings
            .of(&participant.handle)
            .iter()
            .map(|slot| Busy { start: slot.start.millis(), end: slot.end.millis(), day_minutes: day_minutes(slot) })
            .collect(),
    }
}

/// The problem for `plan`'s open places. `declining` takes one person off one task first (their
/// booking of it freed, and never proposed for it), which is how a decline is re-matched.
fn problem_of(
    state: &State,
    plan: PlanId,
    declining: Option<(&TaskRef, &str)>,
    now: Timestamp,
) -> Result<(Problem, Vec<TaskSlot>), Rejection> {
    let found = state.plans.plan(plan).ok_or(Rejection::UnknownPlan { plan })?;
    if found.status != PlanStatus::Committed {
        return Err(Rejection::InvalidField {
            field: "plan".into(),
            message: format!("{plan} is {}, not committed", found.status.as_str()),
        });
    }
    let slots = plan_slots(state, found);
    let spec = state.designs.version(found.proposal.design).map(|version| &version.spec);
    let mut bookings = Bookings::confirmed(state);
    if let Some((task, handle)) = declining {
        bookings.remove(handle, task);
    }
    let people: Vec<Person> = state.people.iter().map(|p| person(state, p, &bookings, now)).collect();
    let index_of: HashMap<&str, usize> = people.iter().enumerate().map(|(i, p)| (p.handle.as_str(), i)).collect();
    let position: HashMap<&TaskRef, usize> = slots.iter().enumerate().map(|(i, slot)| (&slot.task, i)).collect();
    // The crews the planner named when it called the plan staffable.
    let planned: HashMap<(&str, u32), &[String]> =
        found.proposal.operations.iter().map(|op| ((op.operation.as_str(), op.unit), op.crew.as_slice())).collect();
    let instances = slots
        .iter()
        .map(|slot| {
            let record = state.execution.task(&slot.task);
            let crew = state.matching.crew(&slot.task);
            let mut fixed: Vec<&str> = match crew {
                Some(crew) => crew.members.iter().map(|member| member.handle.as_str()).collect(),
                None => record.crew.iter().map(String::as_str).collect(),
            };
            let mut excluded: Vec<&str> =
                crew.map(|crew| crew.declined.iter().map(|(who, _)| who.as_str()).collect()).unwrap_or_default();
            if let Some((task, handle)) = declining
                && *task == slot.task
            {
                fixed.retain(|member| *member != handle);
                excluded.push(handle);
            }
            // A step that needs a safety certification is closed to those without one.
            if let Some(safety) = spec.and_then(|spec| spec.operation(&slot.task.operation)?.safety.as_deref()) {
                excluded.extend(
                    state.people.iter().filter(|p| p.level_at(safety, now).is_none()).map(|p| p.handle.as_str()),
                );
            }
            let fixed: Vec<usize> = fixed.iter().filter_map(|handle| index_of.get(handle).copied()).collect();
            // Started tasks keep whoever works them: nothing is open there.
            let places = if record.status == TaskStatus::Ready { slot.crew } else { fixed.len() as u32 };
            Instance {
                start: slot.start.millis(),
                end: slot.end.millis(),
                day_minutes: day_minutes(slot),
                skill: slot.skill.clone(),
                level: slot.level,
                crew: places.max(fixed.len() as u32),
                predecessors: slot.predecessors.iter().filter_map(|task| position.get(task).copied()).collect(),
                fixed,
                excluded: excluded.iter().filter_map(|handle| index_of.get(handle).copied()).collect(),
                planned: planned
                    .get(&(slot.task.operation.as_str(), slot.task.unit))
                    .map(|crew| crew.iter().filter_map(|handle| index_of.get(handle.as_str()).copied()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    Ok((Problem { instances, people, weights: Default::default() }, slots))
}

fn reason(slot: &TaskSlot, why: UnfilledReason) -> String {
    let wanted = format!("`{}` at level {}", slot.skill, slot.level);
    match why {
        UnfilledReason::NobodyCertified => format!("nobody is certified in {wanted}"),
        UnfilledReason::QualifiedUnavailable { qualified, away, busy, declined } => format!(
            "everyone certified in {wanted} is taken or away: {qualified} certified, {away} away or without \
             the hours that day, {busy} busy then, {declined} declined"
        ),
    }
}

fn open_places(problem: &Problem) -> u32 {
    problem.instances.iter().map(|instance| instance.crew - instance.fixed.len() as u32).sum()
}

/// Runs the matcher over `plan`'s open places and returns the `ProposeMatch` command.
pub fn propose_match(state: &State, plan: PlanId, by: &str, now: Timestamp) -> Result<MatchRun, Rejection> {
    let (problem, slots) = problem_of(state, plan, None, now)?;
    let outcome: Outcome = solve(&problem);
    let crews: Vec<ProposedCrew> = outcome
        .crews
        .iter()
        .zip(&slots)
        .filter(|(crew, _)| !crew.is_empty())
        .map(|(crew, slot)| ProposedCrew {
            task: slot.task.clone(),
            people: crew.iter().map(|&person| problem.people[person].handle.clone()).collect(),
        })
        .collect();
    let unfilled = outcome
        .unfilled
        .iter()
        .map(|short| UnfilledCrew {
            task: slots[short.instance].task.clone(),
            missing: short.missing,
            reason: reason(&slots[short.instance], short.reason),
        })
        .collect();
    let places_filled = crews.iter().map(|crew| crew.people.len() as u32).sum();
    let command = Command::Matching(MatchingCommand::ProposeMatch { plan, crews, unfilled, by: by.to_string() });
    Ok(MatchRun { command, places_open: open_places(&problem), places_filled })
}

/// The `Decline` command for `handle` on `task`, with the matcher's replacement among qualified,
/// available people other than the decliner (none when nobody fits).
pub fn decline_command(
    state: &State,
    task: &TaskRef,
    handle: &str,
    reason: &str,
    now: Timestamp,
) -> Result<Command, Rejection> {
    let (mut problem, slots) = problem_of(state, task.plan, Some((task, handle)), now)?;
    // Refusing a swap offer leaves the crew as it was: nothing to re-match.
    let is_member = state.matching.crew(task).is_some_and(|crew| crew.member(handle).is_some());
    let target = slots.iter().position(|slot| slot.task == *task).filter(|_| is_member);
    let replacement = target.and_then(|target| {
        // Only the declined place is open: every other instance keeps exactly its crew.
        for (index, instance) in problem.instances.iter_mut().enumerate() {
            if index != target {
                instance.crew = instance.fixed.len() as u32;
            } else {
                instance.crew = instance.crew.min(instance.fixed.len() as u32 + 1);
            }
        }
        let outcome = solve(&problem);
        outcome.crews[target].first().map(|&person| problem.people[person].handle.clone())
    });
    Ok(Command::Matching(MatchingCommand::Decline {
        task: task.clone(),
        handle: handle.to_string(),
        reason: reason.to_string(),
        replacement,
    }))
}
