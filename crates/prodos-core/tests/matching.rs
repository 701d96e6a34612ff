//! Crews through the core: a proposal is checked person by person (gate, availability, double
//! booking), confirmed by a coordinator and checked again, accepted, declined with a re-matched
//! replacement, or swapped with consent; only the crew starts and completes the task, someone
//! outside it verifies, and each member is paid the hours worked. Every refusal changes nothing.

use prodos_core::design::DesignSpec;
use prodos_core::execution::{ExecutionCommand, TaskRef};
use prodos_core::matching::{MatchingCommand, ProposedCrew, UnfilledCrew};
use prodos_core::people::PeopleCommand;
use prodos_core::plan::{Day, PlanProposal, ScheduledOperation};
use prodos_core::*;
use prodos_core::{PlanCommand, StockCommand};
use prodos_testkit::{World, certified, inspect, on_time_verdict, stool_spec};

const MIN: i64 = 60_000;

/// The world's stool made a bench: 4 legs, an hour's cut, and a two-hour assembly needing a crew of two.
fn bench_design() -> DesignSpec {
    let mut bench = stool_spec();
    bench.key = "bench".into();
    bench.name = "Bench".into();
    bench.summary = "A workshop bench".into();
    bench.parts[0].qty = Milli::from_units(4);
    let [cut, assemble] = &mut bench.operations[..] else { panic!("the stool has two operations") };
    cut.duration_min = 60;
    assemble.duration_min = 120;
    assemble.crew = 2;
    bench
}

/// Tuesday after the world's first day, at `minute` after midnight.
fn tuesday(world: &World, minute: i64) -> Timestamp {
    Timestamp::from_millis(Day::of(world.now).plus(1).start().millis() + minute * MIN)
}

fn scheduled(operation: &str, unit: u32, start: Timestamp, minutes: i64) -> ScheduledOperation {
    ScheduledOperation {
        operation: operation.into(),
        unit,
        start,
        end: Timestamp::from_millis(start.millis() + minutes * MIN),
        start_work_min: 0,
        end_work_min: 0,
        slack_work_min: 0,
        critical: true,
        resources: vec![],
        crew: Vec::new(),
        carried: None,
    }
}

/// A committed plan `PROD-0001` for two benches on Tuesday: both cuts 08:00–09:00, assembly #1
/// 09:00–11:00 and #2 11:00–13:00. carol coordinates; dana (joinery 3), erin, finn (2) and gus
/// (1) offer 8 h Monday to Friday.
fn workshop() -> World {
    let mut world = World::new();
    certified(&mut world, bench_design());
    let design = DesignSelector { design: DesignId(1), version: None };
    world.add_participants(&["carol", "dana", "erin", "finn", "gus"]);
    let legs = prodos_core::stock::LotReceipt {
        material: "oak-leg-blank".into(),
        material_name: None,
        qty: Quantity { amount: Milli::from_units(8), unit: Unit::Piece },
        unit_cost: Millicents::from_currency(4.0).unwrap(),
        location: "rack".into(),
        provenance: prodos_core::stock::Provenance::Own,
    };
    world.run(Command::Stock(StockCommand::ReceiveLots { lots: vec![legs] })).unwrap();
    for (handle, level) in [("dana", 3), ("erin", 2), ("finn", 2), ("gus", 1)] {
        world.grant_joinery(handle, level);
        let week = PeopleCommand::SetAvailability {
            handle: handle.into(),
            minutes_per_weekday: [480, 480, 480, 480, 480, 0, 0],
        };
        world.people(week).unwrap();
    }
    let due = Day::of(world.now).plus(30);
    world.run(Command::Plan(PlanCommand::CreateMandate { design, qty: 2, due, decision: None, priority: 0 })).unwrap();
    let operations = vec![
        scheduled("cut", 1, tuesday(&world, 480), 60),
        scheduled("cut", 2, tuesday(&world, 480), 60),
        scheduled("assemble", 1, tuesday(&world, 540), 120),
        scheduled("assemble", 2, tuesday(&world, 660), 120),
    ];
    let finish = operations[3].end;
    let proposal = PlanProposal {
        design: DesignRef { design: DesignId(1), version: 1 },
        qty: 2,
        start: operations[0].start,
        materials: vec![],
        purchases: vec![],
        operations,
        verdict: on_time_verdict(due, finish, 300),
        continues: None,
    };
    world.commit_first_plan(proposal);
    world
}

fn task(operation: &str, unit: u32) -> TaskRef {
    TaskRef { plan: PlanId(1), operation: operation.into(), unit }
}

fn crew(operation: &str, unit: u32, people: &[&str]) -> ProposedCrew {
    ProposedCrew { task: task(operation, unit), people: people.iter().map(|p| p.to_string()).collect() }
}

fn propose(crews: Vec<ProposedCrew>) -> Command {
    Command::Matching(MatchingCommand::ProposeMatch { plan: PlanId(1), crews, unfilled: vec![], by: "dana".into() })
}

fn assign(command: MatchingCommand) -> Command {
    Command::Matching(command)
}

fn accept(operation: &str, unit: u32, handle: &str) -> Command {
    assign(MatchingCommand::Accept { task: task(operation, unit), handle: handle.into() })
}

fn exec(command: ExecutionCommand) -> Command {
    Command::Execution(command)
}

/// cut#1 gus, cut#2 finn, assemble#1 dana + erin, assemble#2 dana + finn: confirmed.
fn confirmed_workshop() -> World {
    let mut world = workshop();
    world
        .run(propose(vec![
            crew("cut", 1, &["gus"]),
            crew("cut", 2, &["finn"]),
            crew("assemble", 1, &["dana", "erin"]),
            crew("assemble", 2, &["dana", "finn"]),
        ]))
        .unwrap();
    world.run(assign(MatchingCommand::ConfirmMatch { plan: PlanId(1), by: "carol".into() })).unwrap();
    world
}

#[test]
fn proposals_name_the_skill_level_or_clash_that_rules_a_person_out() {
    let mut world = workshop();
    assert_eq!(
        world.refuse(propose(vec![crew("assemble", 1, &["gus", "erin"])])).to_string(),
        "gus is not qualified for `joinery` at level 2: holds level 1 only"
    );
    assert_eq!(
        world.refuse(propose(vec![crew("cut", 1, &["dana"]), crew("cut", 2, &["dana"])])).to_string(),
        "dana is not available for PROD-0001/cut#2: already on PROD-0001/cut#1 at that time"
    );
    assert_eq!(
        world.refuse(propose(vec![crew("assemble", 1, &["dana", "erin", "finn"])])).to_string(),
        "field `people`: PROD-0001/assemble#1 has 2 place(s), 0 taken; 3 proposed"
    );
    let tuesday = Day::of(world.now).plus(1);
    world
        .people(PeopleCommand::RecordAbsence {
            handle: "erin".into(),
            from: tuesday,
            to: tuesday,
            reason: "dentist".into(),
        })
        .unwrap();
    assert_eq!(
        world.refuse(propose(vec![crew("assemble", 1, &["dana", "erin"])])).to_string(),
        format!("erin is not available for PROD-0001/assemble#1: away {tuesday}..{tuesday}: dentist")
    );
    let short = |minutes| PeopleCommand::SetAvailability {
        handle: "finn".into(),
        minutes_per_weekday: [480, minutes, 480, 480, 480, 0, 0],
    };
    world.people(short(60)).unwrap();
    assert_eq!(
        world.refuse(propose(vec![crew("assemble", 1, &["dana", "finn"])])).to_string(),
        format!(
            "finn is not available for PROD-0001/assemble#1: offers 1 h on tue {tuesday}, the task needs 2 h that day"
        )
    );
    world.people(short(120)).unwrap();
    assert_eq!(
        world.refuse(propose(vec![crew("cut", 1, &["finn"]), crew("assemble", 1, &["dana", "finn"])])).to_string(),
        format!("finn is not available for PROD-0001/assemble#1: already booked 1 h of the 2 h offered on {tuesday}")
    );
    assert_eq!(world.refuse(propose(vec![crew("sand", 1, &["dana"])])).to_string(), "unknown task `PROD-0001/sand#1`");
    world.check_invariants();
}

#[test]
fn a_confirmation_checks_everyone_again_and_needs_a_coordinator() {
    let mut world = workshop();
    world.run(propose(vec![crew("assemble", 1, &["dana", "erin"])])).unwrap();
    let confirm = |by: &str| assign(MatchingCommand::ConfirmMatch { plan: PlanId(1), by: by.into() });
    assert_eq!(world.refuse(confirm("dana")).to_string(), "`dana` must be a coordinator to confirm crews");
    let revoke = PeopleCommand::RevokeCertification {
        handle: "erin".into(),
        skill: "joinery".into(),
        reason: "failed the audit".into(),
        by: "carol".into(),
    };
    world.people(revoke).unwrap();
    assert_eq!(
        world.refuse(confirm("carol")).to_string(),
        "erin is not qualified for `joinery` at level 2: the level-2 certification was revoked by carol: failed the audit"
    );
    world.run(propose(vec![crew("assemble", 1, &["dana", "finn"]), crew("cut", 1, &["gus"])])).unwrap();
    world.run(confirm("carol")).unwrap();
    assert_eq!(
        world.refuse(confirm("carol")).to_string(),
        "PROD-0001 has no match proposal to confirm; run `prodos match propose PROD-0001` first"
    );
    // A second proposal may only fill what is left, without double-booking the confirmed crews.
    assert_eq!(
        world.refuse(propose(vec![crew("assemble", 1, &["gus"])])).to_string(),
        "field `people`: PROD-0001/assemble#1 has 2 place(s), 2 taken; 1 proposed"
    );
    assert_eq!(
        world.refuse(propose(vec![crew("cut", 2, &["gus"])])).to_string(),
        "gus is not available for PROD-0001/cut#2: already on PROD-0001/cut#1 at that time"
    );
    world.check_invariants();
}

#[test]
fn only_the_crew_works_someone_outside_verifies_and_each_member_is_paid() {
    let mut world = confirmed_workshop();
    let start = |operation: &str, unit: u32, worker: &str| {
        exec(ExecutionCommand::Start { task: task(operation, unit), worker: worker.into(), with: Vec::new() })
    };
    let complete = |operation: &str, unit: u32, by: &str, hours: Option<Milli>| {
        exec(ExecutionCommand::Complete { task: task(operation, unit), by: by.into(), hours })
    };
    let verify = |operation: &str, unit: u32, by: &str| {
        exec(ExecutionCommand::Verify { task: task(operation, unit), by: by.into() })
    };
    assert_eq!(
        world.refuse(start("cut", 1, "dana")).to_string(),
        "dana is not in the crew of PROD-0001/cut#1; cannot start"
    );
    assert_eq!(
        world.refuse(start("cut", 1, "gus")).to_string(),
        "field `worker`: gus has not accepted PROD-0001/cut#1 yet; `prodos task accept PROD-0001/cut#1` first"
    );
    world.run(accept("cut", 1, "gus")).unwrap();
    assert!(world.run(accept("cut", 1, "gus")).unwrap().is_empty(), "accepting twice writes nothing");
    world.run(start("cut", 1, "gus")).unwrap();
    world.run(complete("cut", 1, "gus", None)).unwrap();
    world.run(verify("cut", 1, "dana")).unwrap();

    world.run(accept("assemble", 1, "dana")).unwrap();
    world.run(accept("assemble", 1, "erin")).unwrap();
    world.run(start("assemble", 1, "erin")).unwrap();
    assert_eq!(world.state.execution.task(&task("assemble", 1)).crew, ["erin", "dana"]);
    assert_eq!(
        world.refuse(complete("assemble", 1, "carol", None)).to_string(),
        "carol is not in the crew of PROD-0001/assemble#1; cannot complete"
    );
    assert_eq!(
        world.refuse(complete("assemble", 1, "dana", Some(Milli::from_units(7)))).to_string(),
        "field `hours`: 7 h per worker is more than PROD-0001/assemble#1 can take: planned 2 h, at most 6 h \
         (three times the plan, one hour for short steps, one day per record)"
    );
    assert_eq!(
        world.refuse(complete("assemble", 1, "dana", Some(Milli::ZERO))).to_string(),
        "field `hours`: quantity must be positive, got 0"
    );
    world.run(complete("assemble", 1, "dana", Some(Milli(2_500)))).unwrap();
    world.run(inspect("assemble", 1, 0.1, "finn")).unwrap();
    assert_eq!(world.refuse(verify("assemble", 1, "dana")).to_string(), "dana cannot verify their own work");
    assert_eq!(
        world.refuse(verify("assemble", 1, "gus")).to_string(),
        "gus is not qualified for `joinery` at level 2: holds level 1 only"
    );
    let events = world.run(verify("assemble", 1, "finn")).unwrap();
    let paid: Vec<(String, Milli)> = events
        .iter()
        .filter_map(|event| match event {
            Event::Credits(credits::CreditsEvent::LaborRecorded { labor }) => Some((labor.handle.clone(), labor.hours)),
            _ => None,
        })
        .collect();
    assert_eq!(paid, [("erin".to_string(), Milli(2_500)), ("dana".to_string(), Milli(2_500))]);
    world.check_invariants();
}

#[test]
fn a_decline_is_refilled_by_someone_else_and_the_decliner_is_not_proposed_again() {
    let mut world = confirmed_workshop();
    let decline = |handle: &str, reason: &str, replacement: Option<&str>| {
        assign(MatchingCommand::Decline {
            task: task("assemble", 1),
            handle: handle.into(),
            reason: reason.into(),
            replacement: replacement.map(str::to_string),
        })
    };
    assert_eq!(world.refuse(decline("erin", " ", None)).to_string(), "field `reason` is required");
    assert_eq!(
        world.refuse(decline("finn", "busy", None)).to_string(),
        "finn is not in the crew of PROD-0001/assemble#1; cannot decline"
    );
    assert_eq!(
        world.refuse(decline("erin", "back pain", Some("gus"))).to_string(),
        "gus is not qualified for `joinery` at level 2: holds level 1 only"
    );
    assert_eq!(
        world.refuse(decline("erin", "back pain", Some("dana"))).to_string(),
        "field `replacement`: dana is already in the crew of PROD-0001/assemble#1"
    );
    // finn is free from 09:00 to 11:00 (between cut#2 and assemble#2) and takes erin's place.
    world.run(decline("erin", "back pain", Some("finn"))).unwrap();
    let members = |world: &World| -> Vec<String> {
        let crew = world.state.matching.crew(&task("assemble", 1)).unwrap();
        crew.members.iter().map(|member| member.handle.clone()).collect()
    };
    assert_eq!(members(&world), ["dana", "finn"]);
    // Nobody else qualified is free then: dana's place stays open, and the decline is recorded.
    world.run(decline("dana", "called away", None)).unwrap();
    assert_eq!(members(&world), ["finn"]);
    assert!(world.state.matching.crew(&task("assemble", 1)).unwrap().has_declined("erin"));
    assert_eq!(
        world.refuse(propose(vec![crew("assemble", 1, &["erin"])])).to_string(),
        "field `people`: erin declined PROD-0001/assemble#1 (back pain) and is not proposed again"
    );
    world.check_invariants();
}

#[test]
fn a_swap_needs_a_qualified_free_taker_who_accepts() {
    let mut world = confirmed_workshop();
    let swap = |from: &str, to: &str| {
        assign(MatchingCommand::Swap { task: task("assemble", 2), from: from.into(), to: to.into() })
    };
    assert_eq!(
        world.refuse(swap("dana", "gus")).to_string(),
        "gus is not qualified for `joinery` at level 2: holds level 1 only"
    );
    assert_eq!(
        world.refuse(swap("erin", "dana")).to_string(),
        "erin is not in the crew of PROD-0001/assemble#2; cannot swap"
    );
    assert_eq!(
        world.refuse(swap("dana", "finn")).to_string(),
        "field `to`: finn is already in the crew of PROD-0001/assemble#2"
    );
    let cut = assign(MatchingCommand::Swap { task: task("cut", 2), from: "finn".into(), to: "gus".into() });
    assert_eq!(
        world.refuse(cut).to_string(),
        "gus is not available for PROD-0001/cut#2: already on PROD-0001/cut#1 at that time"
    );
    // finn offers assemble#2 (11:00–13:00) to erin, free after assemble#1; she takes it.
    world.run(swap("finn", "erin")).unwrap();
    assert_eq!(
        world.refuse(accept("assemble", 2, "gus")).to_string(),
        "gus is not in the crew of PROD-0001/assemble#2; cannot accept"
    );
    world.run(accept("assemble", 2, "erin")).unwrap();
    let crew = world.state.matching.crew(&task("assemble", 2)).unwrap();
    assert_eq!((crew.members[1].handle.as_str(), crew.members[1].accepted), ("erin", true));
    assert!(crew.swap_offer.is_none());
    assert_eq!(
        world.refuse(accept("assemble", 2, "finn")).to_string(),
        "finn is not in the crew of PROD-0001/assemble#2; cannot accept"
    );
    world.check_invariants();
}

#[test]
fn unfilled_places_are_recorded_with_their_reason() {
    let mut world = workshop();
    let unfilled = vec![UnfilledCrew {
        task: task("assemble", 2),
        missing: 2,
        reason: "nobody is certified in `joinery` at level 2".into(),
    }];
    let command = assign(MatchingCommand::ProposeMatch { plan: PlanId(1), crews: vec![], unfilled, by: "dana".into() });
    world.run(command).unwrap();
    let proposal = world.state.matching.proposal(PlanId(1)).unwrap();
    assert_eq!(proposal.unfilled[0].missing, 2);
    world.check_invariants();
}
