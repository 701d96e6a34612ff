//! The training game: a challenge targets a skill and level with practical steps and written
//! questions; an attempt is graded here, purely, and a passed attempt waits for a sign-off.

use crate::ids::{AttemptId, ChallengeId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub prompt: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub id: ChallengeId,
    pub skill: String,
    pub level: u8,
    pub title: String,
    /// Practical steps the candidate must demonstrate, all of them, to pass.
    pub steps: Vec<String>,
    pub questions: Vec<Question>,
    /// Share of written answers that must be right, in percent.
    pub pass_mark_percent: u8,
    /// How long the certification it issues stays valid; `None` never expires.
    pub valid_for_days: Option<u32>,
    pub created_by: String,
    pub created_at: Timestamp,
}

/// The outcome of grading one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    pub answers_correct: u32,
    pub questions: u32,
    pub steps_demonstrated: u32,
    pub steps_total: u32,
    pub passed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub id: AttemptId,
    pub challenge: ChallengeId,
    pub handle: String,
    pub grade: Grade,
    pub at: Timestamp,
    pub signed_off_by: Option<String>,
}

/// Answers are compared ignoring case, surrounding blanks and repeated inner blanks, so that
/// "  Hide Glue" and "hide glue" are the same answer.
fn normalise(answer: &str) -> String {
    answer.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Grades written answers (in question order) and the practical steps shown (1-based numbers).
/// A pass needs every practical step and at least the pass mark on the written part.
pub fn grade(challenge: &Challenge, answers: &[String], steps_demonstrated: &[u32]) -> Grade {
    let answers_correct = challenge
        .questions
        .iter()
        .zip(answers)
        .filter(|(question, answer)| normalise(&question.answer) == normalise(answer))
        .count() as u32;
    let questions = challenge.questions.len() as u32;
    let steps_total = challenge.steps.len() as u32;
    let mut shown: Vec<u32> =
        steps_demonstrated.iter().copied().filter(|step| (1..=steps_total).contains(step)).collect();
    shown.sort_unstable();
    shown.dedup();
    let steps_demonstrated = shown.len() as u32;
    let written_ok = u64::from(answers_correct) * 100 >= u64::from(challenge.pass_mark_percent) * u64::from(questions);
    Grade {
        answers_correct,
        questions,
        steps_demonstrated,
        steps_total,
        passed: written_ok && steps_demonstrated == steps_total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fretting() -> Challenge {
        Challenge {
            id: ChallengeId(1),
            skill: "luthiery.fretting".into(),
            level: 3,
            title: "Fret a neck".into(),
            steps: vec!["slot".into(), "press".into(), "level".into()],
            questions: vec![
                Question { prompt: "Glue for frets?".into(), answer: "None".into() },
                Question { prompt: "Tang width unit?".into(), answer: "mm".into() },
            ],
            pass_mark_percent: 50,
            valid_for_days: Some(365),
            created_by: "carol".into(),
            created_at: Timestamp(0),
        }
    }

    #[test]
    fn a_pass_needs_every_step_and_the_written_mark() {
        let challenge = fretting();
        let answers = vec!["  NONE ".to_string(), "inches".to_string()];
        let grade = grade(&challenge, &answers, &[1, 2, 3]);
        assert_eq!((grade.answers_correct, grade.passed), (1, true));
        assert!(!super::grade(&challenge, &answers, &[1, 3, 3, 9]).passed, "step 2 missing");
        assert!(!super::grade(&challenge, &["x".into(), "y".into()], &[1, 2, 3]).passed, "written part failed");
    }
}
