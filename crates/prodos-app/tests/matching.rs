//! The matcher and the core agree: on random workshops (people with random certifications,
//! expiries, weeks and absences; a committed plan with random overlapping instances and crews),
//! whatever `propose_match` proposes is accepted by `decide`, confirmed, accepted by each member,
//! and a decline's re-matched replacement is accepted too. Nobody ends up in two overlapping crews.

use prodos_app::matching::{decline_command, propose_match};
use prodos_core::design::{DesignSpec, Lifetime, ModuleSpec, OperationSpec, PartLine, Precedence, QualityCheck};
use prodos_core::execution::TaskRef;
use prodos_core::people::{NewParticipant, PeopleCommand};
use prodos_core::plan::{Day, PlanProposal, ScheduledOperation, Verdict};
use prodos_core::*;
use prodos_core::{DesignCommand, PlanCommand};
use prodos_testkit::World;
use proptest::prelude::*;

const MIN: i64 = 60_000;

#[derive(Debug, Clone)]
struct Member {
    certs: Vec<(usize, i64, Option<i64>)>,
    week: [i64; 7],
    absent_day: Option<i64>,
}

#[derive(Debug, Clone)]
struct Step {
    skill: usize,
    level: i64,
    crew: i64,
    day: i64,
    offset_min: i64,
    duration_min: i64,
}

const SKILLS: [&str; 2] = ["joinery", "finishing"];

fn member() -> impl Strategy<Value = Member> {
    let cert = (0..2usize, 1..=5i64, proptest::option::weighted(0.3, 0..6i64));
    let hours = prop_oneof![Just(0i64), Just(120), Just(240), Just(480)];
    (proptest::collection::vec(cert, 0..3), proptest::array::uniform7(hours), proptest::option::weighted(0.3, 0..5i64))
        .prop_map(|(certs, week, absent_day)| Member { certs, week, absent_day })
}

fn step() -> impl Strategy<Value = Step> {
    (0..2usize, 1..=4i64, 1..=3i64, 0..5i64, 0..8i64, 1..=8i64).prop_map(|(skill, level, crew, day, slot, length)| {
        let duration_min = length * 30;
        Step { skill, level, crew, day, offset_min: (slot * 30).min(480 - duration_min), duration_min }
    })
}

fn design(steps: &[Step]) -> DesignSpec {
    let operations = steps
        .iter()
        .enumerate()
        .map(|(index, step)| OperationSpec {
            id: format!("op{index}"),
            name: format!("Step {index}"),
            module: Some("body".into()),
            duration_min: step.duration_min,
            skill: Some(SKILLS[step.skill].into()),
            min_level: step.level,
            crew: step.crew,
            tools: vec![],
            after: if index == 0 {
                vec![]
            } else {
                vec![Precedence { operation: format!("op{}", index - 1), lag_min: 0 }]
            },
            consumes: if index == 0 { vec!["board".into()] } else { vec![] },
            checks: if index + 1 == steps.len() {
                vec![QualityCheck::measured("flat", 0.0, 1.0, "mm")]
            } else {
                vec![]
            },
            safety: None,
        })
        .collect();
    DesignSpec {
        quality: Default::default(),
        key: "box".into(),
        name: "Box".into(),
        summary: "A box".into(),
        lifetime: Lifetime {
            service_life_years: Some(10),
            maintenance_interval_days: Some(365),
            repairability: "Screwed together.".into(),
        },
        skills: SKILLS
            .iter()
            .map(|skill| prodos_core::design::SkillDef { id: skill.to_string(), name: skill.to_string() })
            .collect(),
        tools: vec![],
        modules: vec![ModuleSpec { id: "body".into(), name: "Body".into(), parent: None, count: 1 }],
        parts: vec![PartLine {
            id: "board".into(),
            name: "Board".into(),
            module: "body".into(),
            material: "pine-board".into(),
            qty: Milli::ONE,
            unit: Unit::Piece,
            scrap_bp: 0,
            supplier_hints: vec![],
            replaceable: None,
            tools: Vec::new(),
        }],
        operations,
    }
}

/// A committed plan for `units` boxes, each step of each unit on its own random slot of the week.
fn shop(members: &[Member], steps: &[Step], units: u32) -> World {
    let monday = Day::from_ymd(2027, 1, 4).unwrap();
    let mut shop = World::frozen_at(monday.plus(-1).start());
    shop.run(Command::Design(DesignCommand::ImportDesign { spec: design(steps), declared: None })).unwrap();
    let selector = DesignSelector { design: DesignId(1), version: None };
    shop.run(Command::Design(DesignCommand::CertifyDesign { design: selector })).unwrap();
    let mut people = vec![NewParticipant { handle: "coord".into(), real_name: None, coordinator: true }];
    people.extend((0..members.len()).map(|i| NewParticipant {
        handle: format!("p{i}"),
        real_name: None,
        coordinator: false,
    }));
    shop.run(Command::People(PeopleCommand::AddParticipants { participants: people, by: None })).unwrap();
    for (index, member) in members.iter().enumerate() {
        let handle = format!("p{index}");
        for (skill, level, expires) in &member.certs {
            let grant = PeopleCommand::GrantCertification {
                handle: handle.clone(),
                skill: SKILLS[*skill].into(),
                level: *level,
                expires_on: expires.map(|day| monday.plus(day)),
                by: "coord".into(),
            };
            shop.run(Command::People(grant)).unwrap();
        }
        let week = PeopleCommand::SetAvailability { handle: handle.clone(), minutes_per_weekday: member.week };
        shop.run(Command::People(week)).unwrap();
        if let Some(day) = member.absent_day {
            let away = PeopleCommand::RecordAbsence {
                handle,
                from: monday.plus(day),
                to: monday.plus(day),
                reason: "away".into(),
            };
            shop.run(Command::People(away)).unwrap();
        }
    }
    let due = monday.plus(30);
    shop.run(Command::Plan(PlanCommand::CreateMandate {
        design: selector,
        qty: i64::from(units),
        due,
        decision: None,
        priority: 0,
    }))
    .unwrap();
    let mut operations = Vec::new();
    for unit in 1..=units {
        for (index, step) in steps.iter().enumerate() {
            let day = monday.plus((step.day + i64::from(unit) - 1 + index as i64) % 5);
            let start = Timestamp::from_millis(day.start().millis() + (480 + step.offset_min) * MIN);
            operations.push(ScheduledOperation {
                operation: format!("op{index}"),
                unit,
                start,
                end: Timestamp::from_millis(start.millis() + step.duration_min * MIN),
                start_work_min: 0,
                end_work_min: 0,
                slack_work_min: 0,
                critical: false,
                resources: vec![],
                crew: Vec::new(),
                carried: None,
            });
        }
    }
    let proposal = PlanProposal {
        design: DesignRef { design: DesignId(1), version: 1 },
        qty: units,
        start: monday.start(),
        materials: vec![],
        purchases: vec![],
        operations,
        verdict: Verdict {
            due,
            finish: None,
            on_time: true,
            late_by_work_days: 0,
            late_by_days: 0,
            makespan_work_min: 0,
            critical_path: vec![],
            bottleneck: None,
            resource_loads: vec![],
            skill_hours: vec![],
            material_problems: vec![],
            infeasible: vec![],
            schedules_generated: 1,
            lower_bound_work_min: 0,
            capacity_notes: Vec::new(),
            displaces: Vec::new(),
        },
        continues: None,
    };
    shop.run(Command::Plan(PlanCommand::RecordPlanProposal { mandate: MandateId(1), proposal })).unwrap();
    shop.run(Command::Plan(PlanCommand::CommitPlan { plan: PlanId(1) })).unwrap();
    shop
}

fn members_of(state: &State, task: &TaskRef) -> Vec<String> {
    state.matching.crew(task).map(|crew| crew.members.iter().map(|m| m.handle.clone()).collect()).unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn whatever_the_matcher_proposes_the_core_accepts(
        members in proptest::collection::vec(member(), 1..8),
        steps in proptest::collection::vec(step(), 1..5),
        units in 1u32..4,
        decliner_pick in any::<usize>(),
    ) {
        let mut shop = shop(&members, &steps, units);
        let run = propose_match(&shop.state, PlanId(1), "coord", shop.now).unwrap();
        prop_assert!(run.places_filled <= run.places_open);
        shop.run(run.command).unwrap();
        let confirm = prodos_core::matching::MatchingCommand::ConfirmMatch { plan: PlanId(1), by: "coord".into() };
        shop.run(Command::Matching(confirm)).unwrap();
        let crews: Vec<(TaskRef, Vec<String>)> = shop
            .state
            .matching
            .crews()
            .map(|(task, crew)| (task.clone(), crew.members.iter().map(|m| m.handle.clone()).collect()))
            .collect();
        for (task, handles) in &crews {
            for handle in handles {
                let accept = prodos_core::matching::MatchingCommand::Accept { task: task.clone(), handle: handle.clone() };
                shop.run(Command::Matching(accept)).unwrap();
            }
        }
        // Nobody in two crews at once.
        let plan = shop.state.plans.plan(PlanId(1)).unwrap().clone();
        let slots = prodos_core::orchestration::task_slots::plan_slots(&shop.state, &plan);
        for (i, a) in slots.iter().enumerate() {
            for b in &slots[i + 1..] {
                if a.overlaps(b.start, b.end) {
                    let (left, right) = (members_of(&shop.state, &a.task), members_of(&shop.state, &b.task));
                    prop_assert!(left.iter().all(|h| !right.contains(h)), "{} and {} share people", a.task, b.task);
                }
            }
        }
        // A decline's replacement passes the core's checks too, and is never the decliner.
        let staffed: Vec<&(TaskRef, Vec<String>)> = crews.iter().filter(|(_, handles)| !handles.is_empty()).collect();
        if !staffed.is_empty() {
            let (task, handles) = staffed[decliner_pick % staffed.len()];
            let decliner = &handles[decliner_pick % handles.len()];
            let command = decline_command(&shop.state, task, decliner, "ill", shop.now).unwrap();
            shop.run(command).unwrap();
            let after = members_of(&shop.state, task);
            prop_assert!(!after.contains(decliner));
            prop_assert!(after.len() + 1 >= handles.len());
        }
        prop_assert_eq!(shop.state.check_invariants(), Ok(()));
    }
}
