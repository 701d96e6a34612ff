//! `prodos plan …`: propose a plan for a mandate (explosion, netting, procurement, schedule,
//! verdict), show it with its Gantt chart, commit it (reserve materials) or cancel it.

use super::context::{Context, GlobalArgs, print_json, report, table};
use super::cost::print_cost;
use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};
use prodos_app::CommandMeta;
use prodos_app::planning::{ProposeOptions, plan_detail, propose_plan};
use prodos_app::queries;
use prodos_app::views::{PlanDetailView, PlanSummaryView};
use prodos_core::StockEvent;
use prodos_core::{Command, MandateId, PlanId};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Subcommand, Debug)]
pub enum PlanCommand {
    /// Compute and record a plan proposal for a mandate, and print its verdict.
    Propose(ProposeArgs),
    /// A plan's verdict, materials, purchases, schedule and current cost.
    Show {
        plan: PlanId,
        #[arg(long)]
        json: bool,
        /// Also write a Gantt chart (SVG) with the critical path marked.
        #[arg(long)]
        gantt: Option<PathBuf>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// Reserve exactly the netted materials and freeze the schedule; supersedes the mandate's
    /// previously committed plan.
    Commit { plan: PlanId },
    /// Release what the plan holds and close it.
    Cancel { plan: PlanId },
}

#[derive(Args, Debug)]
pub struct ProposeArgs {
    pub mandate: MandateId,
    /// Schedules the search may generate (default 1000).
    #[arg(long, conflicts_with = "time_limit")]
    pub schedules: Option<u64>,
    /// Seconds the search may run (> 0); also allows exact search on small plans.
    #[arg(long, allow_negative_numbers = true)]
    pub time_limit: Option<f64>,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    #[arg(long)]
    pub json: bool,
}

pub fn run(command: PlanCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        PlanCommand::Propose(args) => propose(args, global),
        PlanCommand::Show { plan, json, gantt } => {
            let context = Context::open(global)?;
            let detail = plan_detail(&context.node, plan)?;
            if let Some(path) = gantt {
                std::fs::write(&path, prodos_app::views::gantt::svg(&detail))
                    .with_context(|| format!("writing {}", path.display()))?;
                if !json {
                    println!("Gantt chart written to {}", path.display());
                }
            }
            if json {
                return print_json(&detail);
            }
            print_detail(&detail);
            Ok(())
        }
        PlanCommand::List { json } => {
            let context = Context::open(global)?;
            let views: Vec<PlanSummaryView> = queries::plans(&context.node, None);
            if json {
                return print_json(&views);
            }
            let mut out =
                table(&["plan", "mandate", "design", "qty", "status", "due", "finish", "verdict", "bottleneck"]);
            for view in views {
                out.add_row(vec![
                    view.id.clone(),
                    view.mandate.clone(),
                    view.design.clone(),
                    view.qty.to_string(),
                    view.status.clone(),
                    view.due.clone(),
                    view.finish.clone().unwrap_or_else(|| "-".into()),
                    verdict_word(&view),
                    view.bottleneck.clone().unwrap_or_else(|| "-".into()),
                ]);
            }
            println!("{out}");
            Ok(())
        }
        PlanCommand::Commit { plan } => {
            let context = Context::open(global)?;
            let done = context.execute(&Command::Plan(prodos_core::PlanCommand::CommitPlan { plan }))?;
            let reserved = done
                .events
                .iter()
                .filter(|e| matches!(e, prodos_core::Event::Stock(StockEvent::StockReserved { .. })))
                .count();
            report(&done, &format!("{plan} committed ({reserved} lot reservation(s))"));
            let detail = plan_detail(&context.node, plan)?;
            for displaced in &detail.verdict.displaces {
                println!("now overbooked, re-propose its mandate: {displaced}");
            }
            Ok(())
        }
        PlanCommand::Cancel { plan } => {
            let context = Context::open(global)?;
            let done = context.execute(&Command::Plan(prodos_core::PlanCommand::CancelPlan { plan }))?;
            let released = done
                .events
                .iter()
                .filter(|e| matches!(e, prodos_core::Event::Stock(StockEvent::StockReleased { .. })))
                .count();
            report(&done, &format!("{plan} cancelled ({released} lot release(s))"));
            Ok(())
        }
    }
}

fn propose(args: ProposeArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    // Checked before opening anything, so bad input writes nothing.
    let time_limit = match args.time_limit {
        Some(seconds) if !(seconds > 0.0 && seconds.is_finite()) => {
            bail!("field `time-limit`: must be a positive number of seconds, got {seconds}")
        }
        Some(seconds) => Some(Duration::from_secs_f64(seconds)),
        None => None,
    };
    if args.schedules == Some(0) {
        bail!("field `schedules`: must be positive, got 0");
    }
    let options = ProposeOptions {
        max_schedules: match (args.schedules, time_limit) {
            (Some(n), _) => Some(n),
            (None, Some(_)) => None,
            (None, None) => ProposeOptions::default().max_schedules,
        },
        time_limit,
        seed: args.seed,
    };
    let context = Context::open(global)?;
    let now = prodos_app::clock::now();
    let command_id =
        global.command_id.clone().unwrap_or_else(|| format!("cli-{}-{}-propose", now.millis(), std::process::id()));
    let meta = CommandMeta { command_id, actor: global.local_actor(), now };
    let proposed = propose_plan(&context.node, args.mandate, &options, &meta)?;
    let detail = plan_detail(&context.node, proposed.plan)?;
    if args.json {
        return print_json(&detail);
    }
    report(
        &proposed.receipt,
        &format!(
            "{} proposed for {} in {:.0} ms",
            proposed.plan,
            args.mandate,
            proposed.search_time.as_secs_f64() * 1000.0
        ),
    );
    print_verdict(&detail);
    println!("\nnext: prodos plan show {0} [--gantt {0}.svg] · prodos plan commit {0}", proposed.plan);
    Ok(())
}

fn verdict_word(view: &PlanSummaryView) -> String {
    if !view.infeasible.is_empty() {
        "infeasible".into()
    } else if view.on_time {
        "on time".into()
    } else if view.late_by_days > 0 {
        format!("late {} d", view.late_by_days)
    } else {
        "at risk".into()
    }
}

pub fn print_verdict(detail: &PlanDetailView) {
    let v = &detail.verdict;
    println!(
        "{} — {} × {} for {} [{}]",
        detail.summary.id, detail.summary.qty, detail.summary.design, detail.summary.mandate, detail.summary.status
    );
    if !v.infeasible.is_empty() {
        println!("verdict: INFEASIBLE with the node's capacity");
        for reason in &v.infeasible {
            println!("  - {reason}");
        }
    } else {
        let finish = v.finish.clone().unwrap_or_else(|| "-".into());
        match (v.on_time, v.late_by_days) {
            (true, _) => println!("verdict: ON TIME — finishes {finish}, due {}", v.due),
            (false, 0) => println!("verdict: AT RISK — finishes {finish}, due {}, but materials are missing", v.due),
            (false, days) => println!(
                "verdict: LATE by {days} day(s) ({} working day(s)) — finishes {finish}, due {}",
                v.late_by_work_days, v.due
            ),
        }
        println!(
            "starts {}; {} working hours end to end (critical-path bound {} h); {} schedules searched",
            v.start, v.makespan_work_hours, v.lower_bound_work_hours, v.schedules_generated
        );
        if let Some(b) = &v.bottleneck {
            println!(
                "bottleneck: {} ({} of {}), {:.1} % utilised",
                b.resource, b.busy_hours, b.capacity, b.utilisation_pct
            );
        }
        match v.critical_path.len() {
            0 => {}
            n if n <= 12 => println!("critical path: {}", v.critical_path.join(" → ")),
            n => println!(
                "critical path ({n} operations, `plan show --json` lists all): {} → … → {}",
                v.critical_path[..4].join(" → "),
                v.critical_path[n - 4..].join(" → ")
            ),
        }
    }
    for note in &v.capacity_notes {
        println!("capacity: {note}");
    }
    for plan in &v.displaces {
        println!("displaces (lower priority, re-propose it after committing this one): {plan}");
    }
    for problem in &v.material_problems {
        println!("material: {problem}");
    }
    let shortages: Vec<_> = detail.materials.iter().filter(|m| m.shortage != "0").collect();
    if !shortages.is_empty() {
        let mut out = table(&["short material", "required", "from stock", "short", "buy", "supplier", "arrives"]);
        for need in shortages {
            let purchase = detail.purchases.iter().find(|p| p.material == need.material);
            out.add_row(vec![
                need.material.clone(),
                format!("{} {}", need.required, need.unit),
                need.from_stock.clone(),
                need.shortage.clone(),
                purchase.map(|p| format!("{} {} for {}", p.qty, p.unit, p.cost)).unwrap_or_else(|| "-".into()),
                purchase.map(|p| p.supplier.clone()).unwrap_or_else(|| "none".into()),
                purchase
                    .map(|p| {
                        let late = if p.in_time { "" } else { ", after due" };
                        format!("{} ({} calendar days{late})", p.arrives, p.lead_time_days)
                    })
                    .unwrap_or_else(|| "-".into()),
            ]);
        }
        println!("{out}");
    }
    if !v.skill_hours.is_empty() {
        let mut out =
            table(&["skill", "level ≥", "qualified", "hours needed", "hours available by due", "enough", "risk"]);
        for row in &v.skill_hours {
            out.add_row(vec![
                row.skill.clone(),
                row.min_level.to_string(),
                row.qualified_people.to_string(),
                row.needed_hours.clone(),
                row.available_hours.clone(),
                if row.enough { "yes".into() } else { "NO".into() },
                row.sole_holder.as_ref().map(|handle| format!("only {handle}")).unwrap_or_default(),
            ]);
        }
        println!("{out}");
    }
}

fn print_detail(detail: &PlanDetailView) {
    print_verdict(detail);
    for risk in &detail.at_risk {
        println!("AT RISK: {risk}");
    }
    if let Some(shortfall) = &detail.shortfall {
        println!("SHORT: {shortfall}");
    }
    if !detail.operations.is_empty() {
        let mut out =
            table(&["operation", "unit", "start", "end", "resources", "crew", "slack h", "critical", "carried"]);
        for op in &detail.operations {
            out.add_row(vec![
                op.operation.clone(),
                op.unit.to_string(),
                op.start.clone(),
                op.end.clone(),
                op.resources.join(", "),
                op.crew.join(", "),
                format!("{:.1}", op.slack_work_min as f64 / 60.0),
                if op.critical { "●".into() } else { String::new() },
                op.carried.unwrap_or_default().to_string(),
            ]);
        }
        println!("{out}");
    }
    println!("\ncost now (priced from current stock, catalogs and rates):");
    print_cost(&detail.cost);
}
