//! Execution scenarios: a committed stool plan walks from its first task to distribution —
//! predecessors verified before successors, materials consumed from the plan's reservation with
//! lot and provenance, verification by someone else recording labor and credits — and ends
//! with `verify` (credits = labor − decay, every consumed quantity traces to a lot, no good
//! released twice).

use prodos_core::credits::{CreditsEvent, statement};
use prodos_core::distribution::{DistributionCommand, DistributionEvent};
use prodos_core::execution::{ExecutionCommand, TaskStatus};
use prodos_core::people::PeopleCommand;
use prodos_core::plan::Day;
use prodos_core::stock::{LotReceipt, Provenance};
use prodos_core::*;
use prodos_core::{StockCommand, StockEvent};
use prodos_testkit::*;

/// finn joins with a level-3 joinery certification that expires on `expires_on`.
fn add_finn_certified_until(world: &mut World, expires_on: Day) {
    world.add_participants(&["finn"]);
    let expiring = PeopleCommand::GrantCertification {
        handle: "finn".into(),
        skill: "joinery".into(),
        level: 3,
        expires_on: Some(expires_on),
        by: "carol".into(),
    };
    world.people(expiring).unwrap();
}

#[test]
fn a_stool_goes_from_its_first_task_to_a_released_good() {
    let mut world = shop_with_plan();
    assert_eq!(
        world.refuse(start("assemble", 1, "dana")).to_string(),
        "PROD-0001/assemble#1 cannot start: its predecessor PROD-0001/cut#1 is ready, not verified"
    );
    let events = world.run(start("cut", 1, "erin")).unwrap();
    assert!(events.iter().any(|event| matches!(
        event,
        Event::Stock(StockEvent::StockConsumed { lot: LotId(1), qty, reserved_for: Some(purpose), .. })
            if *qty == Milli::from_units(3) && purpose == "PROD-0001"
    )));
    let record = world.state.execution.task(&task("cut", 1));
    assert_eq!(record.consumed[0].provenance, Provenance::Supplier("sawmill".into()));
    assert_eq!(world.refuse(verify("cut", 1, "dana")).to_string(), "PROD-0001/cut#1 is in progress; cannot verify");
    world.run(complete("cut", 1, "erin")).unwrap();
    assert_eq!(world.refuse(complete("cut", 1, "erin")).to_string(), "PROD-0001/cut#1 is done; cannot complete");
    assert_eq!(world.refuse(verify("cut", 1, "erin")).to_string(), "erin cannot verify their own work");
    world.run(verify("cut", 1, "dana")).unwrap();
    let labor = &world.state.credits.labor()[0];
    assert_eq!(
        (labor.handle.as_str(), labor.hours, labor.task.as_deref()),
        ("erin", Milli(500), Some("PROD-0001/cut#1"))
    );

    assert_eq!(
        world.refuse(start("assemble", 1, "carol")).to_string(),
        "carol is not qualified for `joinery` at level 2: holds no certification in it"
    );
    world.run(start("assemble", 1, "dana")).unwrap();
    world.run(complete("assemble", 1, "dana")).unwrap();
    assert!(world.state.distribution.goods().next().is_none(), "an unfinished unit is no good yet");
    assert_eq!(
        world.refuse(verify("assemble", 1, "erin")).to_string(),
        "PROD-0001/assemble#1 cannot be verified: check `wobble` is due: record it with \
         `prodos inspect record PROD-0001/assemble#1 --check wobble …`"
    );
    world.run(inspect("assemble", 1, 0.4, "dana")).unwrap();
    // The unit's last check makes it a good, produced by whoever checked it.
    let events = world.run(verify("assemble", 1, "erin")).unwrap();
    let produced: Vec<_> = events
        .iter()
        .filter_map(|event| match event {
            Event::Distribution(DistributionEvent::GoodProduced { good }) => {
                Some((good.serial.as_str(), good.origin.as_str(), good.produced_by.as_str()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(produced, [("stool-0001", "PROD-0001#1", "erin")]);

    // Unit 2: rework after a rejection, a blocked task, a coordinator verifying.
    world.run(start("cut", 2, "dana")).unwrap();
    world.run(complete("cut", 2, "dana")).unwrap();
    let reject =
        exec(ExecutionCommand::Reject { task: task("cut", 2), by: "erin".into(), reason: "legs 2 mm short".into() });
    world.run(reject).unwrap();
    assert_eq!(world.state.execution.task(&task("cut", 2)).status, TaskStatus::InProgress);
    world.run(complete("cut", 2, "dana")).unwrap();
    world.run(verify("cut", 2, "carol")).unwrap();
    let block =
        exec(ExecutionCommand::Block { task: task("assemble", 2), by: "erin".into(), reason: "glue ran out".into() });
    world.run(block).unwrap();
    assert_eq!(
        world.refuse(start("assemble", 2, "erin")).to_string(),
        "field `task`: PROD-0001/assemble#2 is blocked: glue ran out"
    );
    world.run(exec(ExecutionCommand::Unblock { task: task("assemble", 2), by: "carol".into() })).unwrap();
    world.run(start("assemble", 2, "erin")).unwrap();
    world.run(complete("assemble", 2, "erin")).unwrap();
    world.run(inspect("assemble", 2, 0.0, "erin")).unwrap();
    world.run(verify("assemble", 2, "dana")).unwrap();
    assert_eq!(world.state.stock.on_hand("oak-leg-blank"), Milli::ZERO);

    // Both units are goods, each once; erin, entitled, receives one for a credit.
    let origins: Vec<&str> = world.state.distribution.goods().map(|good| good.origin.as_str()).collect();
    assert_eq!(origins, ["PROD-0001#1", "PROD-0001#2"]);
    let produce =
        |unit| Command::Distribution(DistributionCommand::ProduceUnit { plan: PlanId(1), unit, by: "carol".into() });
    assert!(world.refuse(produce(1)).to_string().contains("already a good"), "unit 1 is produced once");
    let grant = DistributionCommand::GrantEntitlement {
        handle: "erin".into(),
        design: STOOL,
        qty: 1,
        cost_credits: Milli::ONE,
        by: "carol".into(),
    };
    world.run(Command::Distribution(grant)).unwrap();
    let distribute = Command::Distribution(DistributionCommand::Distribute {
        good: "stool-0001".into(),
        to: "erin".into(),
        by: "carol".into(),
    });
    world.run(distribute).unwrap();
    let erin = statement(&world.state.credits, "erin", world.now);
    assert_eq!((erin.earned, erin.spent, erin.balance), (Milli(2000), Milli(1000), Milli(1000)));
    let reputation = prodos_core::state::reputation::reputation(&world.state, "dana");
    assert_eq!((reputation.tasks_verified_first_time, reputation.tasks_rejected), (1, 1));
    world.check_invariants();
}

#[test]
fn an_unfinished_unit_is_not_a_good_and_unknown_tasks_are_named() {
    let mut world = shop_with_plan();
    let produce =
        Command::Distribution(DistributionCommand::ProduceUnit { plan: PlanId(1), unit: 1, by: "carol".into() });
    assert_eq!(
        world.refuse(produce).to_string(),
        "field `unit`: PROD-0001 unit 1 is not finished: PROD-0001/cut#1 is ready"
    );
    assert_eq!(world.refuse(start("sand", 1, "dana")).to_string(), "unknown task `PROD-0001/sand#1`");
    assert_eq!(world.refuse(start("cut", 3, "dana")).to_string(), "unknown task `PROD-0001/cut#3`");
    assert_eq!(world.refuse(start("cut", 1, "zed")).to_string(), "unknown participant `zed` (field `worker`)");
    let today = Day::of(world.now);
    let away =
        PeopleCommand::RecordAbsence { handle: "dana".into(), from: today, to: today.plus(2), reason: "flu".into() };
    world.people(away).unwrap();
    assert_eq!(
        world.refuse(start("cut", 1, "dana")).to_string(),
        format!("field `worker`: dana is absent {today}..{}: flu", today.plus(2))
    );
    // finn's only certification runs out; a week later he may not start a joinery task.
    add_finn_certified_until(&mut world, today.plus(3));
    world.now = Timestamp::from_millis(world.now.millis() + 7 * 86_400_000);
    let refused = world.refuse(start("cut", 1, "finn")).to_string();
    assert!(
        refused.starts_with("finn is not qualified for `joinery` at level 1: the level-3 certification expired on "),
        "{refused}"
    );
    world.check_invariants();
}

/// Qualification is checked when work starts: a certification that runs out while the task is
/// under way must not leave the finished work unverifiable and unpaid.
#[test]
fn work_begun_under_a_valid_certification_is_verified_after_it_lapses() {
    let mut world = shop_with_plan();
    let today = Day::of(world.now);
    add_finn_certified_until(&mut world, today.plus(3));
    world.run(start("cut", 1, "finn")).unwrap();
    world.run(complete("cut", 1, "finn")).unwrap();
    world.now = Timestamp::from_millis(world.now.millis() + 7 * 86_400_000);
    let events = world.run(verify("cut", 1, "carol")).unwrap();
    let labor = events.iter().find_map(|event| match event {
        Event::Credits(CreditsEvent::LaborRecorded { labor }) => Some(labor),
        _ => None,
    });
    assert_eq!(labor.map(|labor| labor.handle.as_str()), Some("finn"));
    assert!(statement(&world.state.credits, "finn", world.now).earned.is_positive());
    // A new task is another matter: the lapsed certification stops it.
    assert!(world.refuse(start("cut", 2, "finn")).to_string().contains("expired on"));
    world.check_invariants();
}

/// Punctuality is one of reputation's parts: work completed by its scheduled end counts as on
/// time, later as late.
#[test]
fn reputation_counts_work_completed_by_its_scheduled_end_as_on_time() {
    let mut world = shop_with_steps_lasting(30);
    world.run(start("cut", 1, "dana")).unwrap();
    world.run(complete("cut", 1, "dana")).unwrap();
    world.run(verify("cut", 1, "carol")).unwrap();
    world.run(start("cut", 2, "dana")).unwrap();
    world.now = Timestamp::from_millis(world.now.millis() + 3_600_000);
    world.run(complete("cut", 2, "dana")).unwrap();
    world.run(verify("cut", 2, "carol")).unwrap();
    let reputation = prodos_core::state::reputation::reputation(&world.state, "dana");
    assert_eq!((reputation.tasks_on_time, reputation.tasks_late), (1, 1));
    assert_eq!(reputation.tasks_verified_first_time, 2);
    world.check_invariants();
}

/// A batch's reservation can exceed what its tasks consume (whole pieces rounded up once per plan,
/// scrap allowed for and not used): verifying the last task gives the rest back to the node.
#[test]
fn the_last_verification_releases_what_the_finished_plan_still_holds() {
    let mut world = shop_with_plan();
    let spare = LotReceipt {
        material: "oak-leg-blank".into(),
        material_name: None,
        qty: Quantity { amount: Milli::from_units(2), unit: Unit::Piece },
        unit_cost: Millicents::from_currency(4.0).unwrap(),
        location: "rack".into(),
        provenance: Provenance::Own,
    };
    world.run(Command::Stock(StockCommand::ReceiveLots { lots: vec![spare] })).unwrap();
    let leftover = Quantity { amount: Milli(500), unit: Unit::Piece };
    let reserve = Command::Stock(StockCommand::ReserveStock {
        material: "oak-leg-blank".into(),
        qty: leftover,
        purpose: "PROD-0001".into(),
    });
    world.run(reserve).unwrap();
    for (unit, worker, checker) in [(1, "erin", "dana"), (2, "dana", "erin")] {
        for operation in ["cut", "assemble"] {
            world.run(start(operation, unit, worker)).unwrap();
            world.run(complete(operation, unit, worker)).unwrap();
            if operation == "assemble" {
                world.run(inspect(operation, unit, 0.2, checker)).unwrap();
            }
            if (unit, operation) != (2, "assemble") {
                world.run(verify(operation, unit, checker)).unwrap();
            }
        }
    }
    let held = |world: &World| world.state.stock.reserved_for("oak-leg-blank", "PROD-0001");
    assert_eq!(held(&world), Milli(500), "an unfinished plan keeps its reservation");
    let events = world.run(verify("assemble", 2, "erin")).unwrap();
    assert!(
        events
            .iter()
            .any(|event| matches!(event, Event::Stock(StockEvent::StockReleased { qty, .. }) if *qty == Milli(500)))
    );
    assert_eq!(held(&world), Milli::ZERO, "the finished plan holds nothing");
    assert_eq!(world.state.stock.available("oak-leg-blank"), Milli::from_units(2));
    world.check_invariants();
}
