//! One test per problem kind: start from a small certifiable design, break one thing, and check
//! that exactly the expected problem (item, field, message) comes out.

use super::*;
use crate::design::QualityCheck;
use crate::design::spec::*;
use crate::units::{Milli, Unit};

/// A stool: seat and three legs, glued then oiled; certifiable as it stands.
fn stool() -> DesignSpec {
    DesignSpec {
        quality: Default::default(),
        key: "stool".into(),
        name: "Three-legged stool".into(),
        summary: "A milking stool".into(),
        lifetime: Lifetime {
            service_life_years: Some(30),
            maintenance_interval_days: Some(365),
            repairability: "re-glue legs".into(),
        },
        skills: vec![SkillDef { id: "wood.joinery".into(), name: "Joinery".into() }],
        tools: vec![ToolDef { id: "bench".into(), name: "Bench".into(), kind: ToolKind::Workstation }],
        modules: vec![
            ModuleSpec { id: "seat".into(), name: "Seat".into(), parent: None, count: 1 },
            ModuleSpec { id: "leg".into(), name: "Leg".into(), parent: Some("seat".into()), count: 3 },
        ],
        parts: vec![part("seat-blank", "seat", "oak-board", 1), part("leg-blank", "leg", "ash-dowel", 1)],
        operations: vec![
            operation("glue-up", &[], &["seat-blank", "leg-blank"]),
            OperationSpec {
                checks: vec![QualityCheck::measured("wobble", 0.0, 1.0, "mm")],
                safety: None,
                ..operation("oil", &["glue-up"], &[])
            },
        ],
    }
}

fn part(id: &str, module: &str, material: &str, qty: i64) -> PartLine {
    PartLine {
        id: id.into(),
        name: id.into(),
        module: module.into(),
        material: material.into(),
        qty: Milli::from_units(qty),
        unit: Unit::Piece,
        scrap_bp: 500,
        supplier_hints: vec![],
        replaceable: None,
        tools: Vec::new(),
    }
}

fn operation(id: &str, after: &[&str], consumes: &[&str]) -> OperationSpec {
    OperationSpec {
        id: id.into(),
        name: id.into(),
        module: Some("seat".into()),
        duration_min: 30,
        skill: Some("wood.joinery".into()),
        min_level: 2,
        crew: 1,
        tools: vec!["bench".into()],
        after: after.iter().map(|op| Precedence { operation: (*op).into(), lag_min: 0 }).collect(),
        consumes: consumes.iter().map(|p| (*p).into()).collect(),
        checks: vec![],
        safety: None,
    }
}

/// Asserts that `validate` reports exactly one problem, at `at`/`field`, containing `needle`.
fn check_one(spec: &DesignSpec, at: SpecPath, field: &str, needle: &str) {
    let problems = validate(spec);
    assert_eq!(problems.len(), 1, "expected one problem, got {problems:#?}");
    assert_eq!((&problems[0].at, problems[0].field.as_str()), (&at, field), "{problems:#?}");
    assert!(problems[0].message.contains(needle), "`{}` does not contain `{needle}`", problems[0].message);
}

fn op_path(id: &str) -> SpecPath {
    SpecPath::Operation(id.into())
}

#[test]
fn the_stool_is_valid_and_certifiable() {
    assert_eq!(validate(&stool()), vec![]);
    assert_eq!(certification_gaps(&stool()), vec![]);
}

#[test]
fn empty_key_name_and_bad_lifetime_are_reported() {
    let mut spec = stool();
    spec.key = " ".into();
    check_one(&spec, SpecPath::Design, "key", "must not be empty");
    spec.key = "my stool".into();
    check_one(&spec, SpecPath::Design, "key", "spaces");
    let mut spec = stool();
    spec.name = String::new();
    check_one(&spec, SpecPath::Design, "name", "must not be empty");
    let mut spec = stool();
    spec.lifetime.service_life_years = Some(0);
    check_one(&spec, SpecPath::Lifetime, "service_life_years", "must be positive");
    let mut spec = stool();
    spec.lifetime.maintenance_interval_days = Some(-3);
    check_one(&spec, SpecPath::Lifetime, "maintenance_interval_days", "got -3");
}

#[test]
fn empty_and_duplicate_ids_are_reported_per_kind() {
    let mut spec = stool();
    spec.skills.push(spec.skills[0].clone());
    check_one(&spec, SpecPath::Skill("wood.joinery".into()), "id", "duplicate skill id `wood.joinery`");
    let mut spec = stool();
    spec.tools.push(spec.tools[0].clone());
    check_one(&spec, SpecPath::Tool("bench".into()), "id", "duplicate tool id");
    let mut spec = stool();
    spec.parts.push(part("seat-blank", "seat", "oak-board", 1));
    let problems = validate(&spec);
    assert!(problems.iter().any(|p| p.message == "duplicate part id `seat-blank`"), "{problems:#?}");
    let mut spec = stool();
    spec.operations[1].id = "glue-up".into();
    let problems = validate(&spec);
    assert!(problems.iter().any(|p| p.message == "duplicate operation id `glue-up`"), "{problems:#?}");
    let mut spec = stool();
    spec.modules[1].name = String::new();
    check_one(&spec, SpecPath::Module("leg".into()), "name", "must not be empty");
    let mut spec = stool();
    spec.tools[0].id = String::new();
    let problems = validate(&spec);
    assert!(problems.iter().any(|p| p.message == "tool #1 has an empty id"), "{problems:#?}");
}

#[test]
fn the_same_id_in_two_kinds_is_fine() {
    let mut spec = stool();
    spec.operations[0].id = "seat".into();
    spec.operations[1].after[0].operation = "seat".into();
    assert_eq!(validate(&spec), vec![]);
}

#[test]
fn unknown_references_are_reported_by_name() {
    let mut spec = stool();
    spec.modules[1].parent = Some("frame".into());
    check_one(&spec, SpecPath::Module("leg".into()), "parent", "unknown module `frame`");
    let mut spec = stool();
    spec.parts[0].module = "frame".into();
    check_one(&spec, SpecPath::Part("seat-blank".into()), "module", "unknown module `frame`");
    let mut spec = stool();
    spec.operations[0].module = Some("frame".into());
    check_one(&spec, op_path("glue-up"), "module", "unknown module `frame`");
    let mut spec = stool();
    spec.operations[0].consumes.push("rung".into());
    check_one(&spec, op_path("glue-up"), "consumes", "unknown part `rung`");
    let mut spec = stool();
    spec.operations[1].after[0].operation = "sand".into();
    check_one(&spec, op_path("oil"), "after", "unknown operation `sand`");
    let mut spec = stool();
    spec.operations[0].skill = Some("wood.turning".into());
    check_one(&spec, op_path("glue-up"), "skill", "unknown skill `wood.turning`");
    let mut spec = stool();
    spec.operations[0].tools.push("lathe".into());
    check_one(&spec, op_path("glue-up"), "tools", "unknown tool `lathe`");
}

#[test]
fn a_parts_replacement_tools_are_the_designs_own_and_only_for_a_replaceable_part() {
    let mut spec = stool();
    spec.parts[1].replaceable = Some(true);
    spec.parts[1].tools = vec!["bench".into()];
    assert_eq!(validate(&spec), vec![], "a replaceable leg needing the bench is fine");
    spec.parts[1].tools.push("clamp".into());
    check_one(&spec, SpecPath::Part("leg-blank".into()), "tools", "unknown tool `clamp`");
    spec.parts[1].tools = vec!["bench".into(), "bench".into()];
    check_one(&spec, SpecPath::Part("leg-blank".into()), "tools", "tool `bench` is listed twice");
    spec.parts[1].tools = vec!["bench".into()];
    spec.parts[1].replaceable = None;
    check_one(&spec, SpecPath::Part("leg-blank".into()), "tools", "not stated `replaceable = true`");
}

#[test]
fn repeated_references_are_reported() {
    let mut spec = stool();
    spec.operations[0].tools.push("bench".into());
    check_one(&spec, op_path("glue-up"), "tools", "tool `bench` is listed twice");
    let mut spec = stool();
    spec.operations[1].after.push(Precedence { operation: "glue-up".into(), lag_min: 5 });
    check_one(&spec, op_path("oil"), "after", "listed twice");
    let mut spec = stool();
    spec.operations[1].consumes.push("seat-blank".into());
    check_one(&spec, op_path("oil"), "consumes", "already consumed by operation `glue-up`");
}

#[test]
fn non_positive_quantities_durations_and_counts_are_reported() {
    let mut spec = stool();
    spec.parts[0].qty = Milli::ZERO;
    check_one(&spec, SpecPath::Part("seat-blank".into()), "qty", "quantity must be positive, got 0 pc");
    spec.parts[0].qty = Milli(-1500);
    check_one(&spec, SpecPath::Part("seat-blank".into()), "qty", "got -1.5 pc");
    let mut spec = stool();
    spec.modules[1].count = 0;
    check_one(&spec, SpecPath::Module("leg".into()), "count", "count must be positive");
    let mut spec = stool();
    spec.operations[0].duration_min = -5;
    check_one(&spec, op_path("glue-up"), "duration_min", "duration must be positive, got -5 min");
    let mut spec = stool();
    spec.parts[1].material = String::new();
    check_one(&spec, SpecPath::Part("leg-blank".into()), "material", "must not be empty");
}

#[test]
fn scrap_must_be_between_zero_and_one_hundred_percent() {
    let mut spec = stool();
    spec.parts[0].scrap_bp = -100;
    check_one(&spec, SpecPath::Part("seat-blank".into()), "scrap_pct", "must not be negative, got -1 %");
    spec.parts[0].scrap_bp = 10_000;
    check_one(&spec, SpecPath::Part("seat-blank".into()), "scrap_pct", "below 100 %");
    spec.parts[0].scrap_bp = 9_999;
    assert_eq!(validate(&spec), vec![]);
}

#[test]
fn skill_levels_and_crews_are_checked() {
    let mut spec = stool();
    spec.operations[0].min_level = 6;
    check_one(&spec, op_path("glue-up"), "level", "between 1 and 5, got 6");
    spec.operations[0].min_level = 0;
    check_one(&spec, op_path("glue-up"), "level", "got 0");
    let mut spec = stool();
    spec.operations[0].crew = -1;
    check_one(&spec, op_path("glue-up"), "crew", "must not be negative");
    let mut spec = stool();
    spec.operations[0].crew = 0;
    check_one(&spec, op_path("glue-up"), "crew", "skill `wood.joinery` is required but crew is 0");
    let mut spec = stool();
    spec.operations[0].skill = None;
    check_one(&spec, op_path("glue-up"), "skill", "a crew of 1 needs a skill");
    let mut spec = stool();
    spec.operations[1].skill = None;
    spec.operations[1].crew = 0;
    assert_eq!(validate(&spec), vec![], "an unattended step without a skill is fine");
}

#[test]
fn negative_lags_and_self_precedence_are_reported() {
    let mut spec = stool();
    spec.operations[1].after[0].lag_min = -60;
    check_one(&spec, op_path("oil"), "after", "lag after `glue-up` must not be negative, got -60 min");
    let mut spec = stool();
    spec.operations[1].after[0].operation = "oil".into();
    check_one(&spec, op_path("oil"), "after", "cannot come after itself");
}

#[test]
fn quality_checks_need_a_name_a_unit_and_a_sane_tolerance() {
    let check_path = SpecPath::Check { operation: "oil".into(), index: 0 };
    let mut spec = stool();
    spec.operations[1].checks[0].tolerance = -0.5;
    check_one(&spec, check_path.clone(), "tolerance", "must not be negative, got -0.5");
    spec.operations[1].checks[0].tolerance = f64::INFINITY;
    check_one(&spec, check_path.clone(), "tolerance", "finite");
    let mut spec = stool();
    spec.operations[1].checks[0].nominal = f64::NAN;
    check_one(&spec, check_path.clone(), "nominal", "finite");
    let mut spec = stool();
    spec.operations[1].checks[0].unit = String::new();
    check_one(&spec, check_path.clone(), "unit", "must not be empty");
    let mut spec = stool();
    spec.operations[1].checks[0].name = String::new();
    check_one(&spec, check_path, "name", "must not be empty");
    let mut spec = stool();
    let again = spec.operations[1].checks[0].clone();
    spec.operations[1].checks.push(again);
    check_one(&spec, SpecPath::Check { operation: "oil".into(), index: 1 }, "name", "duplicate check `wobble`");
}

#[test]
fn chartable_checks_need_a_sample_count_known_rules_and_a_baseline() {
    let check_path = SpecPath::Check { operation: "oil".into(), index: 0 };
    let mut spec = stool();
    spec.operations[1].checks[0].samples = 11;
    check_one(&spec, check_path.clone(), "samples", "1 to 10, got 11");
    let mut spec = stool();
    spec.operations[1].checks[0].rules = vec!["nelson2".into(), "nelson9".into()];
    check_one(&spec, check_path.clone(), "rules", "unknown rule `nelson9`");
    let mut spec = stool();
    spec.operations[1].checks[0].baseline = Some(1);
    check_one(&spec, check_path.clone(), "baseline", "2 to 1000 samples, got 1");
    let mut spec = stool();
    let mut again = spec.operations[1].checks[0].clone();
    again.name = "Wobble!".into();
    spec.operations[1].checks.push(again);
    check_one(&spec, SpecPath::Check { operation: "oil".into(), index: 1 }, "id", "duplicate check id `wobble`");
    let mut spec = stool();
    spec.operations[1].id = "oil~1".into();
    spec.operations[1].name = "oil".into();
    let problems = validate(&spec);
    assert!(problems.iter().any(|problem| problem.field == "id" && problem.message.contains("names rework tasks")));
}

#[test]
fn a_build_sequence_cycle_is_named() {
    let mut spec = stool();
    spec.operations[0].after.push(Precedence { operation: "oil".into(), lag_min: 0 });
    check_one(&spec, op_path("glue-up"), "after", "cycle in build sequence: glue-up → oil → glue-up");
}

#[test]
fn a_longer_build_sequence_cycle_is_named_in_order() {
    let mut spec = stool();
    spec.operations.push(operation("sand", &["oil"], &[]));
    spec.operations[1].checks.clear();
    spec.operations[0].after.push(Precedence { operation: "sand".into(), lag_min: 0 });
    check_one(&spec, op_path("glue-up"), "after", "cycle in build sequence: glue-up → oil → sand → glue-up");
}

#[test]
fn a_bom_cycle_is_named() {
    let mut spec = stool();
    spec.modules[0].parent = Some("leg".into());
    check_one(&spec, SpecPath::Module("seat".into()), "parent", "cycle in BOM parent chain: seat → leg → seat");
    let mut spec = stool();
    spec.modules[1].parent = Some("leg".into());
    check_one(&spec, SpecPath::Module("leg".into()), "parent", "cycle in BOM parent chain: leg → leg");
}

#[test]
fn certification_gaps_name_what_is_missing() {
    let mut spec = stool();
    spec.summary.clear();
    spec.lifetime = Lifetime::default();
    let fields: Vec<String> =
        certification_gaps(&spec).into_iter().map(|gap| format!("{}.{}", gap.at, gap.field)).collect();
    assert_eq!(
        fields,
        [
            "design.summary",
            "lifetime.service_life_years",
            "lifetime.maintenance_interval_days",
            "lifetime.repairability"
        ]
    );
}

#[test]
fn a_draft_without_operations_or_parts_is_not_certifiable() {
    let mut spec = stool();
    spec.operations.clear();
    let gaps = certification_gaps(&spec);
    assert!(gaps.iter().any(|gap| gap.at == SpecPath::Design && gap.field == "operations"), "{gaps:#?}");
    assert!(gaps.iter().any(|gap| gap.at == SpecPath::Part("seat-blank".into())), "unconsumed parts: {gaps:#?}");
    let mut spec = stool();
    spec.parts.clear();
    spec.operations[0].consumes.clear();
    let gaps = certification_gaps(&spec);
    assert!(gaps.iter().any(|gap| gap.field == "parts" && gap.message.contains("no parts")), "{gaps:#?}");
    assert!(gaps.iter().any(|gap| gap.at == SpecPath::Module("leg".into())), "leg is now empty: {gaps:#?}");
}

#[test]
fn an_unconsumed_part_and_an_empty_module_are_gaps() {
    let mut spec = stool();
    spec.operations[0].consumes.pop();
    let gaps = certification_gaps(&spec);
    assert_eq!(gaps.len(), 1, "{gaps:#?}");
    assert_eq!(gaps[0].at, SpecPath::Part("leg-blank".into()));
    let mut spec = stool();
    spec.modules.push(ModuleSpec {
        id: "footrest".into(),
        name: "Footrest".into(),
        parent: Some("seat".into()),
        count: 1,
    });
    let gaps = certification_gaps(&spec);
    assert_eq!(gaps.len(), 1, "{gaps:#?}");
    assert!(gaps[0].message.contains("neither parts nor submodules"));
}

#[test]
fn inspection_gaps_are_reported() {
    let mut spec = stool();
    spec.operations[1].checks.clear();
    let gaps = certification_gaps(&spec);
    assert!(gaps.iter().any(|gap| gap.message == "no operation has a quality check"), "{gaps:#?}");
    assert!(gaps.iter().any(|gap| gap.at == op_path("oil") && gap.field == "check"), "{gaps:#?}");
    let mut spec = stool();
    let checks = std::mem::take(&mut spec.operations[1].checks);
    spec.operations[0].checks = checks;
    let gaps = certification_gaps(&spec);
    assert_eq!(gaps.len(), 1, "the final step `oil` is uninspected: {gaps:#?}");
}

#[test]
fn unattended_steps_only_is_a_gap() {
    let mut spec = stool();
    for operation in &mut spec.operations {
        operation.skill = None;
        operation.crew = 0;
    }
    assert_eq!(validate(&spec), vec![]);
    let gaps = certification_gaps(&spec);
    assert!(gaps.iter().any(|gap| gap.message.contains("every operation is unattended")), "{gaps:#?}");
}

mod properties {
    //! On arbitrary specs drawn from small id pools (so that references often dangle, repeat and
    //! loop), validation never panics, and a spec it accepts really is buildable in order.

    use super::*;
    use petgraph::algo::toposort;
    use petgraph::graph::DiGraph;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// An independent check with petgraph's toposort, not the code under test.
    fn is_acyclic<'a>(edges: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
        let mut graph = DiGraph::<(), ()>::new();
        let mut node_of = HashMap::new();
        for (from, to) in edges {
            let from = *node_of.entry(from).or_insert_with(|| graph.add_node(()));
            let to = *node_of.entry(to).or_insert_with(|| graph.add_node(()));
            graph.add_edge(from, to, ());
        }
        toposort(&graph, None).is_ok()
    }

    fn id() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["a", "b", "c", "d", ""]).prop_map(str::to_string)
    }

    fn arbitrary_spec() -> impl Strategy<Value = DesignSpec> {
        let module = (id(), prop::option::of(id()), -1..3i64).prop_map(|(id, parent, count)| ModuleSpec {
            name: id.clone(),
            id,
            parent,
            count,
        });
        let part = (id(), id(), -1..3i64, -100..10_100i64).prop_map(|(id, module, qty, scrap_bp)| PartLine {
            name: id.clone(),
            id,
            module,
            material: "wood".into(),
            qty: Milli::from_units(qty),
            unit: Unit::Piece,
            scrap_bp,
            supplier_hints: vec![],
            replaceable: None,
            tools: Vec::new(),
        });
        let operation = (
            id(),
            prop::option::of(prop::sample::select(vec!["wood.joinery", "nope"])),
            -1..3i64,
            -1..7i64,
            prop::collection::vec((id(), -5..5i64), 0..3),
            prop::collection::vec(id(), 0..2),
        )
            .prop_map(|(id, skill, crew, min_level, after, consumes)| OperationSpec {
                name: id.clone(),
                id,
                module: None,
                duration_min: 10,
                skill: skill.map(str::to_string),
                min_level,
                crew,
                tools: vec![],
                after: after.into_iter().map(|(operation, lag_min)| Precedence { operation, lag_min }).collect(),
                consumes,
                checks: vec![],
                safety: None,
            });
        (prop::collection::vec(module, 0..5), prop::collection::vec(part, 0..5), prop::collection::vec(operation, 0..6))
            .prop_map(|(modules, parts, operations)| DesignSpec { modules, parts, operations, ..stool() })
    }

    proptest! {
        #[test]
        fn accepted_specs_are_acyclic_and_problems_name_existing_items(spec in arbitrary_spec()) {
            let problems = validate(&spec);
            let _ = certification_gaps(&spec);
            for problem in &problems {
                let exists = match &problem.at {
                    SpecPath::Design | SpecPath::Lifetime | SpecPath::Quality => true,
                    SpecPath::Skill(id) => spec.skills.iter().any(|skill| &skill.id == id),
                    SpecPath::Tool(id) => spec.tools.iter().any(|tool| &tool.id == id),
                    SpecPath::Module(id) => spec.module(id).is_some(),
                    SpecPath::Part(id) => spec.part(id).is_some(),
                    SpecPath::Operation(id) => spec.operation(id).is_some(),
                    SpecPath::Check { operation, index } => spec.operation(operation).is_some_and(|op| *index < op.checks.len()),
                };
                prop_assert!(exists, "{problem} names no item of the spec");
            }
            if problems.is_empty() {
                let sequence_edges = spec.operations.iter().flat_map(|operation| {
                    operation.after.iter().map(move |link| (link.operation.as_str(), operation.id.as_str()))
                });
                prop_assert!(is_acyclic(sequence_edges), "accepted a cyclic build sequence");
                let bom_edges = spec.modules.iter().filter_map(|module| module.parent.as_deref().map(|parent| (module.id.as_str(), parent)));
                prop_assert!(is_acyclic(bom_edges), "accepted a cyclic BOM");
            }
        }
    }
}
