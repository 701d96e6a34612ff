//! Scenario tests of the planner on the example designs: a small world built from the files in
//! `examples/`, commands decided and applied, proposals recorded, committed and cancelled; every
//! scenario ends with `State::check_invariants`.

use prodos_core::plan::{Day, PlanStatus};
use prodos_core::units::Milli;
use prodos_core::*;
use prodos_core::{DesignCommand, PlanCommand};

mod world;
use world::{Propose, World};

#[test]
fn twelve_guitars_with_one_drying_rack_wait_on_the_rack() {
    let mut world = World::example();
    world.staff_for(1);
    let mandate = world.mandate(1, 12, "2027-03-01");
    let proposal = world.propose(mandate);
    let verdict = &proposal.verdict;
    assert!(verdict.infeasible.is_empty(), "{:?}", verdict.infeasible);
    // The example catalog sells no bone nut blanks on purpose: the verdict names the shortage.
    let problems = verdict.material_problems.join("\n");
    assert!(problems.contains("material `bone-nut-blank`: 6 pc short and no available supplier offer"), "{problems}");
    let n_operations = world.state.designs.get(DesignId(1)).unwrap().latest().spec.operations.len();
    assert_eq!(proposal.operations.len(), 12 * n_operations);
    assert_eq!(verdict.bottleneck.as_ref().unwrap().resource, "drying-rack", "{:?}", verdict.resource_loads);
    assert!(!verdict.on_time && verdict.late_by_days > 0, "one rack cannot cure 12 finishes by March");
    assert!(!verdict.critical_path.is_empty());
    // Three top sets are in stock; the other nine are bought.
    let tops = proposal.materials.iter().find(|need| need.material == "sitka-spruce-top-set").unwrap();
    assert_eq!(tops.from_stock, Milli::from_units(3));
    assert!(proposal.purchases.iter().any(|p| p.material == "sitka-spruce-top-set" && p.qty >= tops.shortage));
    world.check_invariants();
}

#[test]
fn a_missing_skill_and_tool_are_named_not_scheduled() {
    let mut world = World::example();
    world.staff_for(1);
    // No declared headcount left for the skill: participants count, and none is certified.
    world.must(Command::Plan(PlanCommand::DeclareSkillHeadcount {
        skill: "finishing.spray".into(),
        level: 5,
        headcount: 0,
    }));
    world.must(Command::Plan(PlanCommand::DeclareToolCount { tool: "fret-press".into(), count: 0 }));
    let mandate = world.mandate(1, 2, "2027-06-01");
    let proposal = world.propose(mandate);
    let infeasible = proposal.verdict.infeasible.join("\n");
    assert!(
        infeasible.contains(
            "skill `finishing.spray`: no participant holds a valid certification and offers working hours \
             (level ≥ 2 needed by operations fill-and-sand, "
        ),
        "{infeasible}"
    );
    assert!(infeasible.contains("tool `fret-press`: the node has none (operations fret)"), "{infeasible}");
    assert!(proposal.operations.is_empty());
    let plan = world.record(mandate, proposal);
    let refused = world.refuse(Command::Plan(PlanCommand::CommitPlan { plan }));
    assert!(refused.to_string().contains("cannot be committed"), "{refused}");
    world.check_invariants();
}

#[test]
fn commit_reserves_exactly_the_netted_stock_and_cancel_releases_it() {
    let mut world = World::example();
    world.staff_for(1);
    let mandate = world.mandate(1, 2, "2027-06-01");
    let proposal = world.propose(mandate);
    let netted: Vec<(String, Milli)> = proposal
        .materials
        .iter()
        .filter(|n| n.from_stock > Milli::ZERO)
        .map(|n| (n.material.clone(), n.from_stock))
        .collect();
    assert!(!netted.is_empty());
    let plan = world.record(mandate, proposal);
    world.must(Command::Plan(PlanCommand::CommitPlan { plan }));
    let purpose = plan.to_string();
    for (material, qty) in &netted {
        assert_eq!(world.state.stock.reserved_for(material, &purpose), *qty, "{material}");
    }
    assert!(world.must(Command::Plan(PlanCommand::CommitPlan { plan })).is_empty(), "committing twice changes nothing");
    world.check_invariants();

    // Re-planning: a new proposal may reuse what the committed plan holds; committing it
    // supersedes the old plan and moves the reservations.
    let again = world.propose(mandate);
    let again_netted: Vec<(String, Milli)> = again
        .materials
        .iter()
        .filter(|n| n.from_stock > Milli::ZERO)
        .map(|n| (n.material.clone(), n.from_stock))
        .collect();
    assert_eq!(again_netted, netted, "the committed plan's own stock counts as available when re-planning");
    let replacement = world.record(mandate, again);
    world.must(Command::Plan(PlanCommand::CommitPlan { plan: replacement }));
    assert_eq!(world.state.plans.plan(plan).unwrap().status, PlanStatus::Superseded);
    for (material, qty) in &netted {
        assert_eq!(world.state.stock.reserved_for(material, &purpose), Milli::ZERO);
        assert_eq!(world.state.stock.reserved_for(material, &replacement.to_string()), *qty);
    }
    world.check_invariants();

    world.must(Command::Plan(PlanCommand::CancelPlan { plan: replacement }));
    for (material, _) in &netted {
        assert_eq!(world.state.stock.reserved_for(material, &replacement.to_string()), Milli::ZERO);
    }
    let closed = world.refuse(Command::Plan(PlanCommand::CommitPlan { plan: replacement }));
    assert_eq!(closed.to_string(), "PROD-0002 is cancelled; propose a new plan instead");
    world.check_invariants();
}

#[test]
fn the_house_plans_with_its_crews() {
    let mut world = World::example();
    let spec = world.state.designs.get(DesignId(2)).unwrap().latest().spec.clone();
    for skill in &spec.skills {
        world.must(Command::Plan(PlanCommand::DeclareSkillHeadcount {
            skill: skill.id.clone(),
            level: 5,
            headcount: 4,
        }));
    }
    for tool in &spec.tools {
        world.must(Command::Plan(PlanCommand::DeclareToolCount { tool: tool.id.clone(), count: 2 }));
    }
    let mandate = world.mandate(2, 1, "2027-09-01");
    let proposal = world.propose(mandate);
    assert!(proposal.verdict.infeasible.is_empty(), "{:?}", proposal.verdict.infeasible);
    let problems = proposal.verdict.material_problems.join("\n");
    assert!(problems.contains("material `fibre-cement-siding`: 63.8 m2 short"), "{problems}");
    assert!(!proposal.verdict.on_time, "a plan missing siding is not on time");
    // 16 wall modules × 7 studs + 5 % scrap is 117.6: studs are bought and taken whole.
    let studs = proposal.materials.iter().find(|need| need.material == "lumber-2x6-2.4m").unwrap();
    assert_eq!((studs.required, studs.from_stock, studs.shortage), (Milli(118_000), Milli(80_000), Milli(38_000)));
    // Wall and roof modules (crews of 4 framers, 80 hours) dominate with 4 people per skill.
    let bottleneck = proposal.verdict.bottleneck.as_ref().unwrap();
    assert!(bottleneck.resource.starts_with("construction.framing"), "{:?}", proposal.verdict.resource_loads);
    assert_eq!(proposal.operations.len(), spec.operations.len());
    assert!(proposal.verdict.finish.is_some());
    world.check_invariants();
}

#[test]
fn bad_mandates_are_refused_naming_the_field() {
    let mut world = World::example();
    let selector = DesignSelector { design: DesignId(1), version: None };
    let due: Day = "2027-03-01".parse().unwrap();
    let zero = world.refuse(Command::Plan(PlanCommand::CreateMandate {
        design: selector,
        qty: 0,
        due,
        decision: None,
        priority: 0,
    }));
    assert_eq!(zero.to_string(), "field `qty`: must be positive, got 0");
    let past: Day = "2026-01-01".parse().unwrap();
    let late = world.refuse(Command::Plan(PlanCommand::CreateMandate {
        design: selector,
        qty: 1,
        due: past,
        decision: None,
        priority: 0,
    }));
    assert_eq!(late.to_string(), "field `due`: 2026-01-01 is in the past (today is 2026-11-23)");
    let unknown = DesignSelector { design: DesignId(9), version: None };
    let missing = world.refuse(Command::Plan(PlanCommand::CreateMandate {
        design: unknown,
        qty: 1,
        due,
        decision: None,
        priority: 0,
    }));
    assert_eq!(missing.to_string(), "unknown design DES-0009");
    world.must(Command::Design(DesignCommand::RetireDesign {
        design: DesignSelector { design: DesignId(1), version: Some(1) },
    }));
    let retired = world.refuse(Command::Plan(PlanCommand::CreateMandate {
        design: selector,
        qty: 1,
        due,
        decision: None,
        priority: 0,
    }));
    assert_eq!(retired.to_string(), "DES-0001@v1 is retired, not certified");
    world.check_invariants();
}

mod explosion_properties {
    use prodos_core::design::{DesignSpec, Lifetime, ModuleSpec, PartLine};
    use prodos_core::units::{Milli, Unit};
    use proptest::prelude::*;

    /// A random module tree (each module's parent comes before it) with part lines on random
    /// modules and a handful of shared materials.
    fn spec_strategy() -> impl Strategy<Value = DesignSpec> {
        let modules = prop::collection::vec((any::<prop::sample::Index>(), 1i64..5), 1..12);
        let parts = prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, 1i64..5_000, 0i64..3_000), 1..40);
        (modules, parts).prop_map(|(modules, parts)| {
            let modules: Vec<ModuleSpec> = modules
                .iter()
                .enumerate()
                .map(|(idx, (parent, count))| ModuleSpec {
                    id: format!("m{idx}"),
                    name: format!("M{idx}"),
                    parent: (idx > 0 && parent.index(2) == 1).then(|| format!("m{}", parent.index(idx))),
                    count: *count,
                })
                .collect();
            let parts = parts
                .iter()
                .enumerate()
                .map(|(idx, (module, material, qty, scrap_bp))| PartLine {
                    id: format!("p{idx}"),
                    name: format!("P{idx}"),
                    module: format!("m{}", module.index(modules.len())),
                    material: format!("mat{material}"),
                    qty: Milli(*qty),
                    unit: Unit::Piece,
                    scrap_bp: *scrap_bp,
                    supplier_hints: Vec::new(),
                    replaceable: None,
                    tools: Vec::new(),
                })
                .collect();
            DesignSpec {
                quality: Default::default(),
                key: "random".into(),
                name: "Random".into(),
                summary: String::new(),
                lifetime: Lifetime::default(),
                skills: Vec::new(),
                tools: Vec::new(),
                modules,
                parts,
                operations: Vec::new(),
            }
        })
    }

    fn multiplier(spec: &DesignSpec, module: &str) -> i128 {
        let mut product = 1i128;
        let mut current = spec.module(module);
        while let Some(found) = current {
            product *= i128::from(found.count);
            current = found.parent.as_deref().and_then(|parent| spec.module(parent));
        }
        product
    }

    proptest! {
        #[test]
        fn totals_are_qty_times_counts_times_scrap_times_units(spec in spec_strategy(), units in 1u32..50) {
            let explosion = prodos_planning::explode(&spec, units, |_| None);
            prop_assert!(explosion.problems.is_empty());
            for (part, line) in spec.parts.iter().zip(&explosion.lines) {
                let gross = i128::from(part.qty.0) * multiplier(&spec, &part.module) * i128::from(units);
                let with_scrap = (gross * (10_000 + i128::from(part.scrap_bp)) + 9_999) / 10_000;
                prop_assert_eq!(i128::from(line.total.0), with_scrap, "part {}", part.id);
            }
            for total in &explosion.materials {
                let sum: i64 = explosion.lines.iter().filter(|l| l.material == total.material).map(|l| l.total.0).sum();
                // Pieces are required whole: the fractions of the lines round up once, per material.
                prop_assert_eq!(total.total.0, (sum + 999) / 1000 * 1000);
            }
        }
    }
}
