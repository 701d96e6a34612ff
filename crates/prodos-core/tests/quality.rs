//! The quality loop on the stool: a completed assembly falls due for its `wobble` check; an
//! out-of-tolerance result opens a nonconformance that blocks verification until a qualified
//! person disposes of it; rework is a task of its own, credited like any, and the unit is
//! re-inspected before it is verified; scrap writes the unit's materials off with their lots.
//! Bad measurements are refused naming the field, and nothing is written.

use prodos_core::credits::CreditsEvent;
use prodos_core::design::{CheckKind, QualityCheck};
use prodos_core::measure::{Conformity, Measurement};
use prodos_core::quality::{
    Disposition, DispositionChoice, FieldKind, QualityCommand, QualityEvent, ResolutionChoice, ReviewReason,
};
use prodos_core::*;
use prodos_testkit::*;

fn dispose(ncr: u32, disposition: DispositionChoice, by: &str) -> Command {
    Command::Quality(QualityCommand::Dispose { ncr: NonconformanceId(ncr), disposition, by: by.into() })
}

fn rework_of(minutes: i64) -> DispositionChoice {
    DispositionChoice::Rework { duration_min: Some(minutes), note: "re-glue the stretcher".into() }
}

/// Unit `unit`'s legs cut by erin and verified by dana, its assembly done by erin.
fn assembled(world: &mut World, unit: u32) {
    world.must(start("cut", unit, "erin"));
    world.must(complete("cut", unit, "erin"));
    world.must(verify("cut", unit, "dana"));
    world.must(start("assemble", unit, "erin"));
    world.must(complete("assemble", unit, "erin"));
}

fn rework(operation: &str, unit: u32) -> TaskRef {
    TaskRef { plan: PlanId(1), operation: format!("{operation}~rework1"), unit }
}

#[test]
fn out_of_tolerance_goes_through_rework_and_reinspection_before_verification() {
    let mut world = shop_with_plan();
    world.add_participants(&["finn"]);
    assert_eq!(
        world.refuse(inspect("assemble", 1, 0.2, "dana")).to_string(),
        "PROD-0001/assemble#1 is ready; cannot inspect"
    );
    assembled(&mut world, 1);
    let events = world.must(inspect("assemble", 1, 1.6, "erin"));
    let opened = events.iter().find_map(|event| match event {
        Event::Quality(QualityEvent::NonconformanceOpened { ncr, summary, .. }) => Some((*ncr, summary.clone())),
        _ => None,
    });
    assert_eq!(opened, Some((NonconformanceId(1), "`wobble` measured 1.6 mm, spec 0 ± 1 mm".to_string())));
    assert_eq!(
        world.refuse(verify("assemble", 1, "dana")).to_string(),
        "PROD-0001/assemble#1 cannot be verified: `wobble` is out of tolerance and NCR-0001 awaits a disposition"
    );
    assert!(world.refuse(inspect("assemble", 1, 0.1, "dana")).to_string().contains("NCR-0001 on `wobble` awaits"));

    // Only someone qualified for the operation, outside its crew, disposes of it.
    assert_eq!(
        world.refuse(dispose(1, rework_of(20), "erin")).to_string(),
        "erin cannot dispose of a nonconformance on their own work"
    );
    assert!(matches!(world.refuse(dispose(1, rework_of(20), "finn")), Rejection::NotQualified { .. }));
    let events = world.must(dispose(1, rework_of(20), "dana"));
    assert!(matches!(
        &events[..],
        [Event::Quality(QualityEvent::NonconformanceDisposed { disposition: Disposition::Rework { task, duration_min: 20, .. }, .. })]
            if *task == rework("assemble", 1)
    ));
    let again = dispose(1, DispositionChoice::UseAsIs { reason: "fine".into() }, "carol");
    assert!(matches!(world.refuse(again), Rejection::AlreadyDisposed { .. }));
    assert!(
        world
            .refuse(verify("assemble", 1, "dana"))
            .to_string()
            .contains("finish rework PROD-0001/assemble~rework1#1, then re-inspect")
    );
    assert!(
        world
            .refuse(inspect("assemble", 1, 0.1, "dana"))
            .to_string()
            .contains("its rework PROD-0001/assemble~rework1#1 is ready")
    );

    // The rework is a task like any: the same skill gate, worked, verified by someone else, credited.
    let rework_task = rework("assemble", 1);
    let start_rework = |worker: &str| {
        Command::Execution(prodos_core::execution::ExecutionCommand::Start {
            task: rework_task.clone(),
            worker: worker.into(),
            with: vec![],
        })
    };
    assert!(matches!(world.refuse(start_rework("finn")), Rejection::NotQualified { .. }));
    world.must(start_rework("erin"));
    let done = prodos_core::execution::ExecutionCommand::Complete {
        task: rework_task.clone(),
        by: "erin".into(),
        hours: None,
    };
    world.must(Command::Execution(done));
    let verified = prodos_core::execution::ExecutionCommand::Verify { task: rework_task.clone(), by: "dana".into() };
    let events = world.must(Command::Execution(verified));
    let credited: Vec<_> = events
        .iter()
        .filter_map(|event| match event {
            Event::Credits(CreditsEvent::LaborRecorded { labor }) => Some((labor.handle.clone(), labor.hours)),
            _ => None,
        })
        .collect();
    assert_eq!(credited, [("erin".to_string(), Milli(333))], "20 minutes of rework, credited to its worker");

    // Re-inspected in tolerance, the unit is verified and becomes a good.
    let events = world.must(inspect("assemble", 1, 0.3, "dana"));
    assert!(events.iter().any(|event| matches!(
        event,
        Event::Quality(QualityEvent::InspectionRecorded { inspection }) if inspection.conformity == Conformity::InTolerance
    )));
    world.must(verify("assemble", 1, "dana"));
    assert_eq!(world.state.distribution.goods().count(), 1);
    world.check_invariants();
}

#[test]
fn scrap_writes_off_the_units_materials_and_stops_its_tasks() {
    let mut world = shop_with_plan();
    assembled(&mut world, 2);
    world.must(inspect("assemble", 2, -3.0, "dana"));
    let events = world.must(dispose(1, DispositionChoice::Scrap { reason: "split leg".into() }, "carol"));
    let Event::Quality(QualityEvent::NonconformanceDisposed {
        disposition: Disposition::Scrap { written_off, cost, .. },
        ..
    }) = &events[0]
    else {
        panic!("expected a scrap disposition, got {events:?}");
    };
    assert_eq!(written_off.len(), 1);
    assert_eq!((written_off[0].lot, written_off[0].qty), (LotId(1), Milli::from_units(3)));
    assert_eq!(written_off[0].provenance, prodos_core::provenance::Provenance::Supplier("sawmill".into()));
    assert_eq!(*cost, Millicents::from_currency(12.0).unwrap());
    assert_eq!(
        world.refuse(verify("assemble", 2, "dana")).to_string(),
        "PROD-0001/assemble#2 cannot be verified: unit 2 was scrapped (NCR-0001)"
    );
    // The plan's other unit is still built and verified.
    assembled(&mut world, 1);
    world.must(inspect("assemble", 1, 0.0, "dana"));
    world.must(verify("assemble", 1, "dana"));
    assert_eq!(world.state.distribution.goods().count(), 1, "the scrapped unit never becomes a good");
    world.check_invariants();
}

#[test]
fn bad_measurements_name_the_field_and_write_nothing() {
    let mut world = shop_with_plan();
    assembled(&mut world, 1);
    let record = |check: &str, measurement: Measurement, unit: Option<&str>, by: &str| {
        Command::Quality(QualityCommand::RecordInspection {
            task: task("assemble", 1),
            check: check.into(),
            measurement,
            unit: unit.map(str::to_string),
            by: by.into(),
            instrument: None,
            note: String::new(),
        })
    };
    let before = world.state.quality.inspections().len();
    let field = |rejection: Rejection| (rejection.field(), rejection.to_string());
    assert_eq!(
        field(world.refuse(record("flatness", Measurement::Values(vec![0.1]), None, "dana"))),
        (
            Some("check".into()),
            "field `check`: operation `assemble` has no check `flatness`; its checks: wobble".into()
        )
    );
    assert_eq!(
        field(world.refuse(record("wobble", Measurement::Values(vec![f64::NAN]), None, "dana"))),
        (Some("value".into()), "field `value`: NaN is not a finite number".into())
    );
    assert_eq!(
        field(world.refuse(record("wobble", Measurement::Values(vec![0.1]), Some("in"), "dana"))),
        (Some("unit".into()), "field `unit`: `wobble` is measured in mm, not in in".into())
    );
    assert_eq!(
        field(world.refuse(record("wobble", Measurement::Attribute { passed: true }, None, "dana"))).0,
        Some("passed".into())
    );
    assert!(matches!(
        world.refuse(record("wobble", Measurement::Values(vec![0.1]), None, "zed")),
        Rejection::NotAParticipant { .. } | Rejection::UnknownParticipant { .. }
    ));
    assert!(matches!(world.refuse(dispose(9, rework_of(10), "dana")), Rejection::UnknownNonconformance { .. }));
    assert_eq!(world.state.quality.inspections().len(), before);
}

#[test]
fn an_independent_check_is_recorded_by_someone_outside_the_crew() {
    let mut spec = stool_spec();
    spec.operations[1].checks = vec![
        QualityCheck { independent: true, ..QualityCheck::measured("wobble", 0.0, 1.0, "mm") },
        QualityCheck { kind: CheckKind::Attribute, ..QualityCheck::measured("finish free of splinters", 0.0, 0.0, "") },
    ];
    let mut shop = shop_with_design(spec);
    assembled(&mut shop, 1);
    assert_eq!(
        shop.refuse(inspect("assemble", 1, 0.2, "erin")).to_string(),
        "`wobble` is an independent check: erin worked on PROD-0001/assemble#1, so someone outside its crew must record it"
    );
    shop.must(inspect("assemble", 1, 0.2, "dana"));
    // Every due check must be recorded: the finish check still is not.
    assert!(shop.refuse(verify("assemble", 1, "dana")).to_string().contains("check `finish free of splinters` is due"));
    let finish = Command::Quality(QualityCommand::RecordInspection {
        task: task("assemble", 1),
        check: "finish-free-of-splinters".into(),
        measurement: Measurement::Attribute { passed: true },
        unit: None,
        by: "erin".into(),
        instrument: None,
        note: String::new(),
    });
    shop.must(finish);
    shop.must(verify("assemble", 1, "dana"));
    shop.check_invariants();
}

/// A plan for `units` stools, the first of which have their wobble measured as `values` (one per
/// unit, in order) and are verified; limits come from the first five samples.
fn drifting_shop(units: u32, values: &[f64]) -> World {
    let mut spec = stool_spec();
    spec.operations[1].checks[0].baseline = Some(5);
    let mut world = shop_with_units(spec, units);
    for (index, value) in values.iter().enumerate() {
        let unit = index as u32 + 1;
        assembled(&mut world, unit);
        world.must(inspect("assemble", unit, *value, "dana"));
        world.must(verify("assemble", unit, "dana"));
    }
    world
}

fn resolve(review: u32, resolution: ResolutionChoice, by: &str) -> Command {
    Command::Quality(QualityCommand::ResolveReview { review: ReviewId(review), resolution, by: by.into() })
}

/// Baseline (mean 0, MR̄ 0.1375, σ = MR̄/1.128 ≈ 0.122, 2σ ≈ 0.244), then a drift: the 7th and 8th
/// samples are beyond 2σ, so Western Electric 2 (two of three beyond 2σ) fires at the 8th.
const DRIFT: [f64; 8] = [0.0, 0.1, -0.1, 0.05, -0.05, 0.2, 0.3, 0.35];

#[test]
fn a_drift_raises_a_signal_and_a_design_review_answered_by_a_new_version() {
    let mut world = drifting_shop(8, &DRIFT[..7]);
    assert!(world.state.quality.signals().is_empty(), "two of three beyond 2σ needs the second point");
    assembled(&mut world, 8);
    let events = world.must(inspect("assemble", 8, DRIFT[7], "dana"));
    let signal = events.iter().find_map(|event| match event {
        Event::Quality(QualityEvent::SignalRaised { signal }) => Some(signal.clone()),
        _ => None,
    });
    let signal = signal.expect("Nelson 5 fires at the 8th sample");
    assert_eq!((signal.rule.as_str(), signal.samples.len()), ("Nelson 5", 2));
    assert_eq!(signal.shared.crew, ["erin"], "every sample was assembled by erin");
    let flag = events.iter().find_map(|event| match event {
        Event::Quality(QualityEvent::ReviewRaised { flag }) => Some(flag.clone()),
        _ => None,
    });
    let flag = flag.expect("the signal flags the design version for review");
    assert_eq!(flag.design, DesignRef { design: DesignId(1), version: 1 });
    assert!(flag.evidence.iter().any(|line| line.contains("all built by erin")), "{:?}", flag.evidence);

    // Only a later version that changes the design answers it, and only a certifier says so.
    let dana = Actor::Account("dana".into());
    let by_dana = world.refuse_as(&dana, resolve(1, ResolutionChoice::NewVersion { version: 2 }, "dana"));
    assert!(matches!(by_dana, Rejection::CoordinatorRequired { .. }), "{by_dana}");
    assert!(
        world
            .refuse(resolve(1, ResolutionChoice::NewVersion { version: 2 }, "carol"))
            .to_string()
            .contains("has no v2")
    );
    let mut v2 = stool_spec();
    v2.operations[1].checks[0].tolerance = 1.5;
    v2.operations[1].checks[0].baseline = Some(5);
    world.must(Command::Design(DesignCommand::ImportDesign { spec: v2, declared: None }));
    world.must(resolve(1, ResolutionChoice::NewVersion { version: 2 }, "carol"));
    assert_eq!(world.state.quality.review(ReviewId(1)).unwrap().status(), "answered by v2");
    assert!(matches!(
        world.refuse(resolve(1, ResolutionChoice::NewVersion { version: 2 }, "carol")),
        Rejection::ReviewClosed { .. }
    ));
    assert_eq!(
        world.state.designs.get(DesignId(1)).unwrap().latest().status,
        prodos_core::design::DesignStatus::Draft,
        "the answering version is certified again before anyone builds it"
    );
    world.check_invariants();
}

#[test]
fn a_corrective_action_closes_only_after_its_effectiveness_check() {
    let mut values = DRIFT.to_vec();
    values.extend([0.0, 0.05, -0.05]);
    let mut world = drifting_shop(11, &values[..8]);
    let today = prodos_core::plan::Day::of(world.now);
    let capa = ResolutionChoice::Capa {
        owner: "erin".into(),
        due: today.plus(7),
        action: "re-true the assembly jig".into(),
        samples: 3,
    };
    world.must(resolve(1, capa, "carol"));
    let close = || Command::Quality(QualityCommand::CloseCapa { review: ReviewId(1), by: "carol".into() });
    assert!(world.refuse(close()).to_string().contains("needs 3 samples of `wobble` since the action, 0 so far"));
    for (index, value) in values[8..].iter().enumerate() {
        let unit = 9 + index as u32;
        assembled(&mut world, unit);
        world.must(inspect("assemble", unit, *value, "dana"));
    }
    world.must(close());
    assert_eq!(world.state.quality.review(ReviewId(1)).unwrap().status(), "closed");
    world.check_invariants();
}

fn field_report(serial: &str, kind: FieldKind, item: Option<&str>, by: &str, world: &World) -> Command {
    Command::Quality(QualityCommand::FileFieldReport {
        serial: serial.into(),
        kind,
        item: item.map(str::to_string),
        on: prodos_core::plan::Day::of(world.now),
        photo: None,
        note: "the leg joint creaks and moves".into(),
        by: by.into(),
        repair_min: None,
    })
}

#[test]
fn field_failures_of_distributed_goods_flag_the_version_for_review() {
    let mut world = drifting_shop(2, &[0.0, 0.1]);
    assert!(matches!(
        world.refuse(field_report("stool-0009", FieldKind::Failure, None, "erin", &world)),
        Rejection::UnknownGood { .. }
    ));
    let never = world.refuse(field_report("stool-0001", FieldKind::Failure, None, "erin", &world));
    assert_eq!(never.to_string(), "field `serial`: stool-0001 was never distributed: field reports follow a release");
    for (serial, handle) in [("stool-0001", "erin"), ("stool-0002", "dana")] {
        let grant = prodos_core::distribution::DistributionCommand::GrantEntitlement {
            handle: handle.into(),
            design: STOOL,
            qty: 1,
            cost_credits: Milli::ZERO,
            by: "carol".into(),
        };
        world.must(Command::Distribution(grant));
        let release = prodos_core::distribution::DistributionCommand::Distribute {
            good: serial.into(),
            to: handle.into(),
            by: "carol".into(),
        };
        world.must(Command::Distribution(release));
    }
    let unknown_item = world.refuse(field_report("stool-0001", FieldKind::Failure, Some("seat"), "erin", &world));
    assert_eq!(unknown_item.field().as_deref(), Some("item"), "{unknown_item}");
    let with_repair =
        |kind, minutes: i64, world: &World| match field_report("stool-0001", kind, Some("legs"), "erin", world) {
            Command::Quality(QualityCommand::FileFieldReport { serial, kind, item, on, photo, note, by, .. }) => {
                let repair_min = Some(minutes);
                Command::Quality(QualityCommand::FileFieldReport {
                    serial,
                    kind,
                    item,
                    on,
                    photo,
                    note,
                    by,
                    repair_min,
                })
            }
            _ => unreachable!("field_report files a field report"),
        };
    let negative = world.refuse(with_repair(FieldKind::Failure, 0, &world));
    assert_eq!(negative.to_string(), "field `repair_min`: repair time must be positive, got 0 min");
    let observed = world.refuse(with_repair(FieldKind::Observation, 30, &world));
    assert_eq!(observed.field().as_deref(), Some("repair_min"), "{observed}");
    let events = world.must(with_repair(FieldKind::Failure, 90, &world));
    assert_eq!(events.len(), 1, "one failure is a report, not yet a pattern");
    assert_eq!(world.state.quality.field_reports()[0].repair_min, Some(90), "the repair time is recorded");
    world.must(field_report("stool-0002", FieldKind::Observation, None, "dana", &world));
    let events = world.must(field_report("stool-0002", FieldKind::Failure, Some("frame"), "dana", &world));
    let flag = events.iter().find_map(|event| match event {
        Event::Quality(QualityEvent::ReviewRaised { flag }) => Some(flag.clone()),
        _ => None,
    });
    let flag = flag.expect("a repeated failure flags the version");
    assert!(matches!(flag.reason, ReviewReason::FieldFailures { ref reports } if reports.len() == 2));
    assert!(flag.evidence.iter().any(|line| line.contains("stool-0001 (legs)")), "{:?}", flag.evidence);
    world.check_invariants();
}

fn finish_check(unit: u32, passed: bool) -> Command {
    Command::Quality(QualityCommand::RecordInspection {
        task: task("assemble", unit),
        check: "finish".into(),
        measurement: Measurement::Attribute { passed },
        unit: None,
        by: "dana".into(),
        instrument: None,
        note: String::new(),
    })
}

#[test]
fn yield_below_the_designs_minimum_flags_the_version_once_and_a_capa_watches_the_next_tasks() {
    let mut spec = stool_spec();
    spec.quality = prodos_core::design::QualityTargets { min_first_pass_yield: Some(0.75), yield_window: Some(4) };
    spec.operations[1].checks =
        vec![QualityCheck { kind: CheckKind::Attribute, ..QualityCheck::measured("finish", 0.0, 0.0, "") }];
    let mut world = shop_with_units(spec, 8);
    let raised = |events: &[Event]| {
        events.iter().find_map(|event| match event {
            Event::Quality(QualityEvent::ReviewRaised { flag }) => Some(flag.clone()),
            _ => None,
        })
    };
    // Units 1–3: one failure in three is 67 %, but the window is four tasks: no verdict yet.
    for (unit, passed) in [(1, false), (2, true), (3, true)] {
        assembled(&mut world, unit);
        assert_eq!(raised(&world.must(finish_check(unit, passed))), None, "unit {unit}");
    }
    assembled(&mut world, 4);
    let flag = raised(&world.must(finish_check(4, false))).expect("2 of 4 first pass is below 75 %");
    assert!(matches!(flag.reason, ReviewReason::LowYield { first_pass: 2, inspected: 4, .. }), "{:?}", flag.reason);
    assert_eq!(flag.evidence[0], "first pass 2 of the last 4 inspected tasks (50 %), below the design's 75 %");
    assert!(flag.evidence.iter().any(|line| line.starts_with("PROD-0001/assemble#4 failed")), "{:?}", flag.evidence);
    // While the review is open, more failures are evidence of the same flag, not new flags.
    assembled(&mut world, 5);
    assert_eq!(raised(&world.must(finish_check(5, false))), None);

    let capa = ResolutionChoice::Capa {
        owner: "erin".into(),
        due: prodos_core::plan::Day::of(world.now).plus(14),
        action: "sand between coats with 320 grit".into(),
        samples: 2,
    };
    world.must(resolve(1, capa, "carol"));
    let close = || Command::Quality(QualityCommand::CloseCapa { review: ReviewId(1), by: "carol".into() });
    let early = world.refuse(close()).to_string();
    assert!(early.contains("needs 2 tasks of DES-0001@v1 inspected since the action, 0 so far"), "{early}");
    for unit in [6, 7] {
        assembled(&mut world, unit);
        world.must(finish_check(unit, true));
    }
    world.must(close());
    world.check_invariants();
}
