//! The qualification gate: only holders of a valid (unrevoked, unexpired at `now`) certification
//! at the required level may be assigned, start or verify an operation. Every refusal names the
//! skill and level that are missing, and why.

use super::model::{Participant, People};
use crate::calendar::Day;
use crate::rejection::Rejection;
use crate::time::Timestamp;

pub fn require_participant<'a>(people: &'a People, field: &str, handle: &str) -> Result<&'a Participant, Rejection> {
    people
        .get(handle)
        .ok_or_else(|| Rejection::UnknownParticipant { field: field.to_string(), handle: handle.to_string() })
}

/// `handle` holds `skill` at `level` or above, validly at `now`.
pub fn require_qualified<'a>(
    people: &'a People,
    field: &str,
    handle: &str,
    skill: &str,
    level: u8,
    now: Timestamp,
) -> Result<&'a Participant, Rejection> {
    let participant = require_participant(people, field, handle)?;
    match participant.level_at(skill, now) {
        Some(held) if held >= level => Ok(participant),
        held => Err(Rejection::NotQualified {
            handle: handle.to_string(),
            skill: skill.to_string(),
            level,
            detail: why_not(participant, skill, level, held, now),
        }),
    }
}

fn why_not(participant: &Participant, skill: &str, level: u8, held: Option<u8>, now: Timestamp) -> String {
    let lapsed = participant.certifications.iter().rev().find(|cert| cert.skill == skill && cert.level >= level);
    match (lapsed, held) {
        (Some(cert), _) if cert.revoked.is_some() => {
            let revocation = cert.revoked.as_ref().expect("checked above");
            format!("the level-{} certification was revoked by {}: {}", cert.level, revocation.by, revocation.reason)
        }
        (Some(cert), _) if cert.expires_at.is_some_and(|expires| expires <= now) => {
            let expires = cert.expires_at.expect("checked above");
            format!("the level-{} certification expired on {}", cert.level, Day::of(expires))
        }
        (_, Some(held)) => format!("holds level {held} only"),
        (_, None) => "holds no certification in it".to_string(),
    }
}

pub fn require_coordinator(people: &People, field: &str, handle: &str, action: &str) -> Result<(), Rejection> {
    if require_participant(people, field, handle)?.coordinator {
        Ok(())
    } else {
        Err(Rejection::CoordinatorRequired { handle: handle.to_string(), action: action.to_string() })
    }
}

/// Who may vouch for `level` in `skill`: a coordinator, or someone validly certified above it.
/// Nobody vouches for themselves.
pub fn require_certifier(
    people: &People,
    issuer: &str,
    candidate: &str,
    skill: &str,
    level: u8,
    now: Timestamp,
) -> Result<(), Rejection> {
    let participant = require_participant(people, "by", issuer)?;
    if issuer == candidate {
        return Err(Rejection::SelfApproval { handle: issuer.to_string(), action: "certify".to_string() });
    }
    if participant.coordinator {
        return Ok(());
    }
    if level >= crate::skill::MAX_SKILL_LEVEL {
        return Err(Rejection::CoordinatorRequired {
            handle: issuer.to_string(),
            action: format!("certify `{skill}` at the top level {level}"),
        });
    }
    require_qualified(people, "by", issuer, skill, level + 1, now).map(|_| ())
}
