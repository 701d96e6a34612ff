//! Decisions about value accounting: recording verified labor (qualification gate, contribution
//! gate, no self-verification) and the coordinators' settings.

use crate::credits::gate::{GateRule, Privilege, require_work_privilege};
use crate::credits::{CreditPolicy, CreditsCommand, CreditsEvent, LaborRecord, MAX_HOURS_PER_RECORD};
use crate::event::Event;
use crate::people::qualification::{require_coordinator, require_qualified};
use crate::rejection::Rejection;
use crate::skill::{check_level, check_skill};
use crate::state::State;
use crate::time::Timestamp;
use crate::units::Milli;

pub fn decide(state: &State, command: &CreditsCommand, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let events = match command {
        CreditsCommand::RecordLabor { handle, skill, level, hours, verified_by, note } => {
            check_skill("skill", skill)?;
            let level = check_level("level", *level)?;
            let labor = LaborClaim { handle, skill, level, hours: *hours, verified_by, task: None, note };
            vec![record_labor(state, &labor, now)?]
        }
        CreditsCommand::SetCreditPolicy {
            decay_rate_per_period_bp,
            default_weight_per_hour,
            earned_entitlement_cost_credits,
            by,
        } => {
            if !(0..=10_000).contains(decay_rate_per_period_bp) {
                return Err(Rejection::InvalidField {
                    field: "decay_rate_per_period_bp".into(),
                    message: format!("{decay_rate_per_period_bp} is not within 0–10000 basis points"),
                });
            }
            not_negative("default_weight_per_hour", *default_weight_per_hour)?;
            not_negative("earned_entitlement_cost_credits", *earned_entitlement_cost_credits)?;
            require_coordinator(&state.people, "by", by, "set the credit policy")?;
            let policy = CreditPolicy {
                decay_rate_per_period_bp: *decay_rate_per_period_bp as u32,
                default_weight_per_hour: *default_weight_per_hour,
                earned_entitlement_cost_credits: *earned_entitlement_cost_credits,
            };
            if policy == state.credits.policy() {
                return Ok(Vec::new());
            }
            vec![CreditsEvent::CreditPolicySet { policy, at: now }]
        }
        CreditsCommand::SetCreditWeight { skill, level, weight_per_hour, by } => {
            check_skill("skill", skill)?;
            let level = check_level("level", *level)?;
            not_negative("weight_per_hour", *weight_per_hour)?;
            require_coordinator(&state.people, "by", by, "set credit weights")?;
            vec![CreditsEvent::CreditWeightSet { skill: skill.clone(), level, weight_per_hour: *weight_per_hour }]
        }
        CreditsCommand::SetGateRule { privilege, min_hours, window_days, by } => {
            not_negative("min_hours", *min_hours)?;
            if !(1..=3650).contains(window_days) {
                return Err(Rejection::CountMustBePositive { field: "window_days".into(), value: *window_days });
            }
            if let Privilege::WorkFromLevel { level } = privilege {
                check_level("level", i64::from(*level))?;
            }
            require_coordinator(&state.people, "by", by, "set contribution gates")?;
            let rule = GateRule { privilege: *privilege, min_hours: *min_hours, window_days: *window_days as u32 };
            vec![CreditsEvent::GateRuleSet { rule }]
        }
    };
    Ok(events.into_iter().map(Event::Credits).collect())
}

fn not_negative(field: &str, value: Milli) -> Result<(), Rejection> {
    if value < Milli::ZERO {
        return Err(Rejection::InvalidField { field: field.into(), message: format!("{value} is negative") });
    }
    Ok(())
}

/// A claim that someone did verified work; shared by direct records and task verification.
pub struct LaborClaim<'a> {
    pub handle: &'a str,
    pub skill: &'a str,
    pub level: u8,
    pub hours: Milli,
    pub verified_by: &'a str,
    pub task: Option<String>,
    pub note: &'a str,
}

/// Checks a labor claim and returns its `LaborRecorded` event: positive hours up to a day, a
/// qualified worker past the contribution gate, and a different verifier who is a coordinator or
/// certified at the work's level.
pub fn record_labor(state: &State, claim: &LaborClaim<'_>, now: Timestamp) -> Result<CreditsEvent, Rejection> {
    require_qualified(&state.people, "handle", claim.handle, claim.skill, claim.level, now)?;
    require_work_privilege(&state.credits, claim.handle, claim.level, now)?;
    verified_labor(state, claim, now)
}

/// The `LaborRecorded` event of work whose worker was already found qualified (a task's crew, at
/// its start): positive hours up to a day and a different verifier who is a coordinator or
/// certified at the work's level. A certification lapsing after the work began does not undo it.
pub fn verified_labor(state: &State, claim: &LaborClaim<'_>, now: Timestamp) -> Result<CreditsEvent, Rejection> {
    if !claim.hours.is_positive() {
        return Err(Rejection::QuantityMustBePositive { field: "hours".into(), qty: claim.hours });
    }
    if claim.hours > MAX_HOURS_PER_RECORD {
        return Err(Rejection::InvalidField {
            field: "hours".into(),
            message: format!("{} h is more than one record may hold ({MAX_HOURS_PER_RECORD} h)", claim.hours),
        });
    }
    verify_by(state, claim.handle, claim.verified_by, claim.skill, claim.level, now)?;
    let credits = claim.hours.times(state.credits.weight_per_hour(claim.skill, claim.level));
    Ok(CreditsEvent::LaborRecorded {
        labor: LaborRecord {
            handle: claim.handle.to_string(),
            skill: claim.skill.to_string(),
            level: claim.level,
            hours: claim.hours,
            credits,
            verified_by: claim.verified_by.to_string(),
            task: claim.task.clone(),
            note: claim.note.trim().to_string(),
            at: now,
        },
    })
}

/// Who may verify work: not the worker; a coordinator or someone certified at its level.
pub fn verify_by(
    state: &State,
    worker: &str,
    verifier: &str,
    skill: &str,
    level: u8,
    now: Timestamp,
) -> Result<(), Rejection> {
    let participant = crate::people::require_participant(&state.people, "verified_by", verifier)?;
    if verifier == worker {
        return Err(Rejection::SelfApproval { handle: verifier.to_string(), action: "verify".into() });
    }
    if participant.coordinator {
        return Ok(());
    }
    require_qualified(&state.people, "verified_by", verifier, skill, level, now).map(|_| ())
}
