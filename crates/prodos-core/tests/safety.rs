//! The safety envelope on the stool shop, whose cutting step runs on the bandsaw and needs a
//! bandsaw safety certification besides joinery: someone without it is refused; a serious
//! incident suspends the worker's joinery until a training challenge is passed (a certifier's
//! word does not restore it); a locked-out bandsaw stops every start until it is cleared with
//! an inspection. Completed cuts run the bandsaw's meters, and its service falls due from them.
//! Bad input names its field and writes nothing.

use prodos_core::design::{SkillDef, ToolDef, ToolKind};
use prodos_core::maintenance::{MaintenanceCommand, NewAsset};
use prodos_core::people::{PeopleCommand, Question};
use prodos_core::safety::{IncidentKind, IncidentSeverity, NewIncident, SafetyCommand};
use prodos_core::*;
use prodos_testkit::stool::{shop_with_design, start, stool_spec, task};
use prodos_testkit::*;

fn bandsaw_shop() -> World {
    let mut spec = stool_spec();
    spec.skills.push(SkillDef { id: "bandsaw-safety".into(), name: "Bandsaw safety".into() });
    spec.tools.push(ToolDef { id: "bandsaw".into(), name: "Bandsaw".into(), kind: ToolKind::Tool });
    spec.operations[0].tools = vec!["bandsaw".into()];
    spec.operations[0].safety = Some("bandsaw-safety".into());
    let mut world = shop_with_design(spec);
    world.must(Command::Plan(PlanCommand::DeclareToolCount { tool: "bandsaw".into(), count: 1 }));
    let asset = NewAsset {
        kind: "bandsaw".into(),
        name: "14-inch bandsaw".into(),
        location: "machine room".into(),
        acquired: plan::Day::of(world.now).plus(-100),
        service_life_years: Some(20),
        spare_parts: vec![],
    };
    world.must(Command::Maintenance(MaintenanceCommand::RegisterAsset { asset, by: "carol".into() }));
    world.must(Command::People(PeopleCommand::GrantCertification {
        handle: "dana".into(),
        skill: "bandsaw-safety".into(),
        level: 1,
        expires_on: None,
        by: "carol".into(),
    }));
    world
}

fn incident(severity: IncidentSeverity) -> NewIncident {
    NewIncident {
        kind: IncidentKind::Incident,
        severity,
        description: "hand slipped past the blade guard".into(),
        operation: None,
        task: Some(task("cut", 1)),
        asset: Some(AssetId(1)),
        people: vec![],
        skill: None,
    }
}

fn safety(command: SafetyCommand) -> Command {
    Command::Safety(command)
}

#[test]
fn a_step_needing_a_safety_certification_refuses_those_without_it() {
    let mut world = bandsaw_shop();
    let refused = world.refuse(start("cut", 1, "erin"));
    assert!(
        matches!(&refused, Rejection::NotQualified { handle, skill, .. } if handle == "erin" && skill == "bandsaw-safety"),
        "{refused}"
    );
    world.must(start("cut", 1, "dana"));
    world.check_invariants();
}

#[test]
fn a_serious_incident_suspends_the_skill_until_a_training_challenge_is_passed() {
    let mut world = bandsaw_shop();
    world.must(start("cut", 1, "dana"));
    let reported = world.must(safety(SafetyCommand::ReportIncident {
        incident: incident(IncidentSeverity::Serious),
        by: "erin".into(),
    }));
    assert_eq!(reported.len(), 1);
    let recorded = &world.state.safety.incidents()[0];
    assert_eq!(recorded.id.to_string(), "INC-0001");
    assert_eq!(recorded.people, vec!["dana".to_string()], "those working the task are involved by default");
    assert_eq!(recorded.operation.as_deref(), Some("cut"));
    assert_eq!(recorded.skill.as_deref(), Some("joinery"), "the step's skill");

    let refused = world.refuse(safety(SafetyCommand::Suspend {
        incident: IncidentId(1),
        handle: "erin".into(),
        by: "carol".into(),
    }));
    assert_eq!(refused.field().as_deref(), Some("handle"), "erin was not involved: {refused}");
    world.must(safety(SafetyCommand::Suspend { incident: IncidentId(1), handle: "dana".into(), by: "carol".into() }));
    assert_eq!(world.state.safety.incidents()[0].suspensions.len(), 1);

    let refused = world.refuse(start("cut", 2, "dana"));
    assert!(refused.to_string().contains("suspended after INC-0001"), "{refused}");
    // A certifier's word does not lift a suspension; only re-training does.
    let refused = world.refuse(Command::People(PeopleCommand::GrantCertification {
        handle: "dana".into(),
        skill: "joinery".into(),
        level: 3,
        expires_on: None,
        by: "carol".into(),
    }));
    assert_eq!(refused.field().as_deref(), Some("skill"));
    assert!(refused.to_string().contains("pass a training challenge in `joinery`"), "{refused}");

    world.must(Command::People(PeopleCommand::AddChallenge {
        skill: "joinery".into(),
        level: 3,
        title: "Safe cutting at the bandsaw".into(),
        steps: vec!["set the guard to the stock".into(), "push stick past the blade".into()],
        questions: vec![Question { prompt: "Guard height above the stock?".into(), answer: "6 mm".into() }],
        pass_mark_percent: 100,
        valid_for_days: Some(365),
        by: "carol".into(),
    }));
    world.must(Command::People(PeopleCommand::AttemptChallenge {
        challenge: ChallengeId(1),
        handle: "dana".into(),
        answers: vec!["6 mm".into()],
        steps_demonstrated: vec![1, 2],
    }));
    world.must(Command::People(PeopleCommand::SignOffAttempt { attempt: AttemptId(1), by: "carol".into() }));
    assert_eq!(world.state.people.get("dana").unwrap().level_at("joinery", world.now), Some(3));
    world.must(start("cut", 2, "dana"));
    world.check_invariants();
}

#[test]
fn only_a_serious_incident_suspends_and_bad_reports_are_refused_by_field() {
    let mut world = bandsaw_shop();
    world
        .must(safety(SafetyCommand::ReportIncident { incident: incident(IncidentSeverity::Minor), by: "erin".into() }));
    let refused = world.refuse(safety(SafetyCommand::Suspend {
        incident: IncidentId(1),
        handle: "dana".into(),
        by: "carol".into(),
    }));
    assert!(refused.to_string().contains("only a serious incident"), "{refused}");

    let mut unknown_asset = incident(IncidentSeverity::Minor);
    unknown_asset.asset = Some(AssetId(9));
    let refused = world.refuse(safety(SafetyCommand::ReportIncident { incident: unknown_asset, by: "erin".into() }));
    assert_eq!(refused.field().as_deref(), Some("asset"));
    let mut silent = incident(IncidentSeverity::Minor);
    silent.description = "  ".into();
    let refused = world.refuse(safety(SafetyCommand::ReportIncident { incident: silent, by: "erin".into() }));
    assert_eq!(refused.field().as_deref(), Some("description"));
    let mut stranger = incident(IncidentSeverity::Minor);
    stranger.people = vec!["zed".into()];
    let refused = world.refuse(safety(SafetyCommand::ReportIncident { incident: stranger, by: "erin".into() }));
    assert_eq!(refused.field().as_deref(), Some("people[0]"));
    let refused = world.refuse(safety(SafetyCommand::Suspend {
        incident: IncidentId(7),
        handle: "dana".into(),
        by: "carol".into(),
    }));
    assert_eq!(refused.field().as_deref(), Some("incident"));
    assert_eq!(world.state.safety.incidents().len(), 1);
}

#[test]
fn a_locked_out_asset_stops_every_start_until_cleared_with_an_inspection() {
    let mut world = bandsaw_shop();
    let lock = |by: &str| {
        safety_lock(MaintenanceCommand::LockOut {
            asset: AssetId(1),
            reason: "blade guard cracked".into(),
            by: by.into(),
        })
    };
    world.must(lock("erin"));
    let refused = world.refuse(lock("dana"));
    assert_eq!(refused.field().as_deref(), Some("asset"), "already locked out");
    let refused = world.refuse(start("cut", 1, "dana"));
    assert!(refused.to_string().contains("AST-0001 locked out by erin: blade guard cracked"), "{refused}");

    let clear = |inspection: &str| {
        safety_lock(MaintenanceCommand::ClearLockout {
            asset: AssetId(1),
            inspection: inspection.into(),
            by: "carol".into(),
        })
    };
    let refused = world.refuse(clear(" "));
    assert_eq!(refused.field().as_deref(), Some("inspection"));
    world.must(clear("new guard fitted, tension and tracking checked"));
    assert!(world.state.maintenance.lockout(AssetId(1)).is_none());
    let refused = world.refuse(clear("again"));
    assert!(refused.to_string().contains("is not locked out"), "{refused}");
    world.must(start("cut", 1, "dana"));
    world.check_invariants();
}

fn safety_lock(command: MaintenanceCommand) -> Command {
    Command::Maintenance(command)
}

#[test]
fn completed_tasks_run_the_meters_of_the_unit_they_held_and_make_its_service_due() {
    use prodos_core::maintenance::{MaintenanceEvent, NewPmPlan};
    use prodos_testkit::stool::complete;
    let mut world = bandsaw_shop();
    let plan = NewPmPlan {
        key: "blade".into(),
        kind: "bandsaw".into(),
        every_hours: None,
        every_cycles: Some(2),
        every_days: None,
        procedure: "change the blade, check tracking".into(),
        skill: "joinery".into(),
        level: 2,
        duration_min: 30,
        parts: vec![],
    };
    world.must(safety_lock(MaintenanceCommand::SetPmPlan { plan, by: "carol".into() }));
    world.must(start("cut", 1, "dana"));
    world.now = Timestamp::from_millis(world.now.millis() + 90 * 60_000);
    let events = world.must(complete("cut", 1, "dana"));
    let record = world.state.execution.task(&task("cut", 1));
    let (started, completed) = (record.started_at.unwrap(), record.completed_at.unwrap());
    let expected_hours = world.state.capacity.calendar.working_min_between(started, completed) as f64 / 60.0;
    assert!(expected_hours > 1.0, "the cut held the saw for about 90 working minutes");
    let bandsaw = world.state.maintenance.asset(AssetId(1)).unwrap();
    assert_eq!(bandsaw.meters.cycles, 1);
    assert!((bandsaw.meters.hours - expected_hours).abs() < 1e-3, "{} h", bandsaw.meters.hours);
    assert!(!events.iter().any(|e| matches!(e, Event::Maintenance(MaintenanceEvent::WorkOrderOpened { .. }))));

    world.must(start("cut", 2, "dana"));
    let events = world.must(complete("cut", 2, "dana"));
    let opened: Vec<_> = events
        .iter()
        .filter_map(|event| match event {
            Event::Maintenance(MaintenanceEvent::WorkOrderOpened { order }) => Some(order.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(opened.len(), 1, "the second cut reaches the 2-cycle interval");
    assert_eq!(opened[0].asset, AssetId(1));
    assert_eq!(opened[0].plan(), Some("blade"));
    world.check_invariants();
}
