//! Breakdowns in planning: the press shop's welders are assets; two of three break down during a
//! committed plan, so a replan plans with one welder and finishes later; with all three down no
//! weld may start; repairs worked and verified bring the capacity, and the earlier finish, back.

mod world;

use prodos_core::execution::ExecutionCommand;
use prodos_core::maintenance::{MaintenanceCommand, NewAsset, Severity};
use prodos_core::people::PeopleCommand;
use prodos_core::*;
use prodos_testkit::press::press_world;
use world::{Propose, World};

fn cooperative() -> World {
    let mut world = press_world(&[
        ("ada", vec![("welding", 4), ("cutting", 3)]),
        ("bo", vec![("welding", 4)]),
        ("chen", vec![("cutting", 3), ("drilling", 3)]),
        ("dan", vec![("welding", 4), ("drilling", 3)]),
    ]);
    for n in 1..=3 {
        let asset = NewAsset {
            kind: "welder".into(),
            name: format!("MIG welder {n}"),
            location: "bay".into(),
            acquired: plan::Day::of(world.now).plus(-400),
            service_life_years: Some(12),
            spare_parts: vec![],
        };
        world.must(Command::Maintenance(MaintenanceCommand::RegisterAsset { asset, by: "cora".into() }));
    }
    world.must(Command::People(PeopleCommand::GrantCertification {
        handle: "dan".into(),
        skill: "welding".into(),
        level: 4,
        expires_on: None,
        by: "cora".into(),
    }));
    world
}

fn break_down(world: &mut World, asset: u32) {
    world.must(Command::Maintenance(MaintenanceCommand::ReportBreakdown {
        asset: AssetId(asset),
        description: "wire feed slips".into(),
        severity: Severity::Major,
        estimate_min: None,
        by: "ada".into(),
    }));
}

fn repair(world: &mut World, order: u32) {
    let order = WorkOrderId(order);
    world.must(Command::Maintenance(MaintenanceCommand::StartWorkOrder { order, worker: "dan".into() }));
    let complete =
        MaintenanceCommand::CompleteWorkOrder { order, by: "dan".into(), hours: Some(2.0), note: String::new() };
    world.must(Command::Maintenance(complete));
    world.must(Command::Maintenance(MaintenanceCommand::VerifyWorkOrder { order, by: "cora".into() }));
}

#[test]
fn a_breakdown_lowers_capacity_until_the_repair_is_verified() {
    let mut world = cooperative();
    let mandate = world.mandate(1, 6, "2027-03-31");
    let healthy = world.propose(mandate);
    let plan = world.record(mandate, healthy.clone());
    world.must(Command::Plan(PlanCommand::CommitPlan { plan }));

    let committed = |world: &World| world.state.plans.plan(plan).unwrap().clone();
    assert!(orchestration::asset_capacity::plan_risks(&world.state, &committed(&world)).is_empty());
    break_down(&mut world, 1);
    break_down(&mut world, 2);
    let risks = orchestration::asset_capacity::plan_risks(&world.state, &committed(&world));
    assert_eq!(risks.len(), 1, "{risks:?}");
    assert!(
        risks[0].starts_with("`welder`: AST-0001 down until WO-0001 is verified; AST-0002 down until WO-0002")
            && risks[0].contains("12 unfinished task(s) need it"),
        "{risks:?}"
    );
    let short = world.propose(mandate);
    assert!(
        short.verdict.capacity_notes.iter().any(|note| note
            .contains("`welder`: AST-0001 down until WO-0001 is verified; AST-0002 down until WO-0002 is verified")
            && note.ends_with("planned with 1 of 3")),
        "{:?}",
        short.verdict.capacity_notes
    );
    assert!(short.verdict.finish > healthy.verdict.finish, "one welder for six frames finishes later");

    break_down(&mut world, 3);
    let weld = TaskRef { plan, operation: "weld-frame".into(), unit: 1 };
    let start = ExecutionCommand::Start { task: weld, worker: "ada".into(), with: vec!["bo".into()] };
    let refused = world.refuse(Command::Execution(start));
    assert!(
        refused.to_string().contains("`welder` cannot be used: AST-0001 down until WO-0001 is verified"),
        "{refused}"
    );

    for order in 1..=3 {
        repair(&mut world, order);
    }
    assert!(world.state.maintenance.assets().iter().all(|asset| !asset.is_down()));
    assert!(orchestration::asset_capacity::plan_risks(&world.state, &committed(&world)).is_empty());
    let again = world.propose(mandate);
    assert!(
        again.verdict.capacity_notes.iter().all(|note| !note.contains("down")),
        "{:?}",
        again.verdict.capacity_notes
    );
    assert!(again.verdict.finish < short.verdict.finish, "capacity is back");
    world.check_invariants();
}
