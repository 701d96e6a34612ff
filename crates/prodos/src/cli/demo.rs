//! `prodos demo`: seeds an empty data directory with a believable guitar cooperative (eight
//! months of history up to today, DEC-0019's plan PROD-0031 under way) so that a newcomer sees
//! real output at once. The example files are compiled in, so it works from any directory.

use super::context::{Context, GlobalArgs};
use prodos_core::State;
use prodos_core::execution::TaskStatus;
use prodos_demo::ACTIVE_PLAN;

/// The example files shipped in `examples/`, compiled into the binary (kept here for callers).
#[allow(unused_imports, reason = "the planning benchmark reads the examples through this path")]
pub use prodos_demo::{EXAMPLE_DESIGNS, EXAMPLE_STOCK, EXAMPLE_SUPPLIERS};

pub fn run(global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    if context.node.head().seq > 0 {
        // Re-running the README's command must not duplicate the cooperative: show what is there.
        println!(
            "{} already holds a ledger ({} entries); not seeding again",
            global.data_dir.display(),
            context.node.head().seq
        );
    } else {
        seed(&context)?;
        println!("demo cooperative seeded into {}", global.data_dir.display());
    }
    context.node.read(|state| {
        for line in summary(state) {
            println!("  {line}");
        }
    });
    println!("ledger head: {}", context.node.head());
    println!(
        "next: prodos plan show {ACTIVE_PLAN} · prodos task list --plan {ACTIVE_PLAN} · prodos participant list · \
         prodos serve --demo"
    );
    Ok(())
}

/// Seeds the demo cooperative; the seeding itself lives in prodos-app so the server shares it.
pub fn seed(context: &Context) -> anyhow::Result<()> {
    prodos_demo::seed(&context.node, &context.global.actor, prodos_app::clock::now())?;
    Ok(())
}

/// What the data directory holds, a line each: designs, people, stock, plans, the active plan.
fn summary(state: &State) -> Vec<String> {
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
            .map(|op| {
                state.execution.task(&prodos_core::execution::TaskRef {
                    plan: plan.id,
                    operation: op.operation.clone(),
                    unit: op.unit,
                })
            })
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
