//! The maintenance loop on a spray booth: an asset with meters, a preventive plan due exactly at
//! its interval, a work order worked by someone qualified and verified by someone else (and
//! credited), a breakdown that takes the asset down until its repair is verified. Bad readings
//! and plans are refused naming the field, and nothing is written.

use prodos_core::credits::CreditsEvent;
use prodos_core::maintenance::{AssetStatus, MaintenanceCommand, MaintenanceEvent, NewAsset, NewPmPlan, Severity};
use prodos_core::people::PeopleCommand;
use prodos_core::*;
use prodos_testkit::*;

const SKILL: &str = "finishing.maintenance";

fn shop() -> World {
    let mut world = World::new();
    world.add_participants(&["carol", "dana", "erin"]);
    world.must(Command::Plan(PlanCommand::DeclareToolCount { tool: "spray-booth".into(), count: 1 }));
    world.must(Command::People(PeopleCommand::GrantCertification {
        handle: "erin".into(),
        skill: SKILL.into(),
        level: 2,
        expires_on: None,
        by: "carol".into(),
    }));
    let asset = NewAsset {
        kind: "spray-booth".into(),
        name: "Booth by the north door".into(),
        location: "finishing room".into(),
        acquired: plan::Day::of(world.now).plus(-30),
        service_life_years: Some(15),
        spare_parts: vec!["booth-filter".into()],
    };
    world.must(maintain(MaintenanceCommand::RegisterAsset { asset, by: "carol".into() }));
    world.must(maintain(MaintenanceCommand::SetPmPlan { plan: filters(Some(250), Some(90)), by: "carol".into() }));
    world
}

fn filters(every_hours: Option<i64>, every_days: Option<i64>) -> NewPmPlan {
    NewPmPlan {
        key: "booth-filters".into(),
        kind: "spray-booth".into(),
        every_hours,
        every_cycles: None,
        every_days,
        procedure: "replace the exhaust filters, clean the fan blades".into(),
        skill: SKILL.into(),
        level: 2,
        duration_min: 60,
        parts: vec!["booth-filter".into()],
    }
}

fn maintain(command: MaintenanceCommand) -> Command {
    Command::Maintenance(command)
}

fn meter(hours: f64) -> Command {
    maintain(MaintenanceCommand::RecordMeter { asset: AssetId(1), hours: Some(hours), cycles: None, by: "dana".into() })
}

fn opened(events: &[Event]) -> Vec<WorkOrderId> {
    events
        .iter()
        .filter_map(|event| match event {
            Event::Maintenance(MaintenanceEvent::WorkOrderOpened { order }) => Some(order.id),
            _ => None,
        })
        .collect()
}

fn work(world: &mut World, order: u32, worker: &str, verifier: &str) -> Vec<Event> {
    let order = WorkOrderId(order);
    world.must(maintain(MaintenanceCommand::StartWorkOrder { order, worker: worker.into() }));
    let complete =
        MaintenanceCommand::CompleteWorkOrder { order, by: worker.into(), hours: Some(1.0), note: String::new() };
    world.must(maintain(complete));
    world.must(maintain(MaintenanceCommand::VerifyWorkOrder { order, by: verifier.into() }))
}

#[test]
fn a_preventive_order_falls_due_exactly_at_its_interval_and_is_worked_like_a_task() {
    let mut world = shop();
    assert!(opened(&world.must(meter(249.9))).is_empty(), "0.1 h short of the interval");
    let before = world.state.clone();
    let backwards = world.refuse(meter(240.0));
    assert_eq!(
        backwards.to_string(),
        "field `hours`: 240 h is below the last reading of 249.9 h: meters do not run backwards"
    );
    assert_eq!(world.state, before);
    assert_eq!(opened(&world.must(meter(250.0))), [WorkOrderId(1)], "due exactly at 250 h");
    let order = world.state.maintenance.order(WorkOrderId(1)).unwrap();
    assert!(
        matches!(&order.kind, maintenance::WorkOrderKind::Preventive { reason, .. } if reason.starts_with("250.0 h of use"))
    );
    assert!(opened(&world.must(meter(260.0))).is_empty(), "one open order per plan and asset");

    let start =
        |worker: &str| maintain(MaintenanceCommand::StartWorkOrder { order: WorkOrderId(1), worker: worker.into() });
    assert!(matches!(world.refuse(start("dana")), Rejection::NotQualified { .. }));
    world.must(start("erin"));
    let complete = MaintenanceCommand::CompleteWorkOrder {
        order: WorkOrderId(1),
        by: "erin".into(),
        hours: Some(1.5),
        note: "filters were grey".into(),
    };
    world.must(maintain(complete));
    let own = maintain(MaintenanceCommand::VerifyWorkOrder { order: WorkOrderId(1), by: "erin".into() });
    assert!(matches!(world.refuse(own), Rejection::SelfApproval { .. }));
    let events =
        world.must(maintain(MaintenanceCommand::VerifyWorkOrder { order: WorkOrderId(1), by: "carol".into() }));
    let credited = events.iter().find_map(|event| match event {
        Event::Credits(CreditsEvent::LaborRecorded { labor }) => Some((labor.handle.clone(), labor.hours)),
        _ => None,
    });
    assert_eq!(credited, Some(("erin".to_string(), Milli(1500))));
    // The interval counts from the service, at 260 h: due again at 510 h, not before.
    assert!(opened(&world.must(meter(509.0))).is_empty());
    assert_eq!(opened(&world.must(meter(510.0))), [WorkOrderId(2)]);
    world.check_invariants();
}

#[test]
fn the_calendar_interval_is_issued_when_reached() {
    let mut world = shop();
    let issue = || maintain(MaintenanceCommand::IssueDueOrders { by: "carol".into() });
    assert!(world.must(issue()).is_empty(), "acquired 30 days ago, every 90 days");
    world.now = plan::Day::of(world.now).plus(60).start();
    let events = world.must(issue());
    assert_eq!(opened(&events), [WorkOrderId(1)]);
    assert!(world.must(issue()).is_empty(), "already open");
}

#[test]
fn a_breakdown_takes_the_asset_down_until_its_repair_is_verified() {
    let mut world = shop();
    let report = |asset: u32| {
        maintain(MaintenanceCommand::ReportBreakdown {
            asset: AssetId(asset),
            description: "fan bearing screams".into(),
            severity: Severity::Major,
            estimate_min: Some(180),
            by: "dana".into(),
        })
    };
    assert_eq!(world.refuse(report(9)).to_string(), "unknown asset AST-0009");
    let unsure = maintain(MaintenanceCommand::ReportBreakdown {
        asset: AssetId(1),
        description: "fan bearing screams".into(),
        severity: Severity::Major,
        estimate_min: Some(0),
        by: "dana".into(),
    });
    assert_eq!(world.refuse(unsure).field().as_deref(), Some("estimate_min"));
    world.must(report(1));
    assert_eq!(world.state.maintenance.order(WorkOrderId(1)).unwrap().duration_min, 180, "the estimate");
    assert!(matches!(world.state.maintenance.asset(AssetId(1)).unwrap().status, AssetStatus::Down { .. }));
    assert!(world.refuse(report(1)).to_string().contains("already down, with WO-0001 open"));
    work(&mut world, 1, "erin", "carol");
    assert_eq!(world.state.maintenance.asset(AssetId(1)).unwrap().status, AssetStatus::Up);
    world.check_invariants();
}

#[test]
fn bad_assets_and_plans_are_refused_by_field() {
    let mut world = shop();
    let unknown_kind = NewAsset {
        kind: "kiln".into(),
        name: "Kiln".into(),
        location: String::new(),
        acquired: plan::Day::of(world.now),
        service_life_years: None,
        spare_parts: vec![],
    };
    let refused = world.refuse(maintain(MaintenanceCommand::RegisterAsset { asset: unknown_kind, by: "carol".into() }));
    assert_eq!(refused.field().as_deref(), Some("kind"), "{refused}");
    let zero =
        world.refuse(maintain(MaintenanceCommand::SetPmPlan { plan: filters(Some(0), None), by: "carol".into() }));
    assert_eq!(zero.to_string(), "field `every_hours`: an interval must be 1 or more, got 0");
    let none = world.refuse(maintain(MaintenanceCommand::SetPmPlan { plan: filters(None, None), by: "carol".into() }));
    assert!(none.to_string().contains("a plan needs an interval"), "{none}");
    let by_participant = world.refuse_as(
        &Actor::Local("dana".into()),
        maintain(MaintenanceCommand::SetPmPlan { plan: filters(Some(100), None), by: "dana".into() }),
    );
    assert!(by_participant.to_string().contains("coordinator"), "{by_participant}");
}

#[test]
fn the_gauge_reads_breakdowns_downtime_repairs_and_incidents_per_week() {
    use prodos_core::safety::{IncidentKind, IncidentSeverity, NewIncident, SafetyCommand};
    use prodos_core::series::maintenance_periods;
    let mut world = shop();
    let from = plan::Day::of(world.now).plus(1);
    let at = |days: i64, hours: i64| Timestamp::from_millis(from.start().millis() + (days * 24 + hours) * 3_600_000);
    world.now = at(0, 10);
    world.must(maintain(MaintenanceCommand::ReportBreakdown {
        asset: AssetId(1),
        description: "fan bearing screams".into(),
        severity: Severity::Major,
        estimate_min: None,
        by: "dana".into(),
    }));
    world.now = at(8, 10);
    work(&mut world, 1, "erin", "carol");
    let incident = NewIncident {
        kind: IncidentKind::NearMiss,
        severity: IncidentSeverity::Minor,
        description: "solvent rag left on the booth's lamp".into(),
        operation: None,
        task: None,
        asset: Some(AssetId(1)),
        people: vec!["dana".into()],
        skill: None,
    };
    world.must(Command::Safety(SafetyCommand::ReportIncident { incident, by: "erin".into() }));

    let weeks = maintenance_periods(&world.state, from, 4, at(15, 0));
    assert_eq!(weeks.len(), 3, "the fourth week starts after now");
    let (first, second, third) = (&weeks[0], &weeks[1], &weeks[2]);
    assert_eq!((first.breakdowns, first.repairs, first.backlog_orders), (1, 0, 1));
    assert!(
        (first.downtime_hours - (7.0 * 24.0 - 10.0)).abs() < 0.1,
        "down from 10:00 on day 0: {}",
        first.downtime_hours
    );
    assert_eq!((second.breakdowns, second.repairs, second.backlog_orders), (0, 1, 0));
    assert!((second.downtime_hours - 34.0).abs() < 0.1, "down until day 8, 10:00: {}", second.downtime_hours);
    assert_eq!(second.maintenance_hours, 1.0);
    assert_eq!((second.near_misses, second.incidents), (1, 0));
    assert_eq!((third.downtime_hours, third.breakdowns, third.backlog_orders), (0.0, 0, 0));
    assert_eq!(third.end, from.plus(21));
}
