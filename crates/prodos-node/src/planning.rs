//! Planning glue: runs the pure planner on a snapshot of the node's state and records the result,
//! prices designs and plans from current state, and times the planning benchmark. The search's
//! wall-clock limit is measured here, in the shell, and handed to the planner as a stop callback.

use crate::error::NodeError;
use crate::node::{CommandMeta, Node, Receipt};
use crate::views::{CostView, PlanDetailView};
use prodos_core::plan::PlanProposal;
use prodos_core::{Command, DesignRef, DesignSelector, Event, MandateId, PlanId, Rejection, State, Timestamp};
use prodos_planning::{SearchBudget, design_cost, propose};
use std::time::{Duration, Instant};

/// The pure planner, for shells that build planning worlds themselves (benchmarks).
pub use prodos_planning as planner;

/// How hard `propose_plan` searches. With a time limit the engine may also run exact search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProposeOptions {
    pub max_schedules: Option<u64>,
    pub time_limit: Option<Duration>,
    pub seed: u64,
}

impl Default for ProposeOptions {
    /// Enough for plans of a few hundred operation instances to settle, well inside a second.
    fn default() -> Self {
        ProposeOptions { max_schedules: Some(1_000), time_limit: None, seed: 0 }
    }
}

#[derive(Debug, Clone)]
pub struct Proposed {
    pub plan: PlanId,
    pub receipt: Receipt,
    /// Wall-clock time of the last (recorded) search.
    pub search_time: Duration,
}

/// Searches this many times at most when other writers keep changing the state under the search.
const MAX_ATTEMPTS: u32 = 4;

/// Computes a proposal for `mandate` from a snapshot of the state and records it. If the ledger
/// moved while the planner searched (stock received, a plan committed elsewhere), the proposal is
/// recomputed on the fresh state so that it never records numbers from a stale snapshot.
pub fn propose_plan(
    node: &Node,
    mandate: MandateId,
    options: &ProposeOptions,
    meta: &CommandMeta,
) -> Result<Proposed, NodeError> {
    for _ in 0..MAX_ATTEMPTS {
        node.refresh()?;
        let head = node.head();
        let snapshot: State = node.read(State::clone);
        let (proposal, search_time) = search(&snapshot, mandate, options, meta.now)?;
        node.refresh()?;
        if node.head() != head {
            continue;
        }
        let receipt = node.execute(&Command::RecordPlanProposal { mandate, proposal }, meta)?;
        let plan = receipt
            .events
            .iter()
            .find_map(|event| match event {
                Event::PlanProposed { plan, .. } => Some(*plan),
                _ => None,
            })
            .ok_or(NodeError::Rejected(Rejection::UnknownMandate { mandate }))?;
        return Ok(Proposed { plan, receipt, search_time });
    }
    Err(NodeError::TooMuchContention { attempts: MAX_ATTEMPTS })
}

/// One timed planner run on a state (no recording): what `prodos bench plan` measures.
#[allow(clippy::disallowed_methods, reason = "the search's time limit and its measurement live in the shell")]
pub fn search(
    state: &State,
    mandate: MandateId,
    options: &ProposeOptions,
    now: Timestamp,
) -> Result<(PlanProposal, Duration), NodeError> {
    let started = Instant::now();
    let deadline = options.time_limit.map(|limit| started + limit);
    let should_stop = || deadline.is_some_and(|deadline| Instant::now() >= deadline);
    let budget = SearchBudget {
        max_schedules: options.max_schedules,
        exact: options.time_limit.is_some(),
        seed: options.seed,
        should_stop: &should_stop,
    };
    let proposal = propose(state, mandate, now, budget)?;
    Ok((proposal, started.elapsed()))
}

/// The cost of `qty` units of a design version (latest certified unless named, else latest).
pub fn design_cost_view(node: &Node, selector: DesignSelector, qty: u32) -> Result<CostView, NodeError> {
    node.read(|state| {
        let record = state.designs.get(selector.design).ok_or(Rejection::UnknownDesign { design: selector })?;
        let version = match selector.version {
            Some(number) => record.version(number).ok_or(Rejection::UnknownDesign { design: selector })?,
            None => record.latest_certified().unwrap_or(record.latest()),
        };
        let design = DesignRef { design: record.id, version: version.version };
        Ok(CostView::of(&design_cost(state, design, qty, None)?))
    })
}

/// A plan with its verdict and its cost priced from current state (its own holdings count as
/// stock while it is committed).
pub fn plan_detail(node: &Node, plan: PlanId) -> Result<PlanDetailView, NodeError> {
    node.read(|state| {
        let found = state.plans.plan(plan).ok_or(Rejection::UnknownPlan { plan })?;
        let held_for = found.purpose();
        let cost = design_cost(state, found.proposal.design, found.proposal.qty, Some(&held_for))?;
        Ok(PlanDetailView::of(state, found, &cost))
    })
}

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
    let world = prodos_planning::synthetic::world(bom_lines, now)?;
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
