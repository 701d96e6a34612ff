//! Planning benchmark: explosion, netting and costing of a synthetic design, timed. Timing lives
//! here, outside the libraries.

use crate::synthetic::planning::world;
use prodos_app::NodeError;
use prodos_core::Timestamp;
use prodos_planning::design_cost;
use std::time::{Duration, Instant};

/// Figures of the planning benchmark.
#[derive(Debug, Clone)]
pub struct PlanBenchFigures {
    pub bom_lines: usize,
    pub units: u32,
    pub materials: usize,
    /// Explode + net against stock + cost, best of the runs.
    pub explode_and_cost: Duration,
    pub runs: u32,
}

/// Times explosion, netting and costing of a synthetic design (`bom_lines` lines × `units`).
#[allow(clippy::disallowed_methods, reason = "benchmark timing lives in the shell")]
pub fn bench_explode_and_cost(
    bom_lines: usize,
    units: u32,
    runs: u32,
    now: Timestamp,
) -> Result<PlanBenchFigures, NodeError> {
    let world = world(bom_lines, now)?;
    let mut best = Duration::MAX;
    let mut materials = 0;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let spec = &world.state.designs.version(world.design).expect("synthetic design exists").spec;
        let explosion = prodos_planning::explode(spec, units, |m| world.state.stock.material(m).map(|m| m.unit));
        let stock = prodos_planning::stock_view::StockView::new(&world.state, None);
        let needs = prodos_planning::net::net(&world.state, &explosion, &stock);
        let cost = design_cost(&world.state, world.design, units, None)?;
        best = best.min(started.elapsed());
        materials = needs.len().max(cost.materials.len());
    }
    Ok(PlanBenchFigures { bom_lines, units, materials, explode_and_cost: best, runs: runs.max(1) })
}
