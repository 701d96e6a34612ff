//! Replanning a mandate under way plans only what is left. Six presses are committed and work
//! begins: the first press is finished, a plate is cut and awaits verification, a frame is being
//! welded by two people. Proposing again carries that progress: finished work is not scheduled
//! or bought again, the welders keep their weld and are nowhere else until it ends, and
//! committing moves the task records to the new plan, where work goes on without a second good
//! or a second labor credit. A proposal computed before the progress moved is refused.

mod world;

use prodos_core::distribution::DistributionCommand;
use prodos_core::execution::{ExecutionCommand, TaskStatus};
use prodos_core::plan::{Carried, PlanProposal, PlanStatus, ScheduledOperation};
use prodos_core::units::Milli;
use prodos_core::*;
use prodos_testkit::press::press_world;
use world::{Propose, World};

const HOUR_MS: i64 = 3_600_000;

/// ada and bo weld, chen cuts and drills, dan welds and drills; cora coordinates (and verifies).
fn cooperative() -> World {
    press_world(&[
        ("ada", vec![("welding", 4), ("cutting", 3)]),
        ("bo", vec![("welding", 4)]),
        ("chen", vec![("cutting", 3), ("drilling", 3)]),
        ("dan", vec![("welding", 4), ("drilling", 3)]),
    ])
}

fn task(plan: PlanId, operation: &str, unit: u32) -> TaskRef {
    TaskRef { plan, operation: operation.into(), unit }
}

fn start(world: &mut World, task: &TaskRef, crew: &[&str]) {
    let with = crew[1..].iter().map(|member| member.to_string()).collect();
    world.must(Command::Execution(ExecutionCommand::Start { task: task.clone(), worker: crew[0].into(), with }));
}

fn complete(world: &mut World, task: &TaskRef, by: &str) {
    world.must(Command::Execution(ExecutionCommand::Complete { task: task.clone(), by: by.into(), hours: None }));
}

fn verify(world: &mut World, task: &TaskRef) {
    world.inspect_all(task, "cora");
    world.must(Command::Execution(ExecutionCommand::Verify { task: task.clone(), by: "cora".into() }));
}

/// Moves the world's clock on by `hours`.
fn later(world: &mut World, hours: i64) {
    world.now = Timestamp::from_millis(world.now.millis() + hours * HOUR_MS);
}

fn commit(world: &mut World, mandate: MandateId, proposal: PlanProposal) -> PlanId {
    let plan = world.record(mandate, proposal);
    world.must(Command::Plan(PlanCommand::CommitPlan { plan }));
    plan
}

fn find<'a>(proposal: &'a PlanProposal, operation: &str, unit: u32) -> &'a ScheduledOperation {
    proposal.operations.iter().find(|op| op.operation == operation && op.unit == unit).expect("the operation")
}

fn required(proposal: &PlanProposal, material: &str) -> Milli {
    proposal.materials.iter().find(|need| need.material == material).expect("the material").required
}

/// Press 1 finished, cut-plate#2 done, weld-frame#2 being welded by ada and bo.
fn under_way(world: &mut World, mandate: MandateId) -> PlanId {
    let first = world.propose(mandate);
    let plan = commit(world, mandate, first);
    for (operation, crew, hours) in [
        ("cut-plate", &["chen"][..], 2),
        ("drill-plate", &["dan"][..], 2),
        ("weld-frame", &["ada", "bo"][..], 4),
        ("weld-chamber", &["bo"][..], 2),
    ] {
        let task = task(plan, operation, 1);
        start(world, &task, crew);
        later(world, hours);
        complete(world, &task, crew[0]);
        verify(world, &task);
    }
    start(world, &task(plan, "cut-plate", 2), &["chen"]);
    later(world, 2);
    complete(world, &task(plan, "cut-plate", 2), "chen");
    start(world, &task(plan, "weld-frame", 2), &["ada", "bo"]);
    later(world, 1);
    plan
}

#[test]
fn a_mandate_under_way_is_replanned_from_its_progress() {
    let mut world = cooperative();
    let mandate = world.mandate(1, 6, "2027-03-31");
    let first = under_way(&mut world, mandate);
    let weld_started = world.state.execution.task(&task(first, "weld-frame", 2)).started_at.unwrap();
    assert_eq!(world.state.distribution.goods().count(), 1, "press 1 is a good");

    let again = world.propose(mandate);
    assert_eq!(again.continues, Some(first));
    assert_eq!(again.operations.len(), 24, "every task of the mandate, carried or scheduled");
    let carried = |status| again.operations.iter().filter(|op| op.carried == Some(status)).count();
    assert_eq!((carried(Carried::Verified), carried(Carried::Done), carried(Carried::InProgress)), (4, 1, 1));
    assert!(
        again.verdict.capacity_notes.iter().any(|note| note.starts_with(
            "continues PROD-0001: 4 verified, 1 done, 1 in progress (kept with their crews and starts); only the 18 \
             other tasks are scheduled"
        )),
        "{:?}",
        again.verdict.capacity_notes
    );
    assert!(again.verdict.on_time && again.verdict.infeasible.is_empty(), "{:?}", again.verdict);

    // The running weld keeps its crew and start, ends four working hours on, and holds its crew.
    let weld = find(&again, "weld-frame", 2);
    assert_eq!((weld.crew.clone(), weld.start), (vec!["ada".to_string(), "bo".to_string()], weld_started));
    assert_eq!(
        weld.end,
        world.state.capacity.calendar.after_working_min(weld_started, 4 * 60),
        "four working hours on"
    );
    for op in again.operations.iter().filter(|op| op.carried.is_none()) {
        assert!(op.start >= again.start, "{}#{} is scheduled before the plan starts", op.operation, op.unit);
        let meets_the_welders = op.crew.iter().any(|member| member == "ada" || member == "bo");
        assert!(
            !(meets_the_welders && op.start < weld.end),
            "{}#{} takes a welder before the weld ends: {:?}",
            op.operation,
            op.unit,
            op.crew
        );
    }
    assert!(find(&again, "weld-chamber", 2).start >= weld.end, "the chamber waits for its frame");

    // What begun tasks consumed is not demanded again: two plates cut, two frames begun.
    assert_eq!(required(&again, "steel-plate"), Milli::from_units(4));
    assert_eq!(required(&again, "steel-channel"), Milli::from_units(24));
    assert!(again.purchases.is_empty(), "nothing is short: {:?}", again.purchases);

    // Committing moves the records; the old plan is superseded, its stock handed over.
    let second = commit(&mut world, mandate, again);
    assert_eq!(world.state.plans.plan(first).unwrap().status, PlanStatus::Superseded);
    let weld_record = world.state.execution.task(&task(second, "weld-frame", 2));
    assert_eq!(
        (weld_record.status, weld_record.crew.clone()),
        (TaskStatus::InProgress, vec!["ada".into(), "bo".into()])
    );
    assert_eq!(world.state.execution.touched_of(first).count(), 0, "the records moved, not copied");
    assert_eq!(world.state.stock.reserved_for("steel-plate", &first.to_string()), Milli::ZERO);
    assert_eq!(world.state.stock.reserved_for("steel-plate", &second.to_string()), Milli::from_units(4));

    // Work goes on in the new plan: the weld is completed by its crew and verified.
    complete(&mut world, &task(second, "weld-frame", 2), "ada");
    verify(&mut world, &task(second, "weld-frame", 2));
    verify(&mut world, &task(second, "cut-plate", 2));
    let labor_of = |world: &World, who: &str| world.state.credits.labor_of(who).count();
    assert_eq!((labor_of(&world, "chen"), labor_of(&world, "ada")), (2, 2), "each task credited once");
    // Press 1 was finished under the old plan: it is not a second good under the new one.
    let produce = DistributionCommand::ProduceUnit { plan: second, unit: 1, by: "cora".into() };
    let refusal = world.refuse(Command::Distribution(produce)).to_string();
    assert!(refusal.contains("PROD-0002 unit 1 is already a good"), "{refusal}");
    assert_eq!(world.state.distribution.goods().count(), 1);
    world.state.check_invariants().unwrap();
}

#[test]
fn a_proposal_the_progress_has_moved_past_is_not_committed() {
    let mut world = cooperative();
    let mandate = world.mandate(1, 6, "2027-03-31");
    let first = under_way(&mut world, mandate);
    let stale = world.propose(mandate);
    let stale_plan = world.record(mandate, stale);
    // After the proposal, chen starts cutting plate 3: the proposal would plan it again.
    start(&mut world, &task(first, "cut-plate", 3), &["chen"]);
    let refusal = world.refuse(Command::Plan(PlanCommand::CommitPlan { plan: stale_plan })).to_string();
    assert_eq!(
        refusal,
        "PROD-0002 cannot be committed: PROD-0001/cut-plate#3 is in progress, the proposal plans it afresh; propose \
         again to plan from the current progress"
    );
    // A fresh proposal carries the new start, and commits.
    let fresh = world.propose(mandate);
    assert_eq!(find(&fresh, "cut-plate", 3).carried, Some(Carried::InProgress));
    let plan = commit(&mut world, mandate, fresh);
    assert_eq!(world.state.execution.task(&task(plan, "cut-plate", 3)).status, TaskStatus::InProgress);
    // The stale one can no longer be committed either: it continues a superseded plan.
    let refusal = world.refuse(Command::Plan(PlanCommand::CommitPlan { plan: stale_plan })).to_string();
    assert!(refusal.contains("it continues PROD-0001, but PROD-0003 is the mandate's committed plan now"), "{refusal}");
    world.state.check_invariants().unwrap();
}

fn hole_spacing(task: &TaskRef, value: f64) -> Command {
    Command::Quality(prodos_core::quality::QualityCommand::RecordInspection {
        task: task.clone(),
        check: "hole-spacing".into(),
        measurement: prodos_core::measure::Measurement::Values(vec![value]),
        unit: None,
        by: "cora".into(),
        instrument: None,
        note: String::new(),
    })
}

#[test]
fn a_scrapped_unit_is_built_again_by_the_replan_and_inspections_follow_their_tasks() {
    let mut world = cooperative();
    let mandate = world.mandate(1, 6, "2027-03-31");
    let first_proposal = world.propose(mandate);
    let first = commit(&mut world, mandate, first_proposal);
    for unit in [1, 2] {
        let cut = task(first, "cut-plate", unit);
        start(&mut world, &cut, &["chen"]);
        later(&mut world, 2);
        complete(&mut world, &cut, "chen");
        verify(&mut world, &cut);
        let drill = task(first, "drill-plate", unit);
        start(&mut world, &drill, &["dan"]);
        later(&mut world, 2);
        complete(&mut world, &drill, "dan");
    }
    // Unit 1's holes are in tolerance but not yet verified; unit 2's are off and it is scrapped.
    world.must(hole_spacing(&task(first, "drill-plate", 1), 120.1));
    world.must(hole_spacing(&task(first, "drill-plate", 2), 121.5));
    let scrap = prodos_core::quality::DispositionChoice::Scrap { reason: "holes drilled through the web".into() };
    world.must(Command::Quality(prodos_core::quality::QualityCommand::Dispose {
        ncr: NonconformanceId(1),
        disposition: scrap,
        by: "cora".into(),
    }));

    let again = world.propose(mandate);
    assert_eq!(again.continues, Some(first));
    assert_eq!(again.operations.len(), 24, "six presses, the scrapped one among them");
    let carried: Vec<(String, u32)> =
        again.operations.iter().filter(|op| op.carried.is_some()).map(|op| (op.operation.clone(), op.unit)).collect();
    assert_eq!(carried, [("cut-plate".to_string(), 1), ("drill-plate".to_string(), 1)], "unit 2 is built afresh");
    assert_eq!(required(&again, "steel-plate"), Milli::from_units(5), "a new plate for the replacement");

    let second = commit(&mut world, mandate, again);
    let stayed: Vec<String> = world.state.execution.touched_of(first).map(|(task, _)| task.to_string()).collect();
    assert_eq!(stayed, ["PROD-0001/cut-plate#2", "PROD-0001/drill-plate#2"], "the scrapped unit's record stays");
    assert_eq!(world.state.execution.task(&task(second, "drill-plate", 2)).status, TaskStatus::Ready);
    // Unit 1's inspection followed its task: it is verified without measuring again.
    assert!(world.state.quality.latest(&task(second, "drill-plate", 1), "hole-spacing").is_some());
    world
        .must(Command::Execution(ExecutionCommand::Verify { task: task(second, "drill-plate", 1), by: "cora".into() }));
    world.check_invariants();
}
