//! Safety commands decided against the rest of the node: an incident names real people, an
//! asset and a task of a committed plan (its operation and skill taken from the task), and a
//! serious one may suspend an involved participant's certification in that skill — recorded as
//! a revocation the people area only lifts when a training challenge in it is passed.

use super::task_work::{locate, skill_of};
use crate::event::Event;
use crate::ids::IncidentId;
use crate::people::PeopleEvent;
use crate::people::model::Revocation;
use crate::people::qualification::require_participant;
use crate::rejection::Rejection;
use crate::safety::{Incident, IncidentSeverity, NewIncident, SafetyCommand, SafetyEvent, Suspension};
use crate::state::State;
use crate::time::Timestamp;

pub fn decide(state: &State, command: &SafetyCommand, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    match command {
        SafetyCommand::ReportIncident { incident, by } => {
            let incident = report(state, incident, by, now)?;
            Ok(vec![Event::Safety(SafetyEvent::IncidentReported { incident })])
        }
        SafetyCommand::Suspend { incident, handle, by } => suspend(state, *incident, handle, by, now),
    }
}

fn report(state: &State, new: &NewIncident, by: &str, now: Timestamp) -> Result<Incident, Rejection> {
    require_participant(&state.people, "by", by)?;
    let description = new.description.trim();
    if description.is_empty() {
        return Err(Rejection::FieldRequired { field: "description".into() });
    }
    if let Some(asset) = new.asset {
        state.maintenance.asset(asset).ok_or(Rejection::UnknownAsset { asset })?;
    }
    let mut operation = new.operation.clone().filter(|operation| !operation.trim().is_empty());
    let mut skill = new.skill.clone().filter(|skill| !skill.trim().is_empty());
    let mut people = new.people.clone();
    if let Some(task) = &new.task {
        let located = locate(state, task)?;
        operation.get_or_insert_with(|| task.operation.clone());
        if skill.is_none() {
            skill = skill_of(&located.operation).map(|(skill, _)| skill.to_string());
        }
        if people.is_empty() {
            // Those who were working it, when the reporter names nobody.
            people = located.record.crew.clone();
            if people.is_empty() {
                people.extend(located.record.worker.clone());
            }
        }
    }
    for (index, handle) in people.iter().enumerate() {
        require_participant(&state.people, &format!("people[{index}]"), handle)?;
    }
    people.dedup();
    Ok(Incident {
        id: state.safety.next_incident(),
        kind: new.kind,
        severity: new.severity,
        description: description.into(),
        operation,
        task: new.task.clone(),
        asset: new.asset,
        people,
        skill,
        reported_by: by.into(),
        at: now,
        suspensions: Vec::new(),
    })
}

fn suspend(state: &State, id: IncidentId, handle: &str, by: &str, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let incident = state.safety.incident(id).ok_or(Rejection::UnknownIncident { incident: id })?;
    let invalid = |field: &str, message: String| Rejection::InvalidField { field: field.into(), message };
    if incident.severity != IncidentSeverity::Serious {
        return Err(invalid(
            "incident",
            format!("{id} is {}: only a serious incident suspends a certification", incident.severity.as_str()),
        ));
    }
    if !incident.people.iter().any(|involved| involved == handle) {
        return Err(invalid(
            "handle",
            format!("{handle} is not among the people involved in {id} ({})", incident.people.join(", ")),
        ));
    }
    let Some(skill) = incident.skill.clone() else {
        return Err(invalid("incident", format!("{id} names no skill to suspend: report it with its task or skill")));
    };
    let participant = require_participant(&state.people, "handle", handle)?;
    if participant.level_at(&skill, now).is_none() {
        return Err(Rejection::NoValidCertification { handle: handle.into(), skill });
    }
    let reason = format!(
        "suspended after {id} ({}): pass a training challenge in `{skill}` to be restored",
        incident.description
    );
    let revocation = Revocation { by: by.into(), reason, at: now, retrain: true };
    let suspension = Suspension { handle: handle.into(), skill: skill.clone(), by: by.into(), at: now };
    Ok(vec![
        Event::Safety(SafetyEvent::CertificationSuspended { incident: id, suspension }),
        Event::People(PeopleEvent::CertificationRevoked { handle: handle.into(), skill, revocation }),
    ])
}
