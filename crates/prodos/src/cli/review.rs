//! `prodos review list|show|resolve|close`: design-review flags raised by control-chart signals,
//! answered by a new design version or a corrective action with an effectiveness check.

use super::context::{Context, GlobalArgs, print_json, report, table};
use super::format_time;
use clap::Subcommand;
use prodos_app::queries;
use prodos_core::plan::Day;
use prodos_core::quality::{QualityCommand, ResolutionChoice};
use prodos_core::{Command, DesignId, ReviewId};

#[derive(Subcommand, Debug)]
pub enum ReviewCommand {
    /// Review flags, oldest first.
    List {
        #[arg(long)]
        design: Option<DesignId>,
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
    Show {
        review: ReviewId,
        #[arg(long)]
        json: bool,
    },
    /// Answer a flag: `--new-version N` (a later, changed version), or a CAPA with `--owner`,
    /// `--due`, `--action` and `--samples` (the effectiveness check).
    Resolve {
        review: ReviewId,
        #[arg(long, conflicts_with_all = ["owner", "due", "action"])]
        new_version: Option<u32>,
        #[arg(long, requires_all = ["due", "action"])]
        owner: Option<String>,
        #[arg(long)]
        due: Option<Day>,
        #[arg(long)]
        action: Option<String>,
        #[arg(long, default_value_t = 10)]
        samples: u32,
        #[arg(long)]
        by: Option<String>,
    },
    /// Close a corrective action whose effectiveness check holds.
    Close {
        review: ReviewId,
        #[arg(long)]
        by: Option<String>,
    },
}

pub fn run(command: ReviewCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let actor = |by: Option<String>| by.unwrap_or_else(|| global.actor.clone());
    match command {
        ReviewCommand::List { design, open, json } => {
            let views = queries::reviews(&context.node, design, open);
            if json {
                return print_json(&views);
            }
            let mut out = table(&["id", "design", "about", "why", "status", "raised"]);
            for view in views {
                let about = match (&view.operation, &view.check) {
                    (Some(operation), Some(check)) => format!("{operation}/{check}"),
                    _ => view.field_reports.join(" "),
                };
                out.add_row(vec![
                    view.id,
                    view.design,
                    about,
                    view.rule.unwrap_or_else(|| view.reason.to_string()),
                    view.status,
                    format_time(view.raised_at_ms),
                ]);
            }
            println!("{out}");
        }
        ReviewCommand::Show { review, json } => {
            let view = queries::review(&context.node, review)?;
            if json {
                return print_json(&view);
            }
            match (&view.rule, &view.operation, &view.check, &view.signal) {
                (Some(rule), Some(operation), Some(check), Some(signal)) => {
                    println!(
                        "{} on {}: {rule} on `{operation}/{check}` ({signal}), {}",
                        view.id, view.design, view.status
                    )
                }
                _ => println!(
                    "{} on {}: {} ({}), {}",
                    view.id,
                    view.design,
                    view.reason,
                    view.field_reports.join(" "),
                    view.status
                ),
            }
            println!("raised {}", format_time(view.raised_at_ms));
            for line in &view.evidence {
                println!("  evidence: {line}");
            }
            if let (Some(owner), Some(due), Some(action)) = (&view.capa_owner, &view.capa_due, &view.capa_action) {
                println!("corrective action: {action} — {owner}, due {due}");
                if let (Some(needed), Some(since)) = (view.capa_samples, view.capa_samples_since) {
                    println!("effectiveness check: {since} of {needed} samples without the signal recurring");
                }
            }
        }
        ReviewCommand::Resolve { review, new_version, owner, due, action, samples, by } => {
            let resolution = match (new_version, owner, due, action) {
                (Some(version), None, None, None) => ResolutionChoice::NewVersion { version },
                (None, Some(owner), Some(due), Some(action)) => ResolutionChoice::Capa { owner, due, action, samples },
                _ => {
                    anyhow::bail!("field `resolution`: give --new-version N, or --owner, --due and --action for a CAPA")
                }
            };
            let command = QualityCommand::ResolveReview { review, resolution, by: actor(by) };
            let done = context.execute(&Command::Quality(command))?;
            let view = queries::review(&context.node, review)?;
            report(&done, &format!("{review}: {}", view.status));
        }
        ReviewCommand::Close { review, by } => {
            let done = context.execute(&Command::Quality(QualityCommand::CloseCapa { review, by: actor(by) }))?;
            report(&done, &format!("{review}: corrective action closed"));
        }
    }
    Ok(())
}
