//! `prodos task list|start|complete|verify|reject|block|unblock|accept|decline|swap`: the
//! execution workflow over a committed plan's operation instances (`PROD-0001/bracing#2`), and
//! each crew member's answer to an assignment.

use super::context::{Context, GlobalArgs, print_json, report, table};
use super::format_time;
use clap::Subcommand;
use prodos_app::queries;
use prodos_core::StockEvent;
use prodos_core::execution::{ExecutionCommand, TaskRef};
use prodos_core::matching::{MatchingCommand, MatchingEvent};
use prodos_core::{Command, Milli};
use prodos_core::{Event, PlanId};

#[derive(Subcommand, Debug)]
pub enum TaskCommand {
    /// Tasks of committed plans with status, worker and schedule.
    List {
        #[arg(long)]
        plan: Option<PlanId>,
        /// Only tasks in this status: `ready`, `in progress`, `done`, `verified`.
        #[arg(long)]
        status: Option<String>,
        /// Only tasks this participant works or worked on.
        #[arg(long)]
        worker: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Start a task (predecessors verified, worker certified); consumes its materials.
    Start {
        task: TaskRef,
        /// Defaults to --actor.
        #[arg(long)]
        worker: Option<String>,
        /// The rest of the crew, when none was confirmed through `prodos match` (repeatable).
        #[arg(long = "with")]
        with: Vec<String>,
    },
    /// Mark a task done (a crew member; without a confirmed crew, its worker or a coordinator).
    Complete {
        task: TaskRef,
        #[arg(long)]
        by: Option<String>,
        /// Actual hours each crew member worked (default: the planned duration).
        #[arg(long)]
        hours: Option<String>,
    },
    /// Verify a done task (someone else, certified for it or a coordinator); records the labor.
    Verify {
        task: TaskRef,
        #[arg(long)]
        by: Option<String>,
    },
    /// Send a done task back for rework.
    Reject {
        task: TaskRef,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        by: Option<String>,
    },
    Block {
        task: TaskRef,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        by: Option<String>,
    },
    Unblock {
        task: TaskRef,
        #[arg(long)]
        by: Option<String>,
    },
    /// Accept your place in a task's confirmed crew (or a swap offered to you).
    Accept {
        task: TaskRef,
        /// Defaults to --actor.
        #[arg(long)]
        handle: Option<String>,
    },
    /// Decline your place with a reason; the matcher finds a replacement if anyone fits.
    Decline {
        task: TaskRef,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        handle: Option<String>,
    },
    /// Offer your place to another qualified, available participant; done when they accept.
    Swap {
        task: TaskRef,
        #[arg(long)]
        with: String,
        /// The member giving up the place; defaults to --actor.
        #[arg(long)]
        from: Option<String>,
    },
}

/// `--hours 2.5`: positive decimal hours with at most three decimals.
fn parse_hours(text: &str) -> anyhow::Result<Milli> {
    let hours: f64 = text.trim().parse().map_err(|_| anyhow::anyhow!("field `hours`: `{text}` is not a number"))?;
    match Milli::from_f64(hours) {
        Some(hours) if hours.is_positive() => Ok(hours),
        _ => anyhow::bail!("field `hours`: must be a positive number of hours, got `{text}`"),
    }
}

pub fn run(command: TaskCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let actor = |by: Option<String>| by.unwrap_or_else(|| global.actor.clone());
    let (command, what) = match command {
        TaskCommand::List { plan, status, worker, json } => {
            let filter = queries::TaskFilter { plan, status, worker };
            let views = queries::tasks(&context.node, &filter)?;
            if json {
                return print_json(&views);
            }
            let mut out = table(&[
                "task",
                "skill",
                "status",
                "worker",
                "verified by",
                "scheduled start",
                "waiting on",
                "blocked",
            ]);
            for view in views {
                out.add_row(vec![
                    view.task,
                    view.skill.map(|skill| format!("{skill}≥{}", view.min_level)).unwrap_or_else(|| "-".into()),
                    view.status.to_string(),
                    view.worker.unwrap_or_default(),
                    view.verified_by.unwrap_or_default(),
                    format_time(view.scheduled_start_ms),
                    if view.status == "ready" { view.waiting_on.len().to_string() } else { String::new() },
                    view.blocked.unwrap_or_default(),
                ]);
            }
            println!("{out}");
            return Ok(());
        }
        TaskCommand::Start { task, worker, with } => {
            (ExecutionCommand::Start { task: task.clone(), worker: actor(worker), with }, format!("{task} started"))
        }
        TaskCommand::Complete { task, by, hours } => {
            let hours = hours.as_deref().map(parse_hours).transpose()?;
            (ExecutionCommand::Complete { task: task.clone(), by: actor(by), hours }, format!("{task} done"))
        }
        TaskCommand::Verify { task, by } => {
            (ExecutionCommand::Verify { task: task.clone(), by: actor(by) }, format!("{task} verified"))
        }
        TaskCommand::Reject { task, reason, by } => {
            (ExecutionCommand::Reject { task: task.clone(), by: actor(by), reason }, format!("{task} rejected"))
        }
        TaskCommand::Block { task, reason, by } => {
            (ExecutionCommand::Block { task: task.clone(), by: actor(by), reason }, format!("{task} blocked"))
        }
        TaskCommand::Unblock { task, by } => {
            (ExecutionCommand::Unblock { task: task.clone(), by: actor(by) }, format!("{task} unblocked"))
        }
        TaskCommand::Accept { task, handle } => {
            let command = MatchingCommand::Accept { task: task.clone(), handle: actor(handle) };
            let done = context.execute(&Command::Matching(command))?;
            report(&done, &format!("{task} accepted"));
            return Ok(());
        }
        TaskCommand::Decline { task, reason, handle } => {
            let handle = actor(handle);
            let now = prodos_app::clock::now();
            let command = queries::decline(&context.node, &task, &handle, &reason, now)?;
            let done = context.execute(&command)?;
            for event in &done.events {
                if let Event::Matching(MatchingEvent::CrewMemberAdded { handle: added, .. }) = event {
                    println!("re-matched: {added} takes {handle}'s place (to accept)");
                }
            }
            let declined =
                done.events.iter().any(|e| matches!(e, Event::Matching(MatchingEvent::AssignmentDeclined { .. })));
            let added = done.events.iter().any(|e| matches!(e, Event::Matching(MatchingEvent::CrewMemberAdded { .. })));
            if declined && !added {
                println!("re-matched: nobody else qualified is free then; the place stays open");
            }
            report(&done, &format!("{task} declined by {handle}"));
            return Ok(());
        }
        TaskCommand::Swap { task, with, from } => {
            let from = actor(from);
            let command = MatchingCommand::Swap { task: task.clone(), from: from.clone(), to: with.clone() };
            let done = context.execute(&Command::Matching(command))?;
            report(&done, &format!("{task}: {from} offers their place to {with}, who accepts with `task accept`"));
            return Ok(());
        }
    };
    let done = context.execute(&Command::Execution(command))?;
    for event in &done.events {
        match event {
            Event::Stock(StockEvent::StockConsumed { lot, material, qty, reserved_for, .. }) => {
                let from =
                    reserved_for.as_deref().map(|purpose| format!(" (reserved for {purpose})")).unwrap_or_default();
                println!("consumed {qty} {material} from {lot}{from}");
            }
            Event::Credits(prodos_core::credits::CreditsEvent::LaborRecorded { labor }) => {
                println!(
                    "labor: {} h {}:{} by {}, {} credits",
                    labor.hours, labor.skill, labor.level, labor.handle, labor.credits
                );
            }
            _ => {}
        }
    }
    report(&done, &what);
    Ok(())
}
