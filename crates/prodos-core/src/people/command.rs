//! What people ask of the people module. `by` is the acting participant's handle: the core checks
//! roles and qualifications against it (authentication is the server's job).

use super::challenge::Question;
use crate::calendar::Day;
use crate::ids::{AttemptId, ChallengeId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewParticipant {
    pub handle: String,
    pub real_name: Option<String>,
    pub coordinator: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PeopleCommand {
    /// Adds participants atomically (one from `participant add`, many from an import). Anyone may
    /// add participants; making someone a coordinator needs a coordinator, except for the first.
    AddParticipants {
        participants: Vec<NewParticipant>,
        by: Option<String>,
    },
    SetAvailability {
        handle: String,
        minutes_per_weekday: [i64; 7],
    },
    RecordAbsence {
        handle: String,
        from: Day,
        to: Day,
        reason: String,
    },
    GrantCertification {
        handle: String,
        skill: String,
        level: i64,
        expires_on: Option<Day>,
        by: String,
    },
    RevokeCertification {
        handle: String,
        skill: String,
        reason: String,
        by: String,
    },
    AddChallenge {
        skill: String,
        level: i64,
        title: String,
        steps: Vec<String>,
        questions: Vec<Question>,
        pass_mark_percent: i64,
        valid_for_days: Option<i64>,
        by: String,
    },
    /// The candidate's written answers (in question order) and the practical steps shown (1-based).
    AttemptChallenge {
        challenge: ChallengeId,
        handle: String,
        answers: Vec<String>,
        steps_demonstrated: Vec<u32>,
    },
    SignOffAttempt {
        attempt: AttemptId,
        by: String,
    },
}
