//! `prodos incident|lockout`: the safety envelope from the shell — report incidents and near
//! misses, list them with the incident rate, suspend a certification after a serious one, and
//! lock an unsafe asset out until an inspection clears it. The same queries and commands as the
//! API.

use super::context::{Context, GlobalArgs, print_json, report, table};
use super::format_time;
use clap::{Subcommand, ValueEnum};
use prodos_app::queries;
use prodos_core::execution::TaskRef;
use prodos_core::maintenance::MaintenanceCommand;
use prodos_core::safety::{IncidentKind, IncidentSeverity, NewIncident, SafetyCommand};
use prodos_core::{AssetId, Command, IncidentId};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Incident,
    NearMiss,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SeverityArg {
    Minor,
    Serious,
}

#[derive(Subcommand, Debug)]
pub enum IncidentCommand {
    /// Record an incident or near miss against a task or operation, an asset and people.
    Report {
        #[arg(long)]
        description: String,
        #[arg(long, value_enum, default_value = "incident")]
        kind: KindArg,
        #[arg(long, value_enum, default_value = "minor")]
        severity: SeverityArg,
        /// The task it happened on (`PROD-0001/cut#1`); its crew are the people involved
        /// unless `--person` names them.
        #[arg(long)]
        task: Option<TaskRef>,
        #[arg(long)]
        operation: Option<String>,
        #[arg(long)]
        asset: Option<AssetId>,
        /// Someone involved (repeat for several).
        #[arg(long = "person")]
        people: Vec<String>,
        /// Default: the task's skill.
        #[arg(long)]
        skill: Option<String>,
        #[arg(long)]
        by: Option<String>,
    },
    /// Incidents and near misses, with the rate per 1,000 labor hours.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Suspend an involved participant's certification in the incident's skill until they pass
    /// a training challenge in it (serious incidents only).
    Suspend {
        incident: IncidentId,
        #[arg(long)]
        handle: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum LockoutCommand {
    /// Take an unsafe asset out of use: no task may start on it until it is cleared.
    Set {
        asset: AssetId,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        by: Option<String>,
    },
    /// Release a locked-out asset, recording the inspection that cleared it (a coordinator's).
    Clear {
        asset: AssetId,
        #[arg(long)]
        inspection: String,
    },
}

fn run(global: &GlobalArgs, command: Command, what: &str) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let done = context.execute(&command)?;
    report(&done, what);
    Ok(())
}

pub fn incident(command: IncidentCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        IncidentCommand::Report { description, kind, severity, task, operation, asset, people, skill, by } => {
            let incident = NewIncident {
                kind: match kind {
                    KindArg::Incident => IncidentKind::Incident,
                    KindArg::NearMiss => IncidentKind::NearMiss,
                },
                severity: match severity {
                    SeverityArg::Minor => IncidentSeverity::Minor,
                    SeverityArg::Serious => IncidentSeverity::Serious,
                },
                description,
                operation,
                task,
                asset,
                people,
                skill,
            };
            let by = by.unwrap_or_else(|| global.actor.clone());
            run(global, Command::Safety(SafetyCommand::ReportIncident { incident, by }), "incident recorded")
        }
        IncidentCommand::List { json } => {
            let context = Context::open(global)?;
            let view = queries::safety(&context.node);
            if json {
                return print_json(&view);
            }
            let mut out =
                table(&["incident", "when", "kind", "severity", "what", "task / asset", "people", "suspended"]);
            for incident in &view.incidents {
                let place = [incident.task.clone(), incident.operation.clone(), incident.asset.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                out.add_row(vec![
                    incident.id.clone(),
                    format_time(incident.at_ms),
                    incident.kind.to_string(),
                    incident.severity.to_string(),
                    incident.description.clone(),
                    place,
                    incident.people.join(", "),
                    incident.suspended.join(", "),
                ]);
            }
            println!("{out}");
            let rate =
                view.incident_rate_per_1000_hours.map_or("no labor recorded yet".into(), |rate| format!("{rate}"));
            println!(
                "{} incident(s), {} near miss(es) over {:.1} labor hours: {rate} per 1,000 hours",
                view.incident_count, view.near_miss_count, view.labor_hours
            );
            Ok(())
        }
        IncidentCommand::Suspend { incident, handle } => {
            let command = SafetyCommand::Suspend { incident, handle: handle.clone(), by: global.actor.clone() };
            run(global, Command::Safety(command), &format!("{handle} suspended until re-trained"))
        }
    }
}

pub fn lockout(command: LockoutCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        LockoutCommand::Set { asset, reason, by } => {
            let by = by.unwrap_or_else(|| global.actor.clone());
            let command = MaintenanceCommand::LockOut { asset, reason, by };
            run(global, Command::Maintenance(command), &format!("{asset} locked out"))
        }
        LockoutCommand::Clear { asset, inspection } => {
            let command = MaintenanceCommand::ClearLockout { asset, inspection, by: global.actor.clone() };
            run(global, Command::Maintenance(command), &format!("{asset} cleared for use"))
        }
    }
}
