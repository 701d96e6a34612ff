//! Improvement commands decided against the rest of the node: a proposal names a real design
//! and one of its operations (in any version), a decision is taken once on a proposed one, and
//! only an approved proposal can be done.

use crate::event::Event;
use crate::ids::ImprovementId;
use crate::improvement::model::{Decision, Improvement, ProposalStatus};
use crate::improvement::{ImprovementCommand, ImprovementEvent, NewProposal};
use crate::people::qualification::require_participant;
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;

fn one(event: ImprovementEvent) -> Vec<Event> {
    vec![Event::Improvement(event)]
}

fn text(field: &str, value: &str) -> Result<String, Rejection> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Rejection::FieldRequired { field: field.into() });
    }
    Ok(value.into())
}

pub fn decide(state: &State, command: &ImprovementCommand, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    match command {
        ImprovementCommand::Propose { proposal, by } => {
            let improvement = propose(state, proposal, by, now)?;
            Ok(one(ImprovementEvent::ImprovementProposed { improvement }))
        }
        ImprovementCommand::Decide { proposal, approve, note, by } => {
            in_status(state, *proposal, ProposalStatus::Proposed, "decided")?;
            let decision = Decision { approved: *approve, note: text("note", note)?, by: by.clone(), at: now };
            Ok(one(ImprovementEvent::ImprovementDecided { proposal: *proposal, decision }))
        }
        ImprovementCommand::Close { proposal, note, by } => {
            in_status(state, *proposal, ProposalStatus::Approved, "closed as done")?;
            require_participant(&state.people, "by", by)?;
            Ok(one(ImprovementEvent::ImprovementDone {
                proposal: *proposal,
                note: note.trim().into(),
                by: by.clone(),
                at: now,
            }))
        }
    }
}

fn propose(state: &State, new: &NewProposal, by: &str, now: Timestamp) -> Result<Improvement, Rejection> {
    require_participant(&state.people, "by", by)?;
    let design = state
        .designs
        .get(new.design)
        .ok_or(Rejection::UnknownDesign { design: crate::ids::DesignSelector { design: new.design, version: None } })?;
    let operation = new.operation.trim();
    if !design.versions().iter().any(|version| version.spec.operation(operation).is_some()) {
        return Err(Rejection::InvalidField {
            field: "operation".into(),
            message: format!("{} has no operation `{operation}`", new.design),
        });
    }
    Ok(Improvement {
        id: state.improvements.next_id(),
        title: text("title", &new.title)?,
        kind: new.kind,
        expected: text("expected", &new.expected)?,
        design: new.design,
        operation: operation.into(),
        metric: new.metric,
        proposed_by: by.into(),
        proposed_at: now,
        status: ProposalStatus::Proposed,
        decision: None,
        done: None,
    })
}

fn in_status(state: &State, id: ImprovementId, wanted: ProposalStatus, action: &str) -> Result<(), Rejection> {
    let record = state.improvements.get(id).ok_or(Rejection::UnknownImprovement { proposal: id })?;
    if record.status != wanted {
        return Err(Rejection::InvalidField {
            field: "proposal".into(),
            message: format!("{id} is {}: it must be {} to be {action}", record.status.as_str(), wanted.as_str()),
        });
    }
    Ok(())
}
