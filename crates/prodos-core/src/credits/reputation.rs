//! Reputation via production output, always shown with its parts (verified hours, labor events,
//! skills worked, credits earned). There is deliberately no single score.

use crate::state::State;
use crate::units::Milli;
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reputation {
    pub handle: String,
    /// Verified hours over the participant's whole history.
    pub verified_hours: Milli,
    pub labor_events: u32,
    /// Distinct skills in which verified work was done.
    pub skills_worked: u32,
    /// Credits earned over the whole history (before decay).
    pub credits_earned: Milli,
}

pub fn reputation(state: &State, handle: &str) -> Reputation {
    let mut skills: Vec<&str> = state.credits.labor_of(handle).map(|record| record.skill.as_str()).collect();
    skills.sort_unstable();
    skills.dedup();
    Reputation {
        handle: handle.to_string(),
        verified_hours: state.credits.labor_of(handle).map(|record| record.hours).sum(),
        labor_events: state.credits.labor_of(handle).count() as u32,
        skills_worked: skills.len() as u32,
        credits_earned: state.credits.labor_of(handle).map(|record| record.credits).sum(),
    }
}
