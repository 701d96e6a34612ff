//! `prodos asset|pm|workorder|breakdown`: the maintenance loop from the shell — assets and their
//! meters, preventive plans and what is due, breakdown reports, and work orders worked through
//! like tasks. The same queries and commands as the API.

use super::context::{Context, GlobalArgs, print_json, report, table};
use super::format_time;
use clap::{Subcommand, ValueEnum};
use prodos_app::queries;
use prodos_app::views::maintenance::{ReliabilityRowView, ReliabilityView};
use prodos_core::maintenance::{MaintenanceCommand, MaintenanceEvent, NewAsset, NewPmPlan, Severity};
use prodos_core::plan::Day;
use prodos_core::{AssetId, Command, Event, WorkOrderId};

#[derive(Subcommand, Debug)]
pub enum AssetCommand {
    /// Register one unit of a declared tool or workstation as an asset.
    Add {
        /// The tool or workstation id it provides.
        kind: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        location: String,
        /// Default: today.
        #[arg(long)]
        acquired: Option<Day>,
        #[arg(long)]
        service_life_years: Option<i64>,
        /// A stock material that serves as a spare part (repeat for several).
        #[arg(long = "spare-part")]
        spare_parts: Vec<String>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// An asset with its meters, status, last services and work orders.
    Show {
        asset: AssetId,
        #[arg(long)]
        json: bool,
    },
    /// MTBF, MTTR, availability, planned share and backlog per asset and per type, the Weibull
    /// fit of the failure intervals where there are 5 or more, and the backlog's weekly trend.
    Reliability {
        #[arg(long)]
        json: bool,
    },
    /// Breakdowns, repairs, downtime, late preventive work, incidents and backlog per week.
    Periods {
        #[arg(long, default_value_t = 12)]
        weeks: u32,
        #[arg(long)]
        json: bool,
    },
    /// Record the meters' cumulative totals; a preventive order opens when one reaches its plan.
    Meter {
        asset: AssetId,
        #[arg(long)]
        hours: Option<f64>,
        #[arg(long)]
        cycles: Option<u64>,
        #[arg(long)]
        by: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum PmCommand {
    /// Preventive plans per asset type.
    #[command(subcommand)]
    Plan(PmPlanCommand),
    /// Services due now (by meter or calendar), the most overdue first.
    Due {
        #[arg(long)]
        json: bool,
    },
    /// Open a work order for every due service that has none.
    Issue {
        #[arg(long)]
        by: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum PmPlanCommand {
    /// Service every N hours, N cycles or N days of an asset type, whichever comes first.
    Add {
        key: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        every_hours: Option<i64>,
        #[arg(long)]
        every_cycles: Option<i64>,
        #[arg(long)]
        every_days: Option<i64>,
        #[arg(long)]
        procedure: String,
        #[arg(long)]
        skill: String,
        #[arg(long)]
        level: i64,
        #[arg(long)]
        minutes: i64,
        #[arg(long = "part")]
        parts: Vec<String>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum WorkOrderCommand {
    List {
        /// Only those not yet verified.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
    Show {
        order: WorkOrderId,
        #[arg(long)]
        json: bool,
    },
    Start {
        order: WorkOrderId,
        /// Default: --actor.
        #[arg(long)]
        worker: Option<String>,
    },
    Complete {
        order: WorkOrderId,
        /// Hours worked (default: the working time since the start).
        #[arg(long)]
        hours: Option<f64>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        by: Option<String>,
    },
    /// Verify someone else's work order; a repair brings its asset back up.
    Verify {
        order: WorkOrderId,
        #[arg(long)]
        by: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SeverityArg {
    Minor,
    Major,
    Critical,
}

#[derive(Subcommand, Debug)]
pub enum BreakdownCommand {
    /// The asset is down from now until its repair order is verified.
    Report {
        asset: AssetId,
        #[arg(long)]
        description: String,
        #[arg(long, value_enum, default_value = "major")]
        severity: SeverityArg,
        /// The repair's estimated working minutes, when you can tell.
        #[arg(long)]
        estimate_min: Option<i64>,
        #[arg(long)]
        by: Option<String>,
    },
}

fn by_or_actor(by: Option<String>, global: &GlobalArgs) -> String {
    by.unwrap_or_else(|| global.actor.clone())
}

/// Runs a maintenance command and says which work orders it opened.
fn execute(global: &GlobalArgs, command: MaintenanceCommand, what: &str) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let done = context.execute(&Command::Maintenance(command))?;
    for event in &done.events {
        if let Event::Maintenance(MaintenanceEvent::WorkOrderOpened { order }) = event {
            println!("{} opened on {}", order.id, order.asset);
        }
    }
    report(&done, what);
    Ok(())
}

pub fn asset(command: AssetCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        AssetCommand::Add { kind, name, location, acquired, service_life_years, spare_parts } => {
            let acquired = acquired.unwrap_or_else(|| Day::of(prodos_app::clock::now()));
            let asset = NewAsset { kind, name, location, acquired, service_life_years, spare_parts };
            let by = global.actor.clone();
            execute(global, MaintenanceCommand::RegisterAsset { asset, by }, "asset registered")
        }
        AssetCommand::List { json } => {
            let context = Context::open(global)?;
            let views = queries::assets(&context.node);
            if json {
                return print_json(&views);
            }
            let mut out = table(&["asset", "kind", "name", "location", "hours", "cycles", "status"]);
            for view in views {
                let status = view.down_order.map_or(view.status.clone(), |order| format!("{} ({order})", view.status));
                out.add_row(vec![
                    view.id,
                    view.kind,
                    view.name,
                    view.location,
                    format!("{:.1}", view.hours),
                    view.cycles.to_string(),
                    status,
                ]);
            }
            println!("{out}");
            Ok(())
        }
        AssetCommand::Show { asset, json } => {
            let context = Context::open(global)?;
            let (view, orders) = queries::asset(&context.node, asset)?;
            if json {
                return print_json(&serde_json::json!({ "asset": view, "work_orders": orders }));
            }
            println!("{} {} ({}), {}; acquired {}", view.id, view.name, view.kind, view.status, view.acquired);
            println!("meters: {:.1} h, {} cycles", view.hours, view.cycles);
            for service in &view.last_service {
                println!("last service {service}");
            }
            for order in orders {
                println!("{} {} {}: {}", order.id, order.kind, order.status, order.what);
            }
            Ok(())
        }
        AssetCommand::Periods { weeks, json } => {
            let context = Context::open(global)?;
            let views = queries::maintenance_periods(&context.node, weeks, prodos_app::clock::now());
            if json {
                return print_json(&views);
            }
            let mut out = table(&[
                "week",
                "breakdowns",
                "repairs",
                "preventive",
                "down h",
                "maint. h",
                "late PM",
                "late days",
                "incidents",
                "near misses",
                "backlog",
            ]);
            for week in views {
                out.add_row(vec![
                    week.week,
                    week.breakdowns.to_string(),
                    week.repairs.to_string(),
                    week.preventive_done.to_string(),
                    format!("{:.1}", week.downtime_hours),
                    format!("{:.1}", week.maintenance_hours),
                    week.preventive_overdue.to_string(),
                    format!("{:.1}", week.preventive_late_days),
                    week.incidents.to_string(),
                    week.near_misses.to_string(),
                    format!("{} ({:.1} h)", week.backlog_orders, week.backlog_hours),
                ]);
            }
            println!("{out}");
            Ok(())
        }
        AssetCommand::Reliability { json } => {
            let context = Context::open(global)?;
            let view = queries::reliability(&context.node, prodos_app::clock::now());
            if json {
                return print_json(&view);
            }
            print_reliability(&view);
            Ok(())
        }
        AssetCommand::Meter { asset, hours, cycles, by } => {
            let by = by_or_actor(by, global);
            execute(global, MaintenanceCommand::RecordMeter { asset, hours, cycles, by }, "meters read")
        }
    }
}

const RELIABILITY_COLUMNS: [&str; 9] =
    ["failures", "MTBF h", "MTTR h", "avail.", "down h", "planned", "backlog", "oldest", "Weibull β / η"];

fn optional(value: Option<f64>, decimals: usize, unit: &str) -> String {
    value.map_or_else(|| "—".into(), |value| format!("{value:.decimals$}{unit}"))
}

/// The columns both tables share, after the row's own names.
fn reliability_cells(row: &ReliabilityRowView) -> Vec<String> {
    let planned = match (row.planned_pct, row.share_basis) {
        (Some(pct), Some("order_count")) => format!("{pct:.0} % of orders"),
        (Some(pct), _) => format!("{pct:.0} % of hours"),
        (None, _) => "—".into(),
    };
    vec![
        row.failures.to_string(),
        optional(row.mtbf_hours, 0, ""),
        optional(row.mttr_hours, 1, ""),
        optional(row.availability_pct, 2, " %"),
        format!("{:.1}", row.downtime_hours),
        planned,
        format!("{} ({:.1} h)", row.backlog_orders, row.backlog_hours),
        optional(row.backlog_oldest_days, 1, " d"),
        row.weibull
            .as_ref()
            .map_or_else(|| "—".into(), |fit| format!("{:.2} / {:.0} h", fit.shape_beta, fit.scale_eta_hours)),
    ]
}

fn print_reliability(view: &ReliabilityView) {
    let mut assets = table(&[&["asset", "kind"][..], &RELIABILITY_COLUMNS[..]].concat());
    for row in &view.assets {
        let name = format!("{} {}", row.asset.as_deref().unwrap_or_default(), row.name.as_deref().unwrap_or_default());
        assets.add_row([vec![name, row.kind.clone()], reliability_cells(row)].concat());
    }
    println!("{assets}");
    let mut kinds = table(&[&["kind", "assets"][..], &RELIABILITY_COLUMNS[..]].concat());
    for row in &view.kinds {
        kinds.add_row([vec![row.kind.clone(), row.assets.to_string()], reliability_cells(row)].concat());
    }
    println!("{kinds}");
    for row in &view.kinds {
        if let Some(fit) = &row.weibull {
            println!(
                "{}: Weibull β {:.2}, η {:.0} h (R² {:.3}, {} intervals between breakdowns, calendar hours): {}",
                row.kind, fit.shape_beta, fit.scale_eta_hours, fit.r_squared, fit.intervals, fit.regime
            );
        }
    }
    let (open_orders, open_hours) =
        view.backlog_series.last().map_or((0, 0.0), |point| (point.open_orders, point.estimated_hours));
    match &view.backlog_trend {
        Some(trend) => {
            let direction = if trend.orders_per_week > 0.05 {
                "rising"
            } else if trend.orders_per_week < -0.05 {
                "falling"
            } else {
                "flat"
            };
            println!(
                "backlog: {open_orders} open orders ({open_hours:.1} h estimated); over the last {} weeks {:+.2} orders and {:+.1} h a week ({direction})",
                trend.weeks, trend.orders_per_week, trend.hours_per_week
            );
        }
        None => println!("backlog: {open_orders} open orders ({open_hours:.1} h estimated); too few weeks for a trend"),
    }
}

pub fn pm(command: PmCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        PmCommand::Plan(PmPlanCommand::Add {
            key,
            kind,
            every_hours,
            every_cycles,
            every_days,
            procedure,
            skill,
            level,
            minutes,
            parts,
        }) => {
            let plan = NewPmPlan {
                key,
                kind,
                every_hours,
                every_cycles,
                every_days,
                procedure,
                skill,
                level,
                duration_min: minutes,
                parts,
            };
            execute(global, MaintenanceCommand::SetPmPlan { plan, by: global.actor.clone() }, "plan set")
        }
        PmCommand::Plan(PmPlanCommand::List { json }) => {
            let context = Context::open(global)?;
            let views = queries::pm_plans(&context.node);
            if json {
                return print_json(&views);
            }
            let mut out = table(&["plan", "kind", "every", "skill", "minutes", "procedure"]);
            for view in views {
                let every = [
                    view.every_hours.map(|hours| format!("{hours} h")),
                    view.every_cycles.map(|cycles| format!("{cycles} cycles")),
                    view.every_days.map(|days| format!("{days} days")),
                ];
                out.add_row(vec![
                    view.key,
                    view.kind,
                    every.into_iter().flatten().collect::<Vec<_>>().join(" / "),
                    format!("{} {}", view.skill, view.level),
                    view.duration_min.to_string(),
                    view.procedure,
                ]);
            }
            println!("{out}");
            Ok(())
        }
        PmCommand::Due { json } => {
            let context = Context::open(global)?;
            let views = queries::maintenance_due(&context.node, prodos_app::clock::now());
            if json {
                return print_json(&views);
            }
            let mut out = table(&["asset", "plan", "why", "overdue", "order"]);
            for view in views {
                out.add_row(vec![
                    view.asset,
                    view.plan,
                    view.reason,
                    format!("{:.1} %", view.overdue_pct),
                    view.order.unwrap_or_else(|| "not issued".into()),
                ]);
            }
            println!("{out}");
            Ok(())
        }
        PmCommand::Issue { by } => {
            let by = by_or_actor(by, global);
            execute(global, MaintenanceCommand::IssueDueOrders { by }, "due orders issued")
        }
    }
}

pub fn work_order(command: WorkOrderCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        WorkOrderCommand::List { open, json } => {
            let context = Context::open(global)?;
            let views = queries::work_orders(&context.node, open);
            if json {
                return print_json(&views);
            }
            let mut out = table(&["order", "asset", "kind", "status", "worker", "what", "opened"]);
            for view in views {
                out.add_row(vec![
                    view.id,
                    format!("{} {}", view.asset, view.asset_name),
                    view.kind.into(),
                    view.status.into(),
                    view.worker.unwrap_or_default(),
                    view.what,
                    format_time(view.opened_at_ms),
                ]);
            }
            println!("{out}");
            Ok(())
        }
        WorkOrderCommand::Show { order, json } => {
            let context = Context::open(global)?;
            let view = queries::work_orders(&context.node, false)
                .into_iter()
                .find(|view| view.id == order.to_string())
                .ok_or_else(|| anyhow::anyhow!("unknown work order {order}"))?;
            if json {
                return print_json(&view);
            }
            println!("{} {} on {} {}: {}", view.id, view.kind, view.asset, view.asset_name, view.what);
            println!(
                "status: {}{}",
                view.status,
                view.worker.map(|worker| format!(", by {worker}")).unwrap_or_default()
            );
            Ok(())
        }
        WorkOrderCommand::Start { order, worker } => {
            let worker = by_or_actor(worker, global);
            execute(global, MaintenanceCommand::StartWorkOrder { order, worker }, "started")
        }
        WorkOrderCommand::Complete { order, hours, note, by } => {
            let by = by_or_actor(by, global);
            execute(global, MaintenanceCommand::CompleteWorkOrder { order, by, hours, note }, "completed")
        }
        WorkOrderCommand::Verify { order, by } => {
            let by = by_or_actor(by, global);
            execute(global, MaintenanceCommand::VerifyWorkOrder { order, by }, "verified")
        }
    }
}

pub fn breakdown(command: BreakdownCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let BreakdownCommand::Report { asset, description, severity, estimate_min, by } = command;
    let severity = match severity {
        SeverityArg::Minor => Severity::Minor,
        SeverityArg::Major => Severity::Major,
        SeverityArg::Critical => Severity::Critical,
    };
    let by = by_or_actor(by, global);
    execute(
        global,
        MaintenanceCommand::ReportBreakdown { asset, description, severity, estimate_min, by },
        &format!("{asset} is down until its repair is verified"),
    )
}
