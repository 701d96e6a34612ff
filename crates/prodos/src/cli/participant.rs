//! `prodos participant add|list|show|import|available|absent`: the people of the node, their
//! certified skills, weekly availability and absences.

use super::context::{Context, GlobalArgs, print_json, read_input, report, table};
use anyhow::Context as _;
use clap::Subcommand;
use prodos_app::clock;
use prodos_app::queries;
use prodos_app::views::people::ParticipantView;
use prodos_core::Command;
use prodos_core::calendar::WEEKDAY_NAMES;
use prodos_core::people::{NewParticipant, PeopleCommand};
use prodos_core::plan::Day;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum ParticipantCommand {
    /// Add one participant. The first coordinator needs no one's approval; later ones need `--by`
    /// a coordinator.
    Add {
        handle: String,
        /// Real name (optional; the handle is what everyone types).
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        coordinator: bool,
        /// The coordinator appointing a new coordinator (defaults to --actor).
        #[arg(long)]
        by: Option<String>,
    },
    /// Participants with their valid skills.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One participant: skills, certifications, availability, absences.
    Show {
        handle: String,
        #[arg(long)]
        json: bool,
    },
    /// Add every participant in a CSV file with a header row: handle[,real_name][,coordinator].
    Import {
        file: PathBuf,
        #[arg(long)]
        by: Option<String>,
    },
    /// Set weekly availability in hours per weekday, e.g. `--week mon=8,tue=8,wed=4`.
    Available {
        handle: String,
        #[arg(long)]
        week: String,
    },
    /// Record an absence (both days included).
    Absent {
        handle: String,
        #[arg(long)]
        from: Day,
        #[arg(long)]
        to: Day,
        #[arg(long)]
        reason: String,
    },
}

pub fn run(command: ParticipantCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    match command {
        ParticipantCommand::Add { handle, name, coordinator, by } => {
            let participants = vec![NewParticipant { handle: handle.clone(), real_name: name, coordinator }];
            let by = Some(by.unwrap_or_else(|| global.actor.clone()));
            let done = context.execute(&Command::People(PeopleCommand::AddParticipants { participants, by }))?;
            report(&done, &format!("participant {handle}"));
        }
        ParticipantCommand::List { json } => {
            let now = clock::now();
            let views: Vec<ParticipantView> =
                queries::participants(&context.node, now).into_iter().map(|(participant, _)| participant).collect();
            if json {
                return print_json(&views);
            }
            let mut out = table(&["handle", "name", "coordinator", "skills", "hours/week"]);
            for view in views {
                out.add_row(vec![
                    view.handle.clone(),
                    view.real_name.clone().unwrap_or_default(),
                    if view.coordinator { "yes" } else { "" }.to_string(),
                    skills_text(&view),
                    view.available_hours_per_week.clone(),
                ]);
            }
            println!("{out}");
        }
        ParticipantCommand::Show { handle, json } => {
            let now = clock::now();
            let view = queries::participant(&context.node, &handle, now)?;
            if json {
                return print_json(&view);
            }
            println!("handle:      {}", view.handle);
            println!("name:        {}", view.real_name.clone().unwrap_or_else(|| "-".into()));
            println!("coordinator: {}", if view.coordinator { "yes" } else { "no" });
            println!("skills:      {}", skills_text(&view));
            let week: Vec<String> = WEEKDAY_NAMES
                .iter()
                .zip(view.available_min_per_weekday)
                .filter(|(_, minutes)| *minutes > 0)
                .map(|(day, minutes)| format!("{day}={}", prodos_core::Milli(i64::from(minutes) * 1000 / 60)))
                .collect();
            println!("available:   {} ({} h/week)", week.join(","), view.available_hours_per_week);
            for absence in &view.absences {
                println!("absent:      {absence}");
            }
            let mut out = table(&["skill", "level", "issued by", "valid through", "status"]);
            for cert in &view.certifications {
                out.add_row(vec![
                    cert.skill.clone(),
                    cert.level.to_string(),
                    cert.issued_by.clone(),
                    cert.valid_through.clone().unwrap_or_else(|| "-".into()),
                    cert.status.to_string(),
                ]);
            }
            println!("{out}");
        }
        ParticipantCommand::Import { file, by } => {
            let text = read_input(&file)?;
            let rows = prodos_formats::parse_participants_csv(&file.display().to_string(), &text)?;
            let lines: Vec<usize> = rows.iter().map(|row| row.line).collect();
            let participants = rows.into_iter().map(|row| row.participant).collect();
            let by = Some(by.unwrap_or_else(|| global.actor.clone()));
            let command = Command::People(PeopleCommand::AddParticipants { participants, by });
            let done = context.execute_import(&command, &file, "participants", &lines)?;
            report(&done, &format!("participants from {}", file.display()));
        }
        ParticipantCommand::Available { handle, week } => {
            let minutes_per_weekday = parse_week(&week)?;
            let done = context.execute(&Command::People(PeopleCommand::SetAvailability {
                handle: handle.clone(),
                minutes_per_weekday,
            }))?;
            report(&done, &format!("availability of {handle}"));
        }
        ParticipantCommand::Absent { handle, from, to, reason } => {
            let done = context.execute(&Command::People(PeopleCommand::RecordAbsence {
                handle: handle.clone(),
                from,
                to,
                reason,
            }))?;
            report(&done, &format!("absence of {handle}"));
        }
    }
    Ok(())
}

fn skills_text(view: &ParticipantView) -> String {
    view.skills.iter().map(|(skill, level)| format!("{skill}:{level}")).collect::<Vec<_>>().join(", ")
}

/// `mon=8,tue=7.5` → minutes per weekday; days not named offer nothing.
fn parse_week(text: &str) -> anyhow::Result<[i64; 7]> {
    let mut minutes = [0i64; 7];
    for item in text.split(',').map(str::trim).filter(|item| !item.is_empty()) {
        let (day, hours) = item.split_once('=').with_context(|| format!("--week: `{item}` is not DAY=HOURS"))?;
        let index = WEEKDAY_NAMES
            .iter()
            .position(|name| *name == day.trim().to_lowercase())
            .with_context(|| format!("--week: `{day}` is not one of {}", WEEKDAY_NAMES.join(",")))?;
        let hours: f64 = hours.trim().parse().with_context(|| format!("--week: `{hours}` is not a number of hours"))?;
        minutes[index] = (hours * 60.0).round() as i64;
    }
    Ok(minutes)
}
