//! The demo cooperative as a newcomer meets it: DEC-0019's plan PROD-0031 partly executed after a
//! believable history, people with varied certifications, and seeding that is idempotent.

use prodos_app::Node;
use prodos_core::execution::{TaskRef, TaskStatus};
use prodos_core::plan::{Day, PlanStatus};
use prodos_core::{DecisionId, PlanId, State, Timestamp};
use prodos_demo as demo;
use prodos_demo::{ACTIVE_PLAN, COORDINATOR, PARTICIPANT_A, PARTICIPANT_B};
use prodos_ledger::MemoryLedger;
use std::sync::{Arc, OnceLock};

/// 2026-11-18 10:40 UTC, a Wednesday.
const NOW: Timestamp = Timestamp(1_794_960_000_000 + 10 * 3_600_000 + 40 * 60_000);

fn seeded() -> &'static (Arc<MemoryLedger>, Node) {
    static SEEDED: OnceLock<(Arc<MemoryLedger>, Node)> = OnceLock::new();
    SEEDED.get_or_init(|| {
        let store = Arc::new(MemoryLedger::default());
        let node = Node::open(store.clone()).unwrap();
        demo::seed(&node, "demo", NOW).unwrap();
        (store, node)
    })
}

fn state() -> State {
    seeded().1.read(State::clone)
}

fn statuses(state: &State, plan: PlanId) -> Vec<(TaskRef, TaskStatus, bool)> {
    let found = state.plans.plan(plan).unwrap();
    found
        .proposal
        .operations
        .iter()
        .map(|op| {
            let task = TaskRef { plan, operation: op.operation.clone(), unit: op.unit };
            let record = state.execution.task(&task);
            (task, record.status, record.blocked.is_some())
        })
        .collect()
}

#[test]
fn prod_0031_is_dec_0019s_twelve_guitars_partly_executed() {
    let state = state();
    state.check_invariants().unwrap();
    let plan = state.plans.plan(ACTIVE_PLAN).expect("PROD-0031 exists");
    assert_eq!(plan.status, PlanStatus::Committed);
    let mandate = state.plans.mandate(plan.mandate).unwrap();
    assert_eq!(mandate.decision, Some(DecisionId(19)));
    assert_eq!(mandate.qty, 12);
    assert!(plan.proposal.verdict.infeasible.is_empty());

    let tasks = statuses(&state, ACTIVE_PLAN);
    assert_eq!(tasks.len(), 12 * 23);
    let count = |wanted: TaskStatus| tasks.iter().filter(|(_, status, _)| *status == wanted).count();
    assert!(count(TaskStatus::Verified) >= 5, "verified: {}", count(TaskStatus::Verified));
    assert!(count(TaskStatus::InProgress) >= 1, "in progress: {}", count(TaskStatus::InProgress));
    assert!(count(TaskStatus::Done) >= 1, "a task waits for its check");
    assert_eq!(tasks.iter().filter(|(_, _, blocked)| *blocked).count(), 1, "one task is blocked");
    let labor_for_plan = state
        .credits
        .labor()
        .iter()
        .filter(|record| record.task.as_deref().is_some_and(|task| task.starts_with(&format!("{ACTIVE_PLAN}/"))));
    assert_eq!(labor_for_plan.count(), count(TaskStatus::Verified), "each verified task records labor");
}

#[test]
fn the_history_before_it_has_finished_cancelled_and_superseded_plans() {
    let state = state();
    let plans: Vec<_> = (1..ACTIVE_PLAN.0).map(|n| state.plans.plan(PlanId(n)).unwrap()).collect();
    let with = |status: PlanStatus| plans.iter().filter(|plan| plan.status == status).count();
    assert!(with(PlanStatus::Cancelled) >= 5, "cancelled: {}", with(PlanStatus::Cancelled));
    assert!(with(PlanStatus::Superseded) >= 2, "superseded: {}", with(PlanStatus::Superseded));
    let finished = plans
        .iter()
        .filter(|plan| plan.status == PlanStatus::Committed)
        .filter(|plan| statuses(&state, plan.id).iter().all(|(_, status, _)| *status == TaskStatus::Verified))
        .count();
    assert!(finished >= 4, "finished batches: {finished}");
    // Nothing of the story happens after the moment it was seeded.
    let (store, _) = seeded();
    let mut last = 0;
    prodos_ledger::LedgerStore::scan(store.as_ref(), 1, &mut |entry| {
        assert!(entry.recorded_at_ms >= last, "entry {} goes back in time", entry.seq);
        last = entry.recorded_at_ms;
        Ok(())
    })
    .unwrap();
    assert!(last <= NOW.millis());
}

/// The guitar walk from commit to distribution: every batch the story committed was worked task
/// by task, each finished guitar became a good, two went to members, and the invariants hold
/// (credits = labor − decay − spending, consumption traced to lots, no good released twice, a
/// unit is one good and only once finished).
#[test]
fn every_finished_guitar_is_a_good_and_the_member_builds_went_to_their_builders() {
    let state = state();
    state.check_invariants().unwrap();
    let finished_units: usize = state
        .plans
        .plans()
        .filter(|plan| plan.status != PlanStatus::Cancelled)
        .map(|plan| {
            (1..=plan.proposal.qty)
                .filter(|&unit| {
                    statuses(&state, plan.id)
                        .iter()
                        .filter(|(task, _, _)| task.unit == unit)
                        .all(|(_, status, _)| *status == TaskStatus::Verified)
                })
                .count()
        })
        .sum();
    let goods: Vec<_> = state.distribution.goods().collect();
    assert!(finished_units >= 10, "finished guitars: {finished_units}");
    assert_eq!(goods.len(), finished_units, "one good per finished unit");
    assert!(goods.iter().all(|good| good.origin.starts_with("PROD-") && good.serial.starts_with("acoustic-guitar-")));
    let released_to: Vec<&str> = state.distribution.releases().iter().map(|release| release.to.as_str()).collect();
    assert_eq!(released_to, ["ines", "eli"]);
}

#[test]
fn the_people_have_varied_certifications_availability_and_training() {
    let state = state();
    let people: Vec<_> = state.people.iter().collect();
    assert!(people.len() >= 12, "{} participants", people.len());
    assert_eq!(people.iter().filter(|person| person.coordinator).count(), 1);
    assert!(state.people.get(COORDINATOR).unwrap().coordinator);
    let levels: std::collections::BTreeSet<u8> =
        people.iter().flat_map(|person| person.skills_at(NOW).into_values()).collect();
    assert!(levels.len() >= 4, "levels held: {levels:?}");
    let soon = Timestamp(NOW.millis() + 14 * 86_400_000);
    let expiring = people
        .iter()
        .flat_map(|person| person.valid_certifications(NOW))
        .filter(|cert| cert.expires_at.is_some_and(|expires| expires <= soon))
        .count();
    assert_eq!(expiring, 1, "one certification expires within two weeks");
    assert!(people.iter().any(|person| person.is_absent_on(Day::of(NOW))));
    assert!(people.iter().any(|person| person.availability.minutes_per_weekday[5] > 0), "someone works Saturdays");
    for handle in [PARTICIPANT_A, PARTICIPANT_B] {
        assert!(state.credits.labor_of(handle).count() > 0, "{handle} has verified labor");
    }
}

/// The end-to-end browser test starts a task as participant A and verifies it as participant B.
#[test]
fn participant_a_has_a_ready_task_that_participant_b_may_verify() {
    let state = state();
    let task = demo::task_for_a_and_b(&state, NOW).expect("a task for the demo logins");
    assert_eq!(task.plan, ACTIVE_PLAN);
    assert_eq!(state.execution.task(&task).status, TaskStatus::Ready);
}

#[test]
fn seeding_again_writes_nothing() {
    let (store, node) = seeded();
    let head = node.head();
    demo::seed(node, "demo", Timestamp(NOW.millis() + 60_000)).unwrap();
    assert_eq!(node.head(), head);
    assert_eq!(prodos_ledger::LedgerStore::head(store.as_ref()).unwrap(), head);
}

/// The demo is seeded at whatever moment someone runs it: a weekend night, just before the
/// working day, just after it. Each time the story ends with the same plan under way.
#[test]
fn the_story_holds_at_any_moment_of_the_week() {
    const HOUR: i64 = 3_600_000;
    let sunday_night = NOW.millis() + 4 * 24 * HOUR + 13 * HOUR;
    let monday_early = sunday_night + 9 * HOUR;
    let friday_evening = NOW.millis() + 2 * 24 * HOUR + 7 * HOUR;
    for at in [sunday_night, monday_early, friday_evening].map(Timestamp) {
        let node = Node::open(Arc::new(MemoryLedger::default())).unwrap();
        demo::seed(&node, "demo", at).unwrap();
        let state = node.read(State::clone);
        state.check_invariants().unwrap();
        let tasks = statuses(&state, ACTIVE_PLAN);
        assert!(tasks.iter().any(|(_, status, _)| *status == TaskStatus::Verified), "at {at:?}");
        assert_eq!(tasks.iter().filter(|(_, _, blocked)| *blocked).count(), 1, "at {at:?}");
        assert!(demo::task_for_a_and_b(&state, at).is_some(), "at {at:?}");
    }
}

#[test]
fn production_active_lists_plans_being_worked_not_finished_batches() {
    let state = state();
    let active = prodos_app::views::people::ProductionView::all(&state, true);
    let ids: Vec<&str> = active.iter().map(|view| view.plan_id.as_str()).collect();
    assert!(ids.contains(&ACTIVE_PLAN.to_string().as_str()), "PROD-0031 is active: {ids:?}");
    for view in &active {
        assert!(view.tasks_complete < view.tasks_total, "{} is finished yet listed as active", view.plan_id);
    }
    let all = prodos_app::views::people::ProductionView::all(&state, false);
    assert!(all.iter().any(|view| view.status == "committed" && view.tasks_complete == view.tasks_total));
}

#[test]
fn the_public_record_says_what_was_produced_by_whom_with_what() {
    let state = state();
    let record = prodos_app::views::PublicRecordView::of(&state, 42, "ab".into());
    assert_eq!((record.head_seq, record.head_hash.as_str()), (42, "ab"));
    let active = record.batches.iter().find(|batch| batch.plan == ACTIVE_PLAN.to_string()).unwrap();
    assert_eq!((active.state, active.mandated_by.as_str(), active.qty), ("in production", "DEC-0019", 12));
    let finished: Vec<_> = record.batches.iter().filter(|batch| batch.state == "finished").collect();
    assert!(finished.len() >= 4, "finished batches: {}", finished.len());
    for batch in &finished {
        assert_eq!(batch.units_finished, batch.qty, "{} finished all its units", batch.plan);
        assert_eq!(batch.tasks_verified, batch.tasks_total);
        assert!(batch.labor.len() >= 3, "{} was worked by several people", batch.plan);
        let hours: f64 = batch.labor.iter().map(|share| share.hours.parse::<f64>().unwrap()).sum();
        assert!((hours - batch.labor_hours_total.parse::<f64>().unwrap()).abs() < 0.01);
        assert!(hours > 20.0 * f64::from(batch.qty), "{}: {hours} h for {} guitars", batch.plan, batch.qty);
        assert!(batch.materials.iter().any(|used| used.provenance.starts_with("supplier:")), "{}", batch.plan);
    }
    assert!(record.batches.iter().any(|batch| batch.rework > 0), "the school batch had a bridge re-glued");
    assert_eq!(record.goods.len(), state.distribution.goods().count());
    assert_eq!(record.goods.iter().filter(|good| good.released_to.is_some()).count(), 2);
    assert!(record.certified_designs.iter().any(|design| design.key == "acoustic-guitar"));
}

/// The quality history: every verified task with checks was inspected first; neck relief drifts
/// as the setup gauge wears and trips a run rule naming what the samples share; the fair's fret
/// flaw went through a nonconformance, a verified rework and a re-inspection, and the yield and
/// rework hours say so.
#[test]
fn the_guitars_have_a_quality_history_with_a_drift_signal_and_a_rework() {
    let node = &seeded().1;
    let state = state();
    for (task, record) in state.execution.touched() {
        if record.status != TaskStatus::Verified || task.reworked().is_some() {
            continue;
        }
        let plan = state.plans.plan(task.plan).unwrap();
        let spec = &state.designs.version(plan.proposal.design).unwrap().spec;
        let Some(operation) = spec.operation(&task.operation) else { continue };
        for check in &operation.checks {
            let latest = state.quality.latest(task, &check.key());
            assert!(latest.is_some(), "{task} was verified without `{}` recorded", check.name);
        }
    }
    let chart = prodos_app::queries::spc(node, prodos_core::DesignId(1), "neck-relief", None).unwrap();
    let drift = chart.signals.iter().find(|signal| signal.rule == "Nelson 5" || signal.rule == "Nelson 6");
    let drift = drift.expect("the drifting neck relief trips a run rule");
    assert!(!drift.shared_tools.is_empty(), "the samples share the setup bench: {drift:?}");
    assert!(chart.points.iter().any(|point| !point.signalled.is_empty()));

    let ncrs = prodos_app::queries::nonconformances(node, false);
    assert_eq!(ncrs.len(), 2, "{ncrs:?}");
    assert_eq!((ncrs[0].status, ncrs[0].rework_status), ("rework", Some("verified")));
    let fret = TaskRef {
        plan: ncrs[0].subject.split('/').next().unwrap().parse().unwrap(),
        operation: "fret".into(),
        unit: 2,
    };
    assert_eq!(state.execution.task(&fret).status, TaskStatus::Verified, "re-inspected, then verified");

    // The consignment's second guitar is scrapped at the closed box: its wood is written off with
    // its lots, and the plan reports that it delivers one guitar of two.
    let scrap = &ncrs[1];
    assert_eq!(scrap.status, "scrap");
    assert!(scrap.subject.ends_with("/close-box#2"), "{scrap:?}");
    assert!(scrap.written_off.iter().any(|line| line.material.contains("spruce")), "{:?}", scrap.written_off);
    let consignment: PlanId = scrap.subject.split('/').next().unwrap().parse().unwrap();
    let detail = prodos_app::planning::plan_detail(node, consignment).unwrap();
    assert_eq!(detail.scrapped.len(), 1);
    assert!(detail.shortfall.as_deref().unwrap().contains("delivers 1 of the mandate's 2"), "{:?}", detail.shortfall);

    let summary = prodos_app::queries::quality_summary(node, prodos_core::DesignId(1)).unwrap();
    let fret_row = summary.operations.iter().find(|row| row.operation == "fret").unwrap();
    assert_eq!((fret_row.nonconformances, fret_row.reworks, fret_row.rework_hours), (1, 1, 0.75));
    assert_eq!(fret_row.first_pass + 1, fret_row.inspected);
    assert!(summary.weeks.iter().any(|week| week.defects == 1 && week.reworks == 1));
}
