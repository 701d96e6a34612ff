//! `prodos match propose|show|confirm PLAN`: labor matching for a committed plan. `propose`
//! runs the matcher (prodos-matching, through prodos-app) and records its proposal; a
//! coordinator's `confirm` turns it into crews, each person then accepts or declines with
//! `prodos task accept|decline|swap`.

use super::context::{Context, GlobalArgs, print_json, report, table};
use clap::Subcommand;
use prodos_app::queries;
use prodos_core::matching::MatchingCommand;
use prodos_core::{Command, PlanId};

#[derive(Subcommand, Debug)]
pub enum MatchCommand {
    /// Propose a crew for every open place of a committed plan.
    Propose {
        plan: PlanId,
        /// Defaults to --actor.
        #[arg(long)]
        by: Option<String>,
    },
    /// Crews of a plan: confirmed members (✓ accepted) or who works it, the pending proposal,
    /// declines, swaps and why places are empty.
    Show {
        plan: PlanId,
        #[arg(long)]
        json: bool,
    },
    /// Confirm the pending proposal (coordinators); everyone is checked again.
    Confirm {
        plan: PlanId,
        #[arg(long)]
        by: Option<String>,
    },
}

pub fn run(command: MatchCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let actor = |by: Option<String>| by.unwrap_or_else(|| global.actor.clone());
    match command {
        MatchCommand::Propose { plan, by } => {
            let now = prodos_app::clock::now();
            let by = actor(by);
            let run = queries::match_proposal(&context.node, plan, &by, now)?;
            let done = context.execute(&run.command)?;
            if let Command::Matching(MatchingCommand::ProposeMatch { unfilled, .. }) = &run.command {
                for short in unfilled {
                    println!("{}: {} place(s) empty — {}", short.task, short.missing, short.reason);
                }
            }
            let what = format!("{plan}: {} of {} open places proposed", run.places_filled, run.places_open);
            report(&done, &what);
        }
        MatchCommand::Show { plan, json } => {
            let view = queries::match_view(&context.node, plan)?;
            if json {
                return print_json(&view);
            }
            println!(
                "{}: {} places, {} confirmed ({} accepted), {} proposed{}",
                view.plan,
                view.places_total,
                view.places_confirmed,
                view.places_accepted,
                view.places_proposed,
                view.proposal_by.as_deref().map(|by| format!(" by {by}, awaiting confirmation")).unwrap_or_default()
            );
            let mut out = table(&["task", "skill", "places", "start", "status", "crew", "proposed", "notes"]);
            for crew in view.crews {
                let mut members: Vec<String> = crew
                    .members
                    .iter()
                    .map(|member| format!("{}{}", member.handle, if member.accepted { " ✓" } else { "" }))
                    .collect();
                if members.is_empty() {
                    // Started before any crew was confirmed: show who works it.
                    members = crew.worked_by.clone();
                }
                let mut notes: Vec<String> = crew.declined.iter().map(|d| format!("declined {d}")).collect();
                notes.extend(crew.swap_offer.map(|offer| format!("swap {offer}")));
                notes.extend(crew.unfilled);
                out.add_row(vec![
                    crew.task,
                    format!("{}≥{}", crew.skill, crew.min_level),
                    crew.places.to_string(),
                    crew.start,
                    crew.status.to_string(),
                    members.join(", "),
                    crew.proposed.join(", "),
                    notes.join("; "),
                ]);
            }
            println!("{out}");
        }
        MatchCommand::Confirm { plan, by } => {
            let command = MatchingCommand::ConfirmMatch { plan, by: actor(by) };
            let done = context.execute(&Command::Matching(command))?;
            report(&done, &format!("{plan}: crews confirmed; each person accepts with `prodos task accept TASK`"));
        }
    }
    Ok(())
}
