//! `prodos challenge add|list|attempt|signoff`: the training game. A coordinator writes a
//! challenge with flags (`--step` and `--question`/`--expect` pairs, repeated); a candidate's
//! attempt is graded at once; a pass signed off by someone certified higher issues the certification.

use super::context::{Context, GlobalArgs, print_json, report, table};
use clap::Subcommand;
use prodos_app::queries;
use prodos_app::views::people::ChallengeView;
use prodos_core::people::{PeopleCommand, Question};
use prodos_core::{AttemptId, ChallengeId, Command, Event};

#[derive(Subcommand, Debug)]
pub enum ChallengeCommand {
    /// Define a challenge for SKILL at LEVEL.
    Add {
        #[arg(long)]
        skill: String,
        #[arg(long)]
        level: i64,
        #[arg(long)]
        title: String,
        /// A practical step the candidate must demonstrate (repeat, in order).
        #[arg(long = "step")]
        steps: Vec<String>,
        /// A written question (repeat); each needs an `--expect` answer in the same position.
        #[arg(long = "question")]
        questions: Vec<String>,
        /// The expected answer to the question at the same position (case and spacing ignored).
        #[arg(long = "expect")]
        answers: Vec<String>,
        /// Share of written answers that must be right, in percent.
        #[arg(long, default_value_t = 80)]
        pass_mark: i64,
        /// How long the certification stays valid; omit for no expiry.
        #[arg(long)]
        valid_days: Option<i64>,
        #[arg(long)]
        by: Option<String>,
    },
    /// Challenges with their attempts (answers are not shown).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Record HANDLE's attempt: answers in question order and the practical steps shown.
    Attempt {
        challenge: ChallengeId,
        #[arg(long)]
        handle: String,
        #[arg(long = "answer")]
        answers: Vec<String>,
        /// Step numbers demonstrated, e.g. `1,2,3`.
        #[arg(long, value_delimiter = ',')]
        steps: Vec<u32>,
    },
    /// Sign off a passed attempt, which certifies its candidate.
    Signoff {
        attempt: AttemptId,
        #[arg(long)]
        by: Option<String>,
    },
}

pub fn run(command: ChallengeCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let by_or_actor = |by: Option<String>| by.unwrap_or_else(|| global.actor.clone());
    match command {
        ChallengeCommand::Add { skill, level, title, steps, questions, answers, pass_mark, valid_days, by } => {
            if questions.len() != answers.len() {
                anyhow::bail!(
                    "{} --question but {} --expect: give one answer per question",
                    questions.len(),
                    answers.len()
                );
            }
            let questions =
                questions.into_iter().zip(answers).map(|(prompt, answer)| Question { prompt, answer }).collect();
            let command = PeopleCommand::AddChallenge {
                skill,
                level,
                title,
                steps,
                questions,
                pass_mark_percent: pass_mark,
                valid_for_days: valid_days,
                by: by_or_actor(by),
            };
            let done = context.execute(&Command::People(command))?;
            let id = done.events.iter().find_map(|event| match event {
                Event::People(prodos_core::people::PeopleEvent::ChallengeAdded { challenge }) => Some(challenge.id),
                _ => None,
            });
            report(&done, &format!("challenge {}", id.map(|id| id.to_string()).unwrap_or_default()));
        }
        ChallengeCommand::List { json } => {
            let views: Vec<ChallengeView> = queries::challenges(&context.node);
            if json {
                return print_json(&views);
            }
            let mut out = table(&["challenge", "skill", "level", "title", "steps", "questions", "attempts", "passed"]);
            for view in views {
                out.add_row(vec![
                    view.challenge,
                    view.skill,
                    view.level.to_string(),
                    view.title,
                    view.steps.len().to_string(),
                    view.questions.len().to_string(),
                    view.attempts.len().to_string(),
                    view.attempts.iter().filter(|attempt| attempt.passed).count().to_string(),
                ]);
            }
            println!("{out}");
        }
        ChallengeCommand::Attempt { challenge, handle, answers, steps } => {
            let command = PeopleCommand::AttemptChallenge {
                challenge,
                handle: handle.clone(),
                answers,
                steps_demonstrated: steps,
            };
            let done = context.execute(&Command::People(command))?;
            for event in &done.events {
                if let Event::People(prodos_core::people::PeopleEvent::AttemptGraded { attempt }) = event {
                    let grade = attempt.grade;
                    println!(
                        "{}: {} of {} answers right, {} of {} steps shown: {}",
                        attempt.id,
                        grade.answers_correct,
                        grade.questions,
                        grade.steps_demonstrated,
                        grade.steps_total,
                        if grade.passed { "passed, awaiting sign-off" } else { "not passed" }
                    );
                }
            }
            report(&done, &format!("attempt by {handle}"));
        }
        ChallengeCommand::Signoff { attempt, by } => {
            let done =
                context.execute(&Command::People(PeopleCommand::SignOffAttempt { attempt, by: by_or_actor(by) }))?;
            report(&done, &format!("{attempt} signed off"));
        }
    }
    Ok(())
}
