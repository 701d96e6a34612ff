//! `prodos task list|start|complete|verify|reject|block|unblock`: the execution workflow over a
//! committed plan's operation instances (`PROD-0001/bracing#2`).

use super::context::{Context, GlobalArgs, print_json, report, table};
use super::format_time;
use clap::Subcommand;
use prodos_core::Command;
use prodos_core::execution::{ExecutionCommand, TaskRef};
use prodos_core::plan::PlanStatus;
use prodos_core::{Event, PlanId};
use prodos_node::views::people::TaskView;

#[derive(Subcommand, Debug)]
pub enum TaskCommand {
    /// Tasks of committed plans with status, worker and schedule.
    List {
        #[arg(long)]
        plan: Option<PlanId>,
        #[arg(long)]
        json: bool,
    },
    /// Start a task (predecessors verified, worker certified); consumes its materials.
    Start {
        task: TaskRef,
        /// Defaults to --actor.
        #[arg(long)]
        worker: Option<String>,
    },
    /// Mark a task done (its worker or a coordinator).
    Complete {
        task: TaskRef,
        #[arg(long)]
        by: Option<String>,
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
}

pub fn run(command: TaskCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let actor = |by: Option<String>| by.unwrap_or_else(|| global.actor.clone());
    let (command, what) = match command {
        TaskCommand::List { plan, json } => {
            let views: Vec<TaskView> = context.node.read(|state| {
                state
                    .plans
                    .plans()
                    .filter(|p| p.status == PlanStatus::Committed && plan.is_none_or(|wanted| wanted == p.id))
                    .flat_map(|p| TaskView::of_plan(state, p))
                    .collect()
            });
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
        TaskCommand::Start { task, worker } => {
            (ExecutionCommand::Start { task: task.clone(), worker: actor(worker) }, format!("{task} started"))
        }
        TaskCommand::Complete { task, by } => {
            (ExecutionCommand::Complete { task: task.clone(), by: actor(by) }, format!("{task} done"))
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
    };
    let done = context.execute(&Command::Execution(command))?;
    for event in &done.events {
        match event {
            Event::StockConsumed { lot, material, qty, reserved_for, .. } => {
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
