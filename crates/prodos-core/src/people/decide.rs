//! Decisions about people: joining, availability, absences, certifications and the training game.
//! Pure; every refusal names the field or handle at fault and nothing is written.

use super::challenge::{Attempt, Challenge, Question, grade};
use super::command::{NewParticipant, PeopleCommand};
use super::event::PeopleEvent;
use super::model::{Absence, Certification, People, Revocation, WeeklyAvailability};
use super::qualification::{require_certifier, require_coordinator, require_participant};
use crate::calendar::Day;
use crate::ids::{AttemptId, ChallengeId};
use crate::rejection::Rejection;
use crate::skill::{check_level, check_skill};
use crate::time::Timestamp;
use std::collections::BTreeSet;

const MAX_HANDLE_CHARS: usize = 32;
const MIN_PER_DAY: i64 = 24 * 60;

pub fn decide(people: &People, command: &PeopleCommand, now: Timestamp) -> Result<Vec<PeopleEvent>, Rejection> {
    let events = match command {
        PeopleCommand::AddParticipants { participants, by } => {
            add_participants(people, participants, by.as_deref(), now)?
        }
        PeopleCommand::SetAvailability { handle, minutes_per_weekday } => {
            set_availability(people, handle, minutes_per_weekday)?
        }
        PeopleCommand::RecordAbsence { handle, from, to, reason } => {
            record_absence(people, handle, *from, *to, reason)?
        }
        PeopleCommand::GrantCertification { handle, skill, level, expires_on, by } => {
            grant(people, handle, skill, *level, *expires_on, by, now)?
        }
        PeopleCommand::RevokeCertification { handle, skill, reason, by } => {
            revoke(people, handle, skill, reason, by, now)?
        }
        PeopleCommand::AddChallenge {
            skill,
            level,
            title,
            steps,
            questions,
            pass_mark_percent,
            valid_for_days,
            by,
        } => {
            let draft = ChallengeDraft {
                skill,
                level: *level,
                title,
                steps,
                questions,
                pass_mark_percent: *pass_mark_percent,
                valid_for_days: *valid_for_days,
            };
            add_challenge(people, draft, by, now)?
        }
        PeopleCommand::AttemptChallenge { challenge, handle, answers, steps_demonstrated } => {
            attempt(people, *challenge, handle, answers, steps_demonstrated, now)?
        }
        PeopleCommand::SignOffAttempt { attempt, by } => sign_off(people, *attempt, by, now)?,
    };
    Ok(events)
}

/// A handle is what people type: lowercase letters, digits, `-`, `_`, `.`, 1–32 characters.
pub fn check_handle(field: &str, handle: &str) -> Result<(), Rejection> {
    let ok = !handle.is_empty()
        && handle.chars().count() <= MAX_HANDLE_CHARS
        && handle.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'));
    if ok { Ok(()) } else { Err(Rejection::InvalidHandle { field: field.to_string(), value: handle.to_string() }) }
}

fn add_participants(
    people: &People,
    participants: &[NewParticipant],
    by: Option<&str>,
    now: Timestamp,
) -> Result<Vec<PeopleEvent>, Rejection> {
    if participants.is_empty() {
        return Err(Rejection::FieldRequired { field: "participants".to_string() });
    }
    let mut seen = BTreeSet::new();
    let mut events = Vec::new();
    for (index, new) in participants.iter().enumerate() {
        let field = format!("participants[{index}].handle");
        check_handle(&field, &new.handle)?;
        if !seen.insert(new.handle.as_str()) {
            return Err(Rejection::InvalidField { field, message: format!("`{}` appears twice", new.handle) });
        }
        let real_name = new.real_name.as_ref().map(|name| name.trim().to_string()).filter(|name| !name.is_empty());
        if let Some(existing) = people.get(&new.handle) {
            if existing.real_name == real_name && existing.coordinator == new.coordinator {
                continue;
            }
            return Err(Rejection::HandleTaken { handle: new.handle.clone() });
        }
        events.push(PeopleEvent::ParticipantAdded {
            handle: new.handle.clone(),
            real_name,
            coordinator: new.coordinator,
            at: now,
        });
    }
    // The first coordinator bootstraps the node; after that only coordinators appoint others.
    if participants.iter().any(|new| new.coordinator && people.get(&new.handle).is_none()) && people.has_coordinator() {
        let by = by.ok_or_else(|| Rejection::FieldRequired { field: "by".to_string() })?;
        require_coordinator(people, "by", by, "appoint coordinators")?;
    }
    Ok(events)
}

fn set_availability(people: &People, handle: &str, minutes: &[i64; 7]) -> Result<Vec<PeopleEvent>, Rejection> {
    let participant = require_participant(people, "handle", handle)?;
    let mut availability = WeeklyAvailability::default();
    for (weekday, value) in minutes.iter().enumerate() {
        if !(0..=MIN_PER_DAY).contains(value) {
            return Err(Rejection::InvalidField {
                field: crate::calendar::WEEKDAY_NAMES[weekday].to_string(),
                message: format!("{value} minutes is not within one day (0–{MIN_PER_DAY})"),
            });
        }
        availability.minutes_per_weekday[weekday] = *value as u32;
    }
    if participant.availability == availability {
        return Ok(Vec::new());
    }
    Ok(vec![PeopleEvent::AvailabilitySet { handle: handle.to_string(), availability }])
}

fn record_absence(
    people: &People,
    handle: &str,
    from: Day,
    to: Day,
    reason: &str,
) -> Result<Vec<PeopleEvent>, Rejection> {
    require_participant(people, "handle", handle)?;
    if to < from {
        return Err(Rejection::InvalidField { field: "to".into(), message: format!("{to} is before {from}") });
    }
    if reason.trim().is_empty() {
        return Err(Rejection::FieldRequired { field: "reason".into() });
    }
    let absence = Absence { from, to, reason: reason.trim().to_string() };
    Ok(vec![PeopleEvent::AbsenceRecorded { handle: handle.to_string(), absence }])
}

fn grant(
    people: &People,
    handle: &str,
    skill: &str,
    level: i64,
    expires_on: Option<Day>,
    by: &str,
    now: Timestamp,
) -> Result<Vec<PeopleEvent>, Rejection> {
    check_skill("skill", skill)?;
    let level = check_level("level", level)?;
    require_participant(people, "handle", handle)?;
    // Valid through the whole expiry day.
    let expires_at = expires_on.map(|day| day.plus(1).start());
    if let Some(expires) = expires_at.filter(|expires| *expires <= now) {
        return Err(Rejection::InvalidField {
            field: "expires".into(),
            message: format!("{} is already past", Day::of(expires).plus(-1)),
        });
    }
    require_certifier(people, by, handle, skill, level, now)?;
    if let Some(suspension) = people.get(handle).and_then(|participant| participant.suspension(skill, now)) {
        return Err(Rejection::InvalidField {
            field: "skill".into(),
            message: format!("{handle}'s `{skill}` certification is {}", suspension.reason),
        });
    }
    let certification = Certification {
        skill: skill.to_string(),
        level,
        issued_by: by.to_string(),
        issued_at: now,
        expires_at,
        attempt: None,
        revoked: None,
    };
    Ok(vec![PeopleEvent::CertificationGranted { handle: handle.to_string(), certification }])
}

fn revoke(
    people: &People,
    handle: &str,
    skill: &str,
    reason: &str,
    by: &str,
    now: Timestamp,
) -> Result<Vec<PeopleEvent>, Rejection> {
    if reason.trim().is_empty() {
        return Err(Rejection::FieldRequired { field: "reason".into() });
    }
    let participant = require_participant(people, "handle", handle)?;
    require_coordinator(people, "by", by, "revoke certifications")?;
    if participant.level_at(skill, now).is_none() {
        return Err(Rejection::NoValidCertification { handle: handle.to_string(), skill: skill.to_string() });
    }
    let revocation = Revocation { by: by.to_string(), reason: reason.trim().to_string(), at: now, retrain: false };
    Ok(vec![PeopleEvent::CertificationRevoked { handle: handle.to_string(), skill: skill.to_string(), revocation }])
}

struct ChallengeDraft<'a> {
    skill: &'a str,
    level: i64,
    title: &'a str,
    steps: &'a [String],
    questions: &'a [Question],
    pass_mark_percent: i64,
    valid_for_days: Option<i64>,
}

fn add_challenge(
    people: &People,
    draft: ChallengeDraft<'_>,
    by: &str,
    now: Timestamp,
) -> Result<Vec<PeopleEvent>, Rejection> {
    check_skill("skill", draft.skill)?;
    let level = check_level("level", draft.level)?;
    if draft.title.trim().is_empty() {
        return Err(Rejection::FieldRequired { field: "title".into() });
    }
    if draft.steps.is_empty() && draft.questions.is_empty() {
        return Err(Rejection::FieldRequired { field: "steps".into() });
    }
    if let Some(index) = draft.steps.iter().position(|step| step.trim().is_empty()) {
        return Err(Rejection::FieldRequired { field: format!("steps[{index}]") });
    }
    for (index, question) in draft.questions.iter().enumerate() {
        if question.prompt.trim().is_empty() {
            return Err(Rejection::FieldRequired { field: format!("questions[{index}].prompt") });
        }
        if question.answer.trim().is_empty() {
            return Err(Rejection::FieldRequired { field: format!("questions[{index}].answer") });
        }
    }
    if !(0..=100).contains(&draft.pass_mark_percent) {
        return Err(Rejection::InvalidField {
            field: "pass_mark_percent".into(),
            message: format!("{} is not a percentage", draft.pass_mark_percent),
        });
    }
    let valid_for_days = match draft.valid_for_days {
        None => None,
        Some(days) if (1..=36_500).contains(&days) => Some(days as u32),
        Some(days) => return Err(Rejection::CountMustBePositive { field: "valid_for_days".into(), value: days }),
    };
    require_coordinator(people, "by", by, "add challenges")?;
    let challenge = Challenge {
        id: people.next_challenge_id(),
        skill: draft.skill.to_string(),
        level,
        title: draft.title.trim().to_string(),
        steps: draft.steps.iter().map(|step| step.trim().to_string()).collect(),
        questions: draft.questions.to_vec(),
        pass_mark_percent: draft.pass_mark_percent as u8,
        valid_for_days,
        created_by: by.to_string(),
        created_at: now,
    };
    Ok(vec![PeopleEvent::ChallengeAdded { challenge }])
}

fn attempt(
    people: &People,
    challenge_id: ChallengeId,
    handle: &str,
    answers: &[String],
    steps_demonstrated: &[u32],
    now: Timestamp,
) -> Result<Vec<PeopleEvent>, Rejection> {
    let challenge = people.challenge(challenge_id).ok_or(Rejection::UnknownChallenge { challenge: challenge_id })?;
    require_participant(people, "handle", handle)?;
    if answers.len() != challenge.questions.len() {
        return Err(Rejection::InvalidField {
            field: "answers".into(),
            message: format!(
                "{challenge_id} asks {} question(s), {} answer(s) given",
                challenge.questions.len(),
                answers.len()
            ),
        });
    }
    if let Some(step) = steps_demonstrated.iter().find(|step| **step == 0 || **step as usize > challenge.steps.len()) {
        return Err(Rejection::InvalidField {
            field: "steps".into(),
            message: format!("{challenge_id} has steps 1–{}, not {step}", challenge.steps.len()),
        });
    }
    let attempt = Attempt {
        id: people.next_attempt_id(),
        challenge: challenge_id,
        handle: handle.to_string(),
        grade: grade(challenge, answers, steps_demonstrated),
        at: now,
        signed_off_by: None,
    };
    Ok(vec![PeopleEvent::AttemptGraded { attempt }])
}

fn sign_off(people: &People, attempt_id: AttemptId, by: &str, now: Timestamp) -> Result<Vec<PeopleEvent>, Rejection> {
    let attempt = people.attempt(attempt_id).ok_or(Rejection::UnknownAttempt { attempt: attempt_id })?;
    let challenge =
        people.challenge(attempt.challenge).ok_or(Rejection::UnknownChallenge { challenge: attempt.challenge })?;
    if let Some(signer) = &attempt.signed_off_by {
        return Err(Rejection::AttemptAlreadySignedOff { attempt: attempt_id, by: signer.clone() });
    }
    let grade = attempt.grade;
    if !grade.passed {
        return Err(Rejection::AttemptNotPassed {
            attempt: attempt_id,
            answers_correct: grade.answers_correct,
            questions: grade.questions,
            steps_demonstrated: grade.steps_demonstrated,
            steps_total: grade.steps_total,
        });
    }
    require_certifier(people, by, &attempt.handle, &challenge.skill, challenge.level, now)?;
    let certification = Certification {
        skill: challenge.skill.clone(),
        level: challenge.level,
        issued_by: by.to_string(),
        issued_at: now,
        expires_at: challenge.valid_for_days.map(|days| now.plus_days(i64::from(days))),
        attempt: Some(attempt_id),
        revoked: None,
    };
    Ok(vec![
        PeopleEvent::AttemptSignedOff { attempt: attempt_id, by: by.to_string(), at: now },
        PeopleEvent::CertificationGranted { handle: attempt.handle.clone(), certification },
    ])
}
