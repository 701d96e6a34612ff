//! `prodos field report|list`: reports from the field about distributed goods, and per design
//! version the failure rate and mean time to failure they add up to.

use super::context::{Context, GlobalArgs, print_json, report, table};
use clap::{Subcommand, ValueEnum};
use prodos_app::queries;
use prodos_core::plan::Day;
use prodos_core::quality::{FieldKind, QualityCommand, QualityEvent};
use prodos_core::{Command, DesignId, Event};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    Failure,
    Observation,
}

#[derive(Subcommand, Debug)]
pub enum FieldCommand {
    /// Report a failure or an observation of a distributed good, by its serial.
    Report {
        serial: String,
        #[arg(long, value_enum)]
        kind: Kind,
        /// The part or module it concerns.
        #[arg(long)]
        item: Option<String>,
        /// The day it was observed (default today).
        #[arg(long)]
        on: Option<Day>,
        #[arg(long)]
        photo: Option<String>,
        #[arg(long)]
        note: String,
        #[arg(long)]
        by: Option<String>,
        /// Minutes spent repairing the failure.
        #[arg(long, allow_negative_numbers = true)]
        repair_min: Option<i64>,
    },
    /// Field reports, and with `--design` the roll-up per version.
    List {
        #[arg(long)]
        design: Option<DesignId>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: FieldCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    match command {
        FieldCommand::Report { serial, kind, item, on, photo, note, by, repair_min } => {
            let kind = match kind {
                Kind::Failure => FieldKind::Failure,
                Kind::Observation => FieldKind::Observation,
            };
            let on = on.unwrap_or_else(|| Day::of(prodos_app::clock::now()));
            let by = by.unwrap_or_else(|| global.actor.clone());
            let command = QualityCommand::FileFieldReport { serial, kind, item, on, photo, note, by, repair_min };
            let done = context.execute(&Command::Quality(command))?;
            for event in &done.events {
                match event {
                    Event::Quality(QualityEvent::FieldReported { report }) => {
                        println!("{} {} of {} ({})", report.id, report.kind.as_str(), report.serial, report.design);
                    }
                    Event::Quality(QualityEvent::ReviewRaised { flag }) => {
                        println!("{} flags {} for design review: repeated field failures", flag.id, flag.design);
                    }
                    _ => {}
                }
            }
            report(&done, "field report filed");
        }
        FieldCommand::List { design, json } => {
            let reports = queries::field_reports(&context.node, design);
            let summary = match design {
                Some(design) => queries::field_summary(&context.node, design, prodos_app::clock::now())?,
                None => Vec::new(),
            };
            if json {
                return print_json(&serde_json::json!({ "reports": reports, "versions": summary }));
            }
            let mut out = table(&["id", "serial", "design", "kind", "item", "on", "repair min", "note", "by"]);
            for view in reports {
                out.add_row(vec![
                    view.id,
                    view.serial,
                    view.design,
                    view.kind.into(),
                    view.item.unwrap_or_default(),
                    view.on,
                    view.repair_min.map_or_else(|| "-".into(), |minutes| minutes.to_string()),
                    view.note,
                    view.by,
                ]);
            }
            println!("{out}");
            if !summary.is_empty() {
                let mut versions = table(&[
                    "version",
                    "distributed",
                    "failed",
                    "failures",
                    "days in service",
                    "failures/year",
                    "MTTF days",
                ]);
                for row in summary {
                    let number = |value: Option<f64>| value.map_or("-".to_string(), |value| format!("{value:.2}"));
                    versions.add_row(vec![
                        row.design,
                        row.distributed.to_string(),
                        row.failed_goods.to_string(),
                        row.failures.to_string(),
                        row.service_days.to_string(),
                        number(row.failure_rate_per_year),
                        number(row.mttf_days),
                    ]);
                }
                println!("{versions}");
            }
        }
    }
    Ok(())
}
