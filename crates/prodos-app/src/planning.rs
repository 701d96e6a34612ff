//! Planning glue: runs the pure planner on a snapshot of the node's state and records the result,
//! prices designs and plans from current state, and times the planning benchmark. The search's
//! wall-clock limit is measured here, in the shell, and handed to the planner as a stop callback.

use crate::error::NodeError;
use crate::node::{CommandMeta, Node, Receipt};
use crate::views::{CostView, PlanDetailView};
use prodos_core::plan::PlanProposal;
use prodos_core::{Command, DesignRef, DesignSelector, Event, MandateId, PlanId, Rejection, State, Timestamp};
use prodos_core::{PlanCommand, PlanEvent};
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
        let receipt = node.execute(&Command::Plan(PlanCommand::RecordPlanProposal { mandate, proposal }), meta)?;
        let plan = receipt
            .events
            .iter()
            .find_map(|event| match event {
                Event::Plan(PlanEvent::PlanProposed { plan, .. }) => Some(*plan),
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

#[cfg(test)]
mod tests {
    use super::*;
    use prodos_core::design::{DesignSpec, ToolDef, ToolKind};
    use prodos_core::plan::{Day, PlanStatus};
    use prodos_core::stock::{LotReceipt, Provenance};
    use prodos_core::units::{Milli, Millicents, Quantity, Unit};
    use prodos_core::{DesignCommand, StockCommand};
    use prodos_core::{DesignId, DesignSelector};
    use prodos_ledger::MemoryLedger;
    use std::sync::Arc;

    /// The workspace's fixture stool, both steps at a workbench, 90 minutes and joinery 2 each.
    fn stool() -> DesignSpec {
        let mut spec = prodos_testkit::stool_spec();
        spec.tools = vec![ToolDef { id: "bench".into(), name: "Bench".into(), kind: ToolKind::Workstation }];
        let check = spec.operations[1].checks[0].clone();
        for operation in &mut spec.operations {
            operation.tools = vec!["bench".into()];
            (operation.duration_min, operation.min_level) = (90, 2);
            operation.checks = vec![check.clone()];
        }
        spec
    }

    #[test]
    fn propose_records_on_fresh_state_and_commit_reserves_the_netted_legs() {
        let node = Node::open(Arc::new(MemoryLedger::new())).unwrap();
        let now = Timestamp::from_millis(Day::from_ymd(2026, 11, 23).unwrap().start().millis());
        let serial = std::cell::Cell::new(0);
        let meta = || {
            serial.set(serial.get() + 1);
            CommandMeta {
                command_id: format!("test-{}", serial.get()),
                actor: prodos_core::Actor::Local("test".into()),
                now,
            }
        };
        let design = DesignSelector { design: DesignId(1), version: None };
        let receipt = LotReceipt {
            material: "oak-leg-blank".into(),
            material_name: None,
            qty: Quantity { amount: Milli::from_units(7), unit: Unit::Piece },
            unit_cost: Millicents::from_currency(4.0).unwrap(),
            location: "rack".into(),
            provenance: Provenance::Own,
        };
        for command in [
            Command::Design(DesignCommand::ImportDesign { spec: stool(), declared: None }),
            Command::Design(DesignCommand::CertifyDesign { design }),
            Command::Stock(StockCommand::ReceiveLots { lots: vec![receipt] }),
            Command::Plan(PlanCommand::DeclareSkillHeadcount { skill: "joinery".into(), level: 3, headcount: 1 }),
            Command::Plan(PlanCommand::DeclareToolCount { tool: "bench".into(), count: 1 }),
            Command::Plan(PlanCommand::CreateMandate {
                design,
                qty: 3,
                due: Day::of(now).plus(30),
                decision: None,
                priority: 0,
            }),
        ] {
            node.execute(&command, &meta()).unwrap();
        }
        let options = ProposeOptions { time_limit: Some(Duration::from_millis(200)), ..ProposeOptions::default() };
        let proposed = propose_plan(&node, MandateId(1), &options, &meta()).unwrap();
        let detail = plan_detail(&node, proposed.plan).unwrap();
        // Finished long before the due date, but two legs nobody sells keep it from being on time.
        assert!(!detail.verdict.on_time && detail.verdict.late_by_days == 0, "{:?}", detail.verdict);
        assert_eq!(
            detail.verdict.finish.as_deref(),
            Some("2026-11-24 09:00"),
            "6 × 90 min on one bench from Monday 08:00"
        );
        assert_eq!(detail.operations.len(), 6);
        assert_eq!(detail.verdict.bottleneck.as_ref().unwrap().utilisation_pct, 100.0);
        // 9 legs needed, 7 in stock: 7 netted, 2 short and nobody sells them.
        assert_eq!((detail.materials[0].from_stock.as_str(), detail.materials[0].shortage.as_str()), ("7", "2"));
        node.execute(&Command::Plan(PlanCommand::CommitPlan { plan: proposed.plan }), &meta()).unwrap();
        node.read(|state| {
            assert_eq!(state.plans.plan(proposed.plan).unwrap().status, PlanStatus::Committed);
            assert_eq!(state.stock.reserved_for("oak-leg-blank", &proposed.plan.to_string()), Milli::from_units(7));
            state.check_invariants().unwrap();
        });
        // Costs follow the state at once: the plan prices the legs it holds at lot cost, while a
        // fresh design costing finds no free legs any more and nobody selling them.
        assert_eq!(plan_detail(&node, proposed.plan).unwrap().cost.materials_total, "28.00");
        let cost = design_cost_view(&node, design, 3).unwrap();
        assert_eq!(cost.materials_total, "0.00");
        assert!(cost.problems[0].contains("`oak-leg-blank`: 9 pc neither in stock nor offered"), "{:?}", cost.problems);
    }
}
