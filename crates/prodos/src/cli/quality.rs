//! `prodos inspect record|list`, `prodos ncr list|show|dispose` and `prodos spc show|freeze|stage`:
//! the quality loop from the shell, over the same queries and commands as the API.

use super::context::{Context, GlobalArgs, print_json, report, table};
use super::format_time;
use clap::Subcommand;
use prodos_app::queries;
use prodos_core::execution::TaskRef;
use prodos_core::measure::Measurement;
use prodos_core::quality::{DispositionChoice, QualityCommand, QualityEvent};
use prodos_core::{Command, DesignId, Event, LotId, NonconformanceId, PlanId};

#[derive(Subcommand, Debug)]
pub enum InspectCommand {
    /// Record one check of a completed task: `--value` (repeat for several samples) or `--pass`/`--fail`.
    Record {
        task: TaskRef,
        /// The check's id (or its exact name).
        #[arg(long)]
        check: String,
        #[arg(long = "value", allow_negative_numbers = true)]
        values: Vec<f64>,
        #[arg(long, conflicts_with_all = ["values", "fail"])]
        pass: bool,
        #[arg(long, conflicts_with = "values")]
        fail: bool,
        /// The unit read off the instrument; must be the check's.
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        instrument: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        /// Defaults to --actor.
        #[arg(long)]
        by: Option<String>,
    },
    /// A design's first-pass yield, rework hours and scrap cost per operation, and quality per week.
    Summary {
        design: DesignId,
        #[arg(long)]
        json: bool,
    },
    /// Sample lots of MATERIAL received from outside the node (ISO 2859-1 at `--aql`); `--off` stops.
    Incoming {
        material: String,
        #[arg(long, required_unless_present = "off")]
        aql: Option<f64>,
        /// General inspection level: I, II or III.
        #[arg(long, default_value = "II")]
        level: String,
        #[arg(long, conflicts_with = "aql")]
        off: bool,
        #[arg(long)]
        by: Option<String>,
    },
    /// The sampling plan for a lot: how many items to draw, and the accept and reject numbers.
    Sampling {
        #[arg(long)]
        lot_size: u32,
        #[arg(long)]
        aql: f64,
        #[arg(long, default_value = "II")]
        level: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a received lot's sampling inspection: items inspected and how many were defective.
    Lot {
        lot: LotId,
        #[arg(long)]
        inspected: u32,
        #[arg(long)]
        defective: u32,
        /// Items in the lot (default: its quantity, for materials counted in pieces or sets).
        #[arg(long)]
        lot_size: Option<u32>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        by: Option<String>,
    },
    /// Materials sampled on receipt (with lots awaiting inspection) and every lot inspection.
    Lots {
        #[arg(long)]
        json: bool,
    },
    /// Inspections in the order they were recorded.
    List {
        #[arg(long)]
        task: Option<TaskRef>,
        #[arg(long)]
        plan: Option<PlanId>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum NcrCommand {
    /// Nonconformances, oldest first.
    List {
        /// Only those awaiting a disposition.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
    Show {
        ncr: NonconformanceId,
        #[arg(long)]
        json: bool,
    },
    /// Decide: `--rework [--minutes N]`, `--use-as-is REASON` or `--scrap REASON`.
    Dispose {
        ncr: NonconformanceId,
        #[arg(long, conflicts_with_all = ["use_as_is", "scrap"])]
        rework: bool,
        /// The rework's duration (default: the operation's).
        #[arg(long, requires = "rework")]
        minutes: Option<i64>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, conflicts_with = "scrap")]
        use_as_is: Option<String>,
        #[arg(long)]
        scrap: Option<String>,
        #[arg(long)]
        by: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum SpcCommand {
    /// A check's control chart as text, its limits per stage, capability and signals.
    Show {
        design: DesignId,
        /// The check's id (or its exact name).
        check: String,
        #[arg(long)]
        operation: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Freeze the current stage's limits (as computed, or `--center`/`--sigma`).
    Freeze {
        design: DesignId,
        check: String,
        #[arg(long)]
        operation: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        center: Option<f64>,
        #[arg(long)]
        sigma: Option<f64>,
        #[arg(long)]
        by: Option<String>,
    },
    /// Start a new stage at the next sample (after a process change), with its own limits.
    Stage {
        design: DesignId,
        check: String,
        #[arg(long)]
        operation: Option<String>,
        #[arg(long)]
        label: String,
        #[arg(long)]
        by: Option<String>,
    },
}

pub fn inspect(command: InspectCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        InspectCommand::Incoming { material, aql, level, off: _, by } => {
            return super::incoming::set_plan(global, material, aql, &level, by);
        }
        InspectCommand::Sampling { lot_size, aql, level, json } => {
            return super::incoming::sampling(lot_size, aql, &level, json);
        }
        InspectCommand::Lot { lot, inspected, defective, lot_size, note, by } => {
            let args = super::incoming::LotArgs { lot, inspected, defective, lot_size, note, by };
            return super::incoming::inspect_lot(global, args);
        }
        InspectCommand::Lots { json } => return super::incoming::list(global, json),
        _ => {}
    }
    let context = Context::open(global)?;
    match command {
        InspectCommand::Incoming { .. }
        | InspectCommand::Sampling { .. }
        | InspectCommand::Lot { .. }
        | InspectCommand::Lots { .. } => {} // answered above, without opening the node twice
        InspectCommand::Record { task, check, values, pass, fail, unit, instrument, note, by } => {
            let measurement = match (values.is_empty(), pass, fail) {
                (false, ..) => Measurement::Values(values),
                (true, true, _) => Measurement::Attribute { passed: true },
                (true, _, true) => Measurement::Attribute { passed: false },
                _ => anyhow::bail!("field `value`: give `--value` (a measured check) or `--pass`/`--fail`"),
            };
            let by = by.unwrap_or_else(|| global.actor.clone());
            let command =
                QualityCommand::RecordInspection { task: task.clone(), check, measurement, unit, by, instrument, note };
            let done = context.execute(&Command::Quality(command))?;
            for event in &done.events {
                match event {
                    Event::Quality(QualityEvent::InspectionRecorded { inspection }) => {
                        println!(
                            "{} {task} `{}`: {}",
                            inspection.id,
                            inspection.series.check,
                            inspection.conformity.as_str()
                        );
                    }
                    Event::Quality(QualityEvent::NonconformanceOpened { ncr, summary, .. }) => {
                        println!("{ncr} opened: {summary}; dispose with `prodos ncr dispose {ncr}`");
                    }
                    Event::Quality(QualityEvent::SignalRaised { signal }) => {
                        println!("{} {} on the {} chart of {}", signal.id, signal.rule, signal.chart, signal.series);
                    }
                    _ => {}
                }
            }
            report(&done, "inspection recorded");
        }
        InspectCommand::Summary { design, json } => {
            let view = queries::quality_summary(&context.node, design)?;
            if json {
                return print_json(&view);
            }
            let percent = |value: Option<f64>| value.map_or("-".to_string(), |value| format!("{:.1} %", value * 100.0));
            let mut out = table(&[
                "operation",
                "inspected",
                "first pass",
                "yield",
                "NCRs",
                "reworks",
                "rework h",
                "scrapped",
                "scrap cost",
            ]);
            for row in view.operations.iter().chain(std::iter::once(&view.total)) {
                out.add_row(vec![
                    row.operation.clone(),
                    row.inspected.to_string(),
                    row.first_pass.to_string(),
                    percent(row.first_pass_yield),
                    row.nonconformances.to_string(),
                    row.reworks.to_string(),
                    format!("{:.2}", row.rework_hours),
                    row.scrapped.to_string(),
                    format!("{:.2}", row.scrap_cost),
                ]);
            }
            println!("{out}");
            println!("(the `all` row counts units: a unit passes first time when every check of every task did)");
            let mut weeks = table(&["week of", "inspections", "defects", "reworks", "scraps", "signals", "open NCRs"]);
            for week in &view.weeks {
                weeks.add_row(vec![
                    week.week_of.clone(),
                    week.inspections.to_string(),
                    week.defects.to_string(),
                    week.reworks.to_string(),
                    week.scraps.to_string(),
                    week.signals.to_string(),
                    week.open_nonconformances.to_string(),
                ]);
            }
            println!("{weeks}");
        }
        InspectCommand::List { task, plan, json } => {
            let views = queries::inspections(&context.node, &queries::InspectionFilter { task, plan })?;
            if json {
                return print_json(&views);
            }
            let mut out = table(&["id", "task", "check", "result", "", "by", "at", "ncr"]);
            for view in views {
                let result = match view.passed {
                    Some(passed) => if passed { "pass" } else { "fail" }.to_string(),
                    None => view.values.iter().map(f64::to_string).collect::<Vec<_>>().join(" "),
                };
                let verdict = if view.in_tolerance { "ok" } else { "OUT" };
                out.add_row(vec![
                    view.id,
                    view.task,
                    view.check,
                    result,
                    verdict.into(),
                    view.by,
                    format_time(view.at_ms),
                    view.ncr.unwrap_or_default(),
                ]);
            }
            println!("{out}");
        }
    }
    Ok(())
}

pub fn ncr(command: NcrCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    match command {
        NcrCommand::List { open, json } => {
            let views = queries::nonconformances(&context.node, open);
            if json {
                return print_json(&views);
            }
            let mut out = table(&["id", "task", "status", "summary", "by"]);
            for view in views {
                out.add_row(vec![
                    view.id,
                    view.subject,
                    view.status.into(),
                    view.summary,
                    view.disposed_by.unwrap_or_default(),
                ]);
            }
            println!("{out}");
        }
        NcrCommand::Show { ncr, json } => {
            let view = queries::nonconformance(&context.node, ncr)?;
            if json {
                return print_json(&view);
            }
            println!("{} on {} ({}): {}", view.id, view.subject, view.inspection, view.summary);
            println!("opened {}", format_time(view.opened_at_ms));
            match (&view.disposed_by, view.disposed_at_ms) {
                (Some(by), Some(at)) => println!("disposition: {} by {by} at {}", view.status, format_time(at)),
                _ => println!("disposition: none yet"),
            }
            if let Some(reason) = &view.reason {
                println!("reason: {reason}");
            }
            if let (Some(task), Some(status)) = (&view.rework_task, view.rework_status) {
                println!("rework task: {task} ({status})");
            }
            for line in &view.written_off {
                println!(
                    "written off: {} {} from {} ({}), {}",
                    line.qty, line.material, line.lot, line.provenance, line.cost
                );
            }
            if let Some(cost) = &view.scrap_cost {
                println!("scrap cost: {cost}");
            }
        }
        NcrCommand::Dispose { ncr, rework, minutes, note, use_as_is, scrap, by } => {
            let disposition = match (rework, use_as_is, scrap) {
                (true, None, None) => DispositionChoice::Rework { duration_min: minutes, note },
                (false, Some(reason), None) => DispositionChoice::UseAsIs { reason },
                (false, None, Some(reason)) => DispositionChoice::Scrap { reason },
                _ => anyhow::bail!("field `disposition`: choose one of --rework, --use-as-is REASON, --scrap REASON"),
            };
            let by = by.unwrap_or_else(|| global.actor.clone());
            let done = context.execute(&Command::Quality(QualityCommand::Dispose { ncr, disposition, by }))?;
            let view = queries::nonconformance(&context.node, ncr)?;
            let rework = view.rework_task.map(|task| format!(": rework task {task}")).unwrap_or_default();
            report(&done, &format!("{ncr} disposed ({}){rework}", view.status));
        }
    }
    Ok(())
}

pub fn spc(command: SpcCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let actor = |by: Option<String>| by.unwrap_or_else(|| global.actor.clone());
    let series_of = |design: DesignId, check: &str, operation: Option<&str>| -> anyhow::Result<_> {
        let view = queries::spc(&context.node, design, check, operation)?;
        Ok(prodos_core::quality::SeriesKey { design, operation: view.operation, check: view.check })
    };
    match command {
        SpcCommand::Show { design, check, operation, json } => {
            let view = queries::spc(&context.node, design, &check, operation.as_deref())?;
            if json {
                return print_json(&view);
            }
            print!("{}", super::spc_text::render(&view));
        }
        SpcCommand::Freeze { design, check, operation, center, sigma, by } => {
            let series = series_of(design, &check, operation.as_deref())?;
            let command = QualityCommand::FreezeLimits { series: series.clone(), center, sigma, by: actor(by) };
            let done = context.execute(&Command::Quality(command))?;
            report(&done, &format!("limits of {series} frozen"));
        }
        SpcCommand::Stage { design, check, operation, label, by } => {
            let series = series_of(design, &check, operation.as_deref())?;
            let command = QualityCommand::StartStage { series: series.clone(), label: label.clone(), by: actor(by) };
            let done = context.execute(&Command::Quality(command))?;
            report(&done, &format!("stage `{label}` of {series} begins at its next sample"));
        }
    }
    Ok(())
}
