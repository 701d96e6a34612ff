//! The demo cooperative: a guitar workshop with eight months of history, seeded into an empty node.
//! One place, so that `prodos demo` and `prodos serve --demo` seed exactly the same thing.
//!
//! Everything is written through ordinary commands, the way the cooperative would have written it:
//! designs certified, stock and suppliers imported, people certified, capacity declared, earlier
//! batches planned, re-planned, worked and verified, until decision DEC-0019's plan PROD-0031 is
//! under way. Times are relative to `now`, so the demo always looks current.

mod cast;
mod history;
mod inspection;
mod seeder;
mod story;
mod summary;
mod workshop;

use prodos_app::Node;
use prodos_app::NodeError;
use prodos_core::Timestamp;
use prodos_ledger::{AppendRequest, MemoryLedger, NewEvent};
use seeder::Seeder;
use std::sync::Arc;

pub use cast::{COORDINATOR, PARTICIPANT_A, PARTICIPANT_B};
pub use history::{ACTIVE_DECISION, ACTIVE_PLAN};
pub use summary::summary;

/// The example files shipped in `examples/`, compiled into the binary.
pub const EXAMPLE_DESIGNS: &[(&str, &str)] = &[
    ("examples/acoustic-guitar.toml", include_str!("../../../examples/acoustic-guitar.toml")),
    ("examples/modular-house.toml", include_str!("../../../examples/modular-house.toml")),
];
pub const EXAMPLE_STOCK: (&str, &str) = ("examples/stock.csv", include_str!("../../../examples/stock.csv"));
pub const EXAMPLE_SUPPLIERS: (&str, &str) = ("examples/suppliers.csv", include_str!("../../../examples/suppliers.csv"));

/// Logins the server creates for the demo, as (handle, role). Participants' logins carry their
/// participant handles, so that what they do in the browser is done as them.
pub const DEMO_LOGINS: &[(&str, &str)] = &[
    (COORDINATOR, "coordinator"),
    (PARTICIPANT_A, "participant"),
    (PARTICIPANT_B, "participant"),
    ("auditor", "auditor"),
    ("admin", "admin"),
];

/// Seeds the demo cooperative as of `now`.
///
/// Command ids are fixed (`demo-N`), so seeding again writes nothing, and an interrupted seeding
/// replays what was written and goes on from there. `actor` is recorded on the set-up
/// commands (imports); everything people did is recorded under their own handles.
pub fn seed(node: &Node, actor: &str, now: Timestamp) -> Result<(), NodeError> {
    // The story reads the state as it goes (who is free, what is short); once it has been told
    // in full, telling it again on the finished state would only replay the same ids.
    if node.read(|state| state.plans.plan(ACTIVE_PLAN).is_some()) && seeded_here(node)? {
        return Ok(());
    }
    if node.head().seq > 0 {
        return tell(node, actor, now);
    }
    // An empty ledger: the story's ~1,500 commands are told to a node in memory and then written
    // in one transaction, instead of paying one durable commit each. Same entries, same chain.
    let scratch = Node::open(Arc::new(MemoryLedger::default()))?;
    tell(&scratch, actor, now)?;
    let mut requests: Vec<AppendRequest> = Vec::new();
    scratch.store().scan(1, &mut |entry| {
        let event = NewEvent { kind: entry.kind, payload: entry.payload };
        match requests.last_mut() {
            Some(request) if request.command_id == entry.command_id => request.events.push(event),
            _ => requests.push(AppendRequest {
                command_id: entry.command_id,
                actor: entry.actor,
                recorded_at_ms: entry.recorded_at_ms,
                expected_head: Some(entry.seq - 1),
                events: vec![event],
            }),
        }
        Ok(())
    })?;
    for outcome in node.store().append_many(requests) {
        outcome?;
    }
    node.refresh()
}

/// Tells the whole story to `node`, one command at a time.
fn tell(node: &Node, actor: &str, now: Timestamp) -> Result<(), NodeError> {
    let mut seeder = Seeder::new(node, actor, now);
    let designs = workshop::set_up(&mut seeder)?;
    cast::enrol(&mut seeder)?;
    history::play(&mut seeder, &designs)
}

fn seeded_here(node: &Node) -> Result<bool, NodeError> {
    Ok(!node.store().entries_of_command("demo-1")?.is_empty())
}

/// A task of the active plan that participant A may start now and participant B may verify once
/// A has done it, with no checks to inspect: what the end-to-end browser test works through.
/// Earliest in the schedule first.
pub fn task_for_a_and_b(state: &prodos_core::State, now: Timestamp) -> Option<prodos_core::execution::TaskRef> {
    use prodos_core::execution::{ExecutionCommand, TaskRef};
    let plan = state.plans.plan(ACTIVE_PLAN)?;
    let verifier = state.people.get(PARTICIPANT_B)?;
    let mut operations: Vec<_> = plan.proposal.operations.iter().collect();
    operations.sort_by_key(|op| (op.start, op.unit));
    operations.into_iter().find_map(|op| {
        let task = TaskRef { plan: plan.id, operation: op.operation.clone(), unit: op.unit };
        let start = ExecutionCommand::Start { task: task.clone(), worker: PARTICIPANT_A.to_string(), with: Vec::new() };
        let as_a = prodos_core::Actor::Local(PARTICIPANT_A.to_string());
        prodos_core::decide(state, &as_a, &prodos_core::Command::Execution(start), now).ok()?;
        let spec = &state.designs.version(plan.proposal.design)?.spec;
        let operation = spec.operation(&op.operation)?;
        // A step without quality checks: the browser walk is start → complete → verify; the
        // inspection flow has its own tests.
        if !operation.checks.is_empty() {
            return None;
        }
        let checkable = match &operation.skill {
            Some(skill) => verifier.level_at(skill, now).is_some_and(|held| i64::from(held) >= operation.min_level),
            None => true,
        };
        checkable.then_some(task)
    })
}
