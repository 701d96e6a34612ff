//! `prodos upgrade`: the upgrade loop from the shell — propose an improvement to one design
//! operation, decide on it, close it when it is in use, and see what it changed next to the
//! throughput and maintenance loops. The same queries and commands as the API.

use super::context::{Context, GlobalArgs, print_json, report, table};
use clap::{Subcommand, ValueEnum};
use prodos_app::queries;
use prodos_core::improvement::{ImprovementCommand, ImprovementKind, Metric, NewProposal};
use prodos_core::{Command, DesignId, ImprovementId};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Jig,
    Tool,
    Process,
    Other,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MetricArg {
    Throughput,
    DefectRate,
}

#[derive(Subcommand, Debug)]
pub enum UpgradeCommand {
    /// Propose a better jig, a new tool or a process change for one operation of a design.
    Propose {
        title: String,
        #[arg(long)]
        design: DesignId,
        #[arg(long)]
        operation: String,
        #[arg(long, value_enum)]
        metric: MetricArg,
        /// The effect expected, in words.
        #[arg(long)]
        expected: String,
        #[arg(long, value_enum, default_value = "process")]
        kind: KindArg,
        #[arg(long)]
        by: Option<String>,
    },
    /// Approve or reject a proposal (a coordinator's), saying why.
    Decide {
        proposal: ImprovementId,
        #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
        approve: bool,
        #[arg(long)]
        reject: bool,
        #[arg(long)]
        note: String,
    },
    /// An approved proposal is in use from now: its before and after are measured from here.
    Close {
        proposal: ImprovementId,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        by: Option<String>,
    },
    /// Proposals with their measured effect.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Throughput, maintenance and upgrade per week, side by side.
    Loops {
        #[arg(long, default_value_t = 8)]
        weeks: u32,
        #[arg(long)]
        json: bool,
    },
}

fn run(global: &GlobalArgs, command: ImprovementCommand, what: &str) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let done = context.execute(&Command::Improvement(command))?;
    report(&done, what);
    Ok(())
}

fn shown(value: Option<f64>) -> String {
    value.map_or("–".into(), |value| format!("{value}"))
}

pub fn upgrade(command: UpgradeCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        UpgradeCommand::Propose { title, design, operation, metric, expected, kind, by } => {
            let proposal = NewProposal {
                title,
                kind: match kind {
                    KindArg::Jig => ImprovementKind::Jig,
                    KindArg::Tool => ImprovementKind::Tool,
                    KindArg::Process => ImprovementKind::Process,
                    KindArg::Other => ImprovementKind::Other,
                },
                expected,
                design,
                operation,
                metric: match metric {
                    MetricArg::Throughput => Metric::Throughput,
                    MetricArg::DefectRate => Metric::DefectRate,
                },
            };
            let by = by.unwrap_or_else(|| global.actor.clone());
            run(global, ImprovementCommand::Propose { proposal, by }, "improvement proposed")
        }
        UpgradeCommand::Decide { proposal, approve, reject: _, note } => {
            let command = ImprovementCommand::Decide { proposal, approve, note, by: global.actor.clone() };
            run(global, command, if approve { "approved" } else { "rejected" })
        }
        UpgradeCommand::Close { proposal, note, by } => {
            let by = by.unwrap_or_else(|| global.actor.clone());
            run(global, ImprovementCommand::Close { proposal, note, by }, "in use from now")
        }
        UpgradeCommand::List { json } => {
            let context = Context::open(global)?;
            let views = queries::improvements(&context.node, prodos_app::clock::now());
            if json {
                return print_json(&views);
            }
            let mut out =
                table(&["proposal", "title", "kind", "on", "metric", "status", "before", "after", "improved"]);
            for view in views {
                let improved = view.improved.map_or("–", |improved| if improved { "yes" } else { "no" });
                out.add_row(vec![
                    view.id,
                    view.title,
                    view.kind.to_string(),
                    format!("{} {}", view.design, view.operation),
                    view.metric.to_string(),
                    view.status.to_string(),
                    shown(view.before.and_then(|window| window.value)),
                    shown(view.after.and_then(|window| window.value)),
                    improved.to_string(),
                ]);
            }
            println!("{out}");
            println!(
                "before and after: {} days each side of the day it was done; throughput per week, defects as a share",
                queries::EFFECT_WINDOW_DAYS
            );
            Ok(())
        }
        UpgradeCommand::Loops { weeks, json } => {
            let context = Context::open(global)?;
            let views = queries::loops(&context.node, weeks, prodos_app::clock::now());
            if json {
                return print_json(&views);
            }
            let mut out = table(&["week", "A: tasks done", "B: work orders done", "B: maint. h", "C: improvements"]);
            for week in views {
                out.add_row(vec![
                    week.week,
                    week.tasks_done.to_string(),
                    week.work_orders_done.to_string(),
                    format!("{:.1}", week.maintenance_hours),
                    week.improvements_done.to_string(),
                ]);
            }
            println!("{out}");
            Ok(())
        }
    }
}
