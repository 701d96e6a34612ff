//! Full crews: an operation that needs two people starts only with two qualified people named
//! (or a crew confirmed through matching), and each member's hours become their own labor.

use prodos_core::credits::CreditsEvent;
use prodos_core::execution::ExecutionCommand;
use prodos_core::plan::{Day, PlanProposal};
use prodos_core::*;
use prodos_testkit::press::{press_cooperative, press_shop_commands};
use prodos_testkit::{World, complete, exec, on_time_verdict, operation, task, verify};

/// The press cooperative with a committed plan `PROD-0001` for one press, every step at once.
fn press_plan() -> World {
    let mut world = World::new();
    for command in press_shop_commands(&press_cooperative()) {
        world.must(command);
    }
    let due = Day::of(world.now).plus(30);
    world.must(Command::Plan(PlanCommand::CreateMandate {
        design: DesignSelector { design: DesignId(1), version: None },
        qty: 1,
        due,
        decision: None,
        priority: 0,
    }));
    let (start, end) = (world.now, Timestamp::from_millis(world.now.millis() + 4 * 3_600_000));
    let proposal = PlanProposal {
        design: DesignRef { design: DesignId(1), version: 1 },
        qty: 1,
        start,
        materials: vec![],
        purchases: vec![],
        operations: ["cut-plate", "drill-plate", "weld-frame", "weld-chamber"]
            .iter()
            .map(|step| operation(step, 1, start, end))
            .collect(),
        verdict: on_time_verdict(due, end, 240),
        continues: None,
    };
    world.commit_first_plan(proposal);
    world
}

fn start_with(worker: &str, with: &[&str]) -> Command {
    exec(ExecutionCommand::Start {
        task: task("weld-frame", 1),
        worker: worker.into(),
        with: with.iter().map(|handle| handle.to_string()).collect(),
    })
}

#[test]
fn a_two_person_weld_needs_two_qualified_people_named() {
    let mut world = press_plan();
    let alone = world.refuse(start_with("ada", &[]));
    assert!(
        matches!(&alone, Rejection::InvalidField { field, message }
        if field == "with" && message.contains("needs a crew of 2, 1 named")),
        "{alone}"
    );
    let unqualified = world.refuse(start_with("ada", &["chen"]));
    assert!(unqualified.to_string().contains("chen"), "chen does not weld: {unqualified}");
    let twice = world.refuse(start_with("ada", &["ada"]));
    assert!(twice.to_string().contains("named twice"), "{twice}");
    let three = world.refuse(start_with("ada", &["bo", "chen"]));
    assert!(three.to_string().contains("needs a crew of 2, 3 named"), "{three}");
    world.must(start_with("ada", &["bo"]));
    world.check_invariants();
}

#[test]
fn each_member_of_a_full_crew_is_credited_for_the_work() {
    let mut world = press_plan();
    world.must(start_with("ada", &["bo"]));
    world.must(complete("weld-frame", 1, "ada"));
    let events = world.must(verify("weld-frame", 1, "cora"));
    let mut credited: Vec<(&str, i64)> = events
        .iter()
        .filter_map(|event| match event {
            Event::Credits(CreditsEvent::LaborRecorded { labor }) => Some((labor.handle.as_str(), labor.hours.0)),
            _ => None,
        })
        .collect();
    credited.sort_unstable();
    assert_eq!(credited, [("ada", 4000), ("bo", 4000)], "four planned hours each");
    world.check_invariants();
}
