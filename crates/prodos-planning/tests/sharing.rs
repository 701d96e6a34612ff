//! Plans share the node's capacity: a proposal is scheduled around the committed plans of
//! mandates with the same or a higher priority, and names the lower-priority ones it would take
//! capacity from.

use prodos_core::PlanCommand;
use prodos_core::plan::{PlanProposal, ScheduledOperation};
use prodos_core::*;

mod world;
use world::{Propose, World};

/// Whether two operations of two plans hold the same skill or tool at overlapping times.
fn clash(a: &ScheduledOperation, b: &ScheduledOperation) -> bool {
    a.start < b.end && b.start < a.end && a.resources.iter().any(|r| b.resources.contains(r))
}

fn clashes(a: &PlanProposal, b: &PlanProposal) -> usize {
    a.operations.iter().map(|x| b.operations.iter().filter(|y| clash(x, y)).count()).sum()
}

/// One person per skill and one of each tool: two guitar batches compete for everything.
fn two_guitar_batches(priority_second: i32) -> (World, MandateId, MandateId) {
    let mut world = World::example();
    world.staff_for(1);
    let first = world.mandate(1, 2, "2027-03-01");
    let second = world.mandate_with_priority(1, 2, "2027-03-01", priority_second);
    (world, first, second)
}

#[test]
fn a_second_plan_is_scheduled_around_the_first_and_gets_earlier_when_it_is_cancelled() {
    let (mut world, first, second) = two_guitar_batches(0);
    let alone = world.propose(second);
    let first_proposal = world.propose(first);
    // Standing alone, both batches would use the same people and tools at the same time.
    assert!(clashes(&alone, &first_proposal) > 0);
    let first_plan = world.record(first, first_proposal.clone());
    world.must(Command::Plan(PlanCommand::CommitPlan { plan: first_plan }));

    let shared = world.propose(second);
    assert_eq!(clashes(&shared, &first_proposal), 0, "the committed plan's people and tools stay its own");
    assert!(shared.verdict.finish > alone.verdict.finish, "{:?} vs {:?}", shared.verdict.finish, alone.verdict.finish);
    let note = shared.verdict.capacity_notes.join("\n");
    assert!(note.contains(&format!("{first_plan} ({first}, priority 0)")), "{note}");
    assert!(shared.verdict.displaces.is_empty());
    // The critical path begins with the wait for what the committed plan holds.
    let waited = &shared.verdict.critical_path[0];
    assert!(waited.starts_with(&format!("capacity held by {first_plan} ({first}, priority 0): ")), "{waited}");
    assert!(alone.verdict.critical_path.iter().all(|link| !link.starts_with("capacity held by")));
    let second_plan = world.record(second, shared.clone());
    world.must(Command::Plan(PlanCommand::CommitPlan { plan: second_plan }));

    // Re-planning the second mandate leaves its own committed plan out of the load.
    let replanned = world.propose(second);
    assert_eq!(replanned.verdict.finish, shared.verdict.finish);

    world.must(Command::Plan(PlanCommand::CancelPlan { plan: first_plan }));
    let freed = world.propose(second);
    assert!(freed.verdict.finish < shared.verdict.finish);
    assert!(freed.verdict.capacity_notes.iter().all(|note| !note.contains(&first_plan.to_string())));
    world.check_invariants();
}

#[test]
fn a_higher_priority_mandate_takes_capacity_first_and_names_the_plan_it_displaces() {
    let (mut world, first, urgent) = two_guitar_batches(5);
    let first_plan = world.propose(first);
    let first_id = world.record(first, first_plan.clone());
    world.must(Command::Plan(PlanCommand::CommitPlan { plan: first_id }));

    let proposal = world.propose(urgent);
    assert!(clashes(&proposal, &first_plan) > 0, "the urgent batch does not wait for the lower-priority one");
    let displaced = proposal.verdict.displaces.join("\n");
    assert!(displaced.starts_with(&format!("{first_id} ({first}, priority 0): ")), "{displaced}");
    assert!(proposal.verdict.capacity_notes.iter().all(|note| !note.contains(&first_id.to_string())));

    // Once the urgent plan is committed, the displaced mandate re-plans around it.
    let urgent_id = world.record(urgent, proposal.clone());
    world.must(Command::Plan(PlanCommand::CommitPlan { plan: urgent_id }));
    let replanned = world.propose(first);
    assert_eq!(clashes(&replanned, &proposal), 0);
    assert!(replanned.verdict.finish > first_plan.verdict.finish);
    assert!(replanned.verdict.displaces.is_empty());
    world.check_invariants();
}
