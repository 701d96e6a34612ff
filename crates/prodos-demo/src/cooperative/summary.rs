//! What a demo node holds, a line each: the summary `prodos demo` prints after seeding.

use super::history::ACTIVE_PLAN;
use prodos_app::Node;
use prodos_core::State;
use prodos_core::execution::{TaskRef, TaskStatus};

/// What the data directory holds, a line each: designs, people, stock, plans, the active plan.
pub fn summary(node: &Node) -> Vec<String> {
    node.read(summary_of)
}

fn summary_of(state: &State) -> Vec<String> {
    let mut lines: Vec<String> = state
        .designs
        .iter()
        .map(|record| {
            format!(
                "{} {} — {} [{}]",
                record.id,
                record.key,
                record.latest().spec.name,
                record.latest().status.as_str()
            )
        })
        .collect();
    let coordinators: Vec<&str> =
        state.people.iter().filter(|person| person.coordinator).map(|person| person.handle.as_str()).collect();
    lines.push(format!(
        "{} participants (coordinator {}), {} materials in {} lots, {} suppliers",
        state.people.iter().count(),
        coordinators.join(", "),
        state.stock.materials().count(),
        state.stock.lots().count(),
        state.suppliers.iter().count()
    ));
    let plans: Vec<_> = state.plans.plans().collect();
    let with = |status: &str| plans.iter().filter(|plan| plan.status.as_str() == status).count();
    lines.push(format!(
        "{} mandates, {} plans ({} committed, {} superseded, {} cancelled)",
        state.plans.mandates().count(),
        plans.len(),
        with("committed"),
        with("superseded"),
        with("cancelled")
    ));
    if let Some(plan) = state.plans.plan(ACTIVE_PLAN) {
        let decision = state.plans.mandate(plan.mandate).and_then(|mandate| mandate.decision);
        let tasks: Vec<_> = plan
            .proposal
            .operations
            .iter()
            .map(|op| state.execution.task(&TaskRef { plan: plan.id, operation: op.operation.clone(), unit: op.unit }))
            .collect();
        let count = |wanted: TaskStatus| tasks.iter().filter(|task| task.status == wanted).count();
        lines.push(format!(
            "{} ({}: {} × {}) {}: {} of {} tasks verified, {} in progress, {} awaiting verification, {} blocked",
            plan.id,
            decision.map_or_else(|| "no decision".to_string(), |decision| decision.to_string()),
            plan.proposal.qty,
            plan.proposal.design,
            plan.status.as_str(),
            count(TaskStatus::Verified),
            tasks.len(),
            count(TaskStatus::InProgress),
            count(TaskStatus::Done),
            tasks.iter().filter(|task| task.blocked.is_some()).count()
        ));
    }
    lines
}
