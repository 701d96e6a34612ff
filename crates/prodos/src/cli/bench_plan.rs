//! `prodos bench plan`: the planning speed targets — explosion + netting + cost of a synthetic
//! 10,000-line BOM × 100 units, and full proposals for 12 guitars and for the house on the demo
//! cooperative's data, and for 12 more guitars staffed by participants around the first batch. Timing lives here and in prodos-app, never in the pure planner.

use super::demo::{EXAMPLE_DESIGNS, EXAMPLE_STOCK, EXAMPLE_SUPPLIERS};
use anyhow::bail;
use clap::Args;
use prodos_app::planning::{ProposeOptions, search};
use prodos_core::{MandateId, State, Timestamp};
use prodos_demo::bench_plan::bench_explode_and_cost;
use prodos_demo::synthetic::planning::{Staffing, commit, planning_world, staff_with_participants};
use std::time::Duration;

#[derive(Args, Debug)]
pub struct BenchPlanArgs {
    /// BOM lines of the synthetic design.
    #[arg(long, default_value_t = 10_000)]
    pub lines: usize,
    /// Units the synthetic design is exploded and costed for.
    #[arg(long, default_value_t = 100)]
    pub units: u32,
    /// Runs of each measurement; the best is reported.
    #[arg(long, default_value_t = 5)]
    pub runs: u32,
    /// Schedules per proposal (default: what `plan propose` uses).
    #[arg(long)]
    pub schedules: Option<u64>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: BenchPlanArgs) -> anyhow::Result<()> {
    if args.lines == 0 || args.units == 0 || args.runs == 0 {
        bail!("fields `lines`, `units` and `runs` must be positive");
    }
    let now = prodos_app::clock::now();
    let explode = bench_explode_and_cost(args.lines, args.units, args.runs, now)?;
    let options = ProposeOptions {
        max_schedules: args.schedules.or(ProposeOptions::default().max_schedules),
        ..ProposeOptions::default()
    };
    let (state, guitars, house, second_batch) = example_world(now)?;
    // The same 12 guitars again, staffed by certified participants and planned around the first
    // batch, committed: capacity over time (people's weeks, committed load) in the search.
    let mut shared = state.clone();
    staff_with_participants(&mut shared, 4, now)?;
    let (first_batch, _) = search(&shared, guitars, &options, now)?;
    commit(&mut shared, guitars, first_batch, now)?;
    let mut figures = Vec::new();
    let cases = [
        ("12 guitars", &state, guitars),
        ("1 house", &state, house),
        ("12 guitars by participants, around a committed 12", &shared, second_batch),
    ];
    for (name, state, mandate) in cases {
        let mut best = Duration::MAX;
        let mut operations = 0;
        let mut schedules = 0;
        for _ in 0..args.runs {
            let (proposal, elapsed) = search(state, mandate, &options, now)?;
            best = best.min(elapsed);
            operations = proposal.operations.len();
            schedules = proposal.verdict.schedules_generated;
        }
        figures.push(serde_json::json!({
            "plan": name, "operation_instances": operations, "schedules": schedules,
            "best_ms": best.as_secs_f64() * 1000.0, "target_ms": 1000.0,
        }));
    }
    let explode_ms = explode.explode_and_cost.as_secs_f64() * 1000.0;
    if args.json {
        return super::context::print_json(&serde_json::json!({
            "explode_and_cost": {
                "bom_lines": explode.bom_lines, "units": explode.units, "materials": explode.materials,
                "best_ms": explode_ms, "target_ms": 100.0, "runs": explode.runs,
            },
            "proposals": figures,
        }));
    }
    println!(
        "explode + net + cost: {} BOM lines × {} units ({} materials): {explode_ms:.1} ms best of {} (target < 100 ms)",
        explode.bom_lines, explode.units, explode.materials, explode.runs
    );
    for figure in figures {
        println!(
            "propose {}: {} operation instances, {} schedules: {:.1} ms best of {} (target < 1000 ms)",
            figure["plan"].as_str().unwrap_or_default(),
            figure["operation_instances"],
            figure["schedules"],
            figure["best_ms"].as_f64().unwrap_or_default(),
            args.runs
        );
    }
    Ok(())
}

/// The demo cooperative in memory with enough people and tools to plan both examples, and
/// mandates for 12 guitars, for a house and for 12 more guitars, due in a year.
fn example_world(now: Timestamp) -> anyhow::Result<(State, MandateId, MandateId, MandateId)> {
    let mut specs = Vec::new();
    for (file, text) in EXAMPLE_DESIGNS {
        specs.push(prodos_formats::parse_design(file, text)?.spec);
    }
    let (file, text) = EXAMPLE_SUPPLIERS;
    let suppliers = prodos_formats::catalog_listings(&prodos_formats::parse_catalog_csv(file, text)?);
    let (file, text) = EXAMPLE_STOCK;
    let lots = prodos_formats::parse_stock_csv(file, text)?.iter().map(|row| row.to_receipt()).collect();
    let staffing = Staffing { people_per_skill: 4, units_per_tool: 2 };
    let (state, mandates) = planning_world(specs, lots, suppliers, staffing, &[(0, 12), (1, 1), (0, 12)], 365, now)?;
    match mandates[..] {
        [guitars, house, more_guitars] => Ok((state, guitars, house, more_guitars)),
        _ => anyhow::bail!("the example world made {} mandates, expected 3", mandates.len()),
    }
}
