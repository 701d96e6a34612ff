//! Timing harness for the planner (no criterion): explosion + netting + cost of a synthetic
//! 10,000-line BOM × 100 units, and full proposals for 12 guitars and one house on the example
//! files. `cargo run --release -p prodos-planning --example plan_timing [schedules]`. The clock
//! is read here, in the harness, never in the library.
#![allow(clippy::disallowed_methods, reason = "a timing harness reads the clock")]

use prodos_core::Timestamp;
use prodos_demo::synthetic::planning as synthetic;
use prodos_planning::{SearchBudget, design_cost, explode, net, propose, stock_view};
use std::time::{Duration, Instant};

const GUITAR: &str = include_str!("../../../examples/acoustic-guitar.toml");
const HOUSE: &str = include_str!("../../../examples/modular-house.toml");
const STOCK: &str = include_str!("../../../examples/stock.csv");
const SUPPLIERS: &str = include_str!("../../../examples/suppliers.csv");

fn best_of<T>(runs: u32, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let out = work();
        best = best.min(started.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

fn main() {
    let schedules: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let now = Timestamp::from_millis(1_795_424_400_000); // 2026-11-23 09:00 UTC
    let world = synthetic::world(10_000, now).expect("synthetic world");
    let (elapsed, materials) = best_of(5, || {
        let spec = &world.state.designs.version(world.design).unwrap().spec;
        let explosion = explode(spec, 100, |m| world.state.stock.material(m).map(|m| m.unit));
        let stock = stock_view::StockView::new(&world.state, None);
        let needs = net::net(&world.state, &explosion, &stock);
        let cost = design_cost(&world.state, world.design, 100, None).unwrap();
        (needs.len(), cost.total())
    });
    println!(
        "explode+net+cost 10000 lines x 100 units ({} materials, total {}): {:.1} ms",
        materials.0,
        materials.1,
        elapsed.as_secs_f64() * 1e3
    );

    let specs = [("acoustic-guitar.toml", GUITAR), ("modular-house.toml", HOUSE)]
        .iter()
        .map(|(file, text)| prodos_formats::parse_design(file, text).unwrap().spec)
        .collect();
    let lots = prodos_formats::parse_stock_csv("stock.csv", STOCK).unwrap().iter().map(|r| r.to_receipt()).collect();
    let suppliers =
        prodos_formats::catalog_listings(&prodos_formats::parse_catalog_csv("suppliers.csv", SUPPLIERS).unwrap());
    let staffing = synthetic::Staffing { people_per_skill: 4, units_per_tool: 2 };
    let (state, mandates) = synthetic::planning_world(specs, lots, suppliers, staffing, &[(0, 12), (1, 1)], 365, now)
        .expect("example world");
    for (name, mandate) in ["12 guitars", "1 house"].iter().zip(mandates) {
        let never = || false;
        let budget = SearchBudget { max_schedules: Some(schedules), exact: false, seed: 0, should_stop: &never };
        let (elapsed, proposal) = best_of(3, || propose(&state, mandate, now, budget).unwrap());
        println!(
            "propose {name}: {} operation instances, {} schedules, makespan {} h (bound {} h), bottleneck {:?}: {:.1} ms",
            proposal.operations.len(),
            proposal.verdict.schedules_generated,
            proposal.verdict.makespan_work_min / 60,
            proposal.verdict.lower_bound_work_min / 60,
            proposal.verdict.bottleneck.as_ref().map(|b| &b.resource),
            elapsed.as_secs_f64() * 1e3
        );
    }
}
