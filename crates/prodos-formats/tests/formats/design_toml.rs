//! The design TOML beyond rejections: defaults, the source map, the export layout, and a property
//! test that any valid spec survives export → import unchanged.

use prodos_core::design::*;
use prodos_core::{Milli, Unit};
use prodos_formats::{export_design, parse_design};
use proptest::prelude::*;

const LAGGED: &str = r#"[design]
key = "shelf"
name = "Wall shelf"

[lifetime]
service_life_years = 20

[[skill]]
id = "joinery"
name = "Joinery"

[[module]]
id = "shelf"
name = "Shelf"

[[part]]
id = "board"
name = "Pine board"
module = "shelf"
material = "pine-board"
qty = 0.8
unit = "m"
scrap_pct = 12.5
suppliers = ["yard"]

[[operation]]
id = "cut"
name = "Cut"
duration_min = 20
skill = "joinery"
level = 2
consumes = ["board"]

[[operation]]
id = "oil"
name = "Oil"
duration_min = 15
skill = "joinery"
after = [{ op = "cut", lag_min = 60 }]

[[operation.check]]
name = "length"
nominal = 800
tolerance = 1.5
unit = "mm"

[[operation]]
id = "dry"
name = "Dry"
duration_min = 720
crew = 0
after = ["oil"]
"#;

#[test]
fn fields_read_with_their_defaults() {
    let spec = parse_design("shelf.toml", LAGGED).unwrap().spec;
    assert_eq!(spec.lifetime.service_life_years, Some(20));
    assert_eq!(spec.lifetime.maintenance_interval_days, None);
    assert_eq!(spec.modules[0].count, 1);
    let board = &spec.parts[0];
    assert_eq!((board.qty, board.unit, board.scrap_bp), (Milli(800), Unit::Metre, 1250));
    assert_eq!(board.supplier_hints, ["yard"]);
    let [cut, oil, dry] = &spec.operations[..] else { panic!("three operations") };
    assert_eq!((cut.min_level, cut.crew, cut.module.as_deref()), (2, 1, None));
    assert_eq!(oil.after, [Precedence { operation: "cut".into(), lag_min: 60 }]);
    assert_eq!(oil.checks[0].nominal, 800.0);
    assert_eq!((dry.skill.as_deref(), dry.crew, dry.min_level), (None, 0, 1));
}

#[test]
fn the_source_map_locates_items_and_fields() {
    let parsed = parse_design("shelf.toml", LAGGED).unwrap();
    let source = &parsed.source;
    assert_eq!(source.file(), "shelf.toml");
    assert_eq!(source.locate(&SpecPath::Design, "name"), Some(3));
    assert_eq!(source.locate(&SpecPath::Lifetime, "service_life_years"), Some(6));
    assert_eq!(source.locate(&SpecPath::Lifetime, "repairability"), Some(5), "an unwritten field points at its table");
    assert_eq!(source.locate(&SpecPath::Part("board".into()), "scrap_pct"), Some(23));
    assert_eq!(source.locate(&SpecPath::Operation("oil".into()), "after"), Some(39));
    assert_eq!(source.locate(&SpecPath::Check { operation: "oil".into(), index: 0 }, "tolerance"), Some(44));
    assert_eq!(source.locate(&SpecPath::Operation("nope".into()), "after"), None);

    // Certification gaps found long after import still get a line.
    let gaps = certification_gaps(&parsed.spec);
    let located: Vec<String> = gaps.into_iter().map(|gap| source.error_for(gap).to_string()).collect();
    assert_eq!(
        located,
        [
            "shelf.toml:1: design field `summary`: a certified design needs a summary of what it is",
            "shelf.toml:5: lifetime field `maintenance_interval_days`: the maintenance interval is not stated",
            "shelf.toml:5: lifetime field `repairability`: no notes on how the product is repaired",
            "shelf.toml:47: operation `dry` field `check`: a final operation (nothing comes after it) needs a quality check so the result is inspected",
        ]
    );
}

#[test]
fn export_writes_the_hand_written_shape() {
    let spec = parse_design("shelf.toml", LAGGED).unwrap().spec;
    let exported = export_design(&spec, None);
    let expected = r#"[design]
key = "shelf"
name = "Wall shelf"

[lifetime]
service_life_years = 20

[[skill]]
id = "joinery"
name = "Joinery"

[[module]]
id = "shelf"
name = "Shelf"
count = 1

[[part]]
id = "board"
name = "Pine board"
module = "shelf"
material = "pine-board"
qty = 0.8
unit = "m"
scrap_pct = 12.5
suppliers = ["yard"]

[[operation]]
id = "cut"
name = "Cut"
duration_min = 20
skill = "joinery"
level = 2
crew = 1
consumes = ["board"]

[[operation]]
id = "oil"
name = "Oil"
duration_min = 15
skill = "joinery"
level = 1
crew = 1
after = [{ op = "cut", lag_min = 60 }]

[[operation.check]]
name = "length"
nominal = 800.0
tolerance = 1.5
unit = "mm"

[[operation]]
id = "dry"
name = "Dry"
duration_min = 720
crew = 0
after = ["oil"]
"#;
    assert_eq!(exported, expected);
}

#[test]
fn a_part_says_whether_it_is_replaceable_and_with_which_tools() {
    let text = LAGGED
        .replace("[[skill]]", "[[tool]]\nid = \"saw\"\nname = \"Saw\"\nkind = \"tool\"\n\n[[skill]]")
        .replace("suppliers = [\"yard\"]", "suppliers = [\"yard\"]\nreplaceable = true\ntools = [\"saw\"]");
    let parsed = parse_design("shelf.toml", &text).unwrap();
    let board = &parsed.spec.parts[0];
    assert_eq!((board.replaceable, board.tools.as_slice()), (Some(true), ["saw".to_string()].as_slice()));
    assert_eq!(parse_design("shelf.toml", LAGGED).unwrap().spec.parts[0].replaceable, None, "not stated");
    let exported = export_design(&parsed.spec, None);
    assert!(exported.contains("suppliers = [\"yard\"]\nreplaceable = true\ntools = [\"saw\"]\n"), "{exported}");

    let unknown = text.replace("tools = [\"saw\"]", "tools = [\"plane\"]");
    let error = parse_design("shelf.toml", &unknown).unwrap_err().to_string();
    assert!(error.contains("shelf.toml:31: part `board` field `tools`: unknown tool `plane`"), "{error}");
}

// ---------------------------------------------------------------- property: export → import

fn identifier() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9.-]{0,6}"
}

/// Free text as people type it: any printable characters, quotes and backslashes included.
fn text() -> impl Strategy<Value = String> {
    "[ -~\u{e9}\u{2192}\u{1F3B8}\t\n]{1,16}".prop_filter("names are not blank", |name| !name.trim().is_empty())
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![-1e6..1e6f64, any::<f64>().prop_filter("finite", |value| value.is_finite())]
}

/// A structurally valid design: modules form a tree (parents come first), each part sits in a
/// module and is consumed by at most one operation, and operations only wait for earlier ones.
fn valid_spec() -> impl Strategy<Value = DesignSpec> {
    let units =
        prop::sample::select(vec![Unit::Piece, Unit::Set, Unit::Kilogram, Unit::Metre, Unit::SquareMetre, Unit::Litre]);
    (
        identifier(),
        text(),
        prop::option::of(text()),
        (prop::option::of(1..200i64), prop::option::of(1..4000i64), prop::option::of(text())),
        prop::collection::vec((text(), prop::bool::ANY), 0..3),
        prop::collection::vec((text(), prop::option::of(any::<prop::sample::Index>()), 1..20i64), 1..5),
        prop::collection::vec(
            (text(), any::<prop::sample::Index>(), identifier(), 1..1_000_000i64, units, 0..10_000i64),
            0..6,
        ),
        prop::collection::vec(
            (
                text(),
                1..100_000i64,
                prop::option::of(1..=5i64),
                1..6i64,
                prop::collection::vec((any::<prop::sample::Index>(), 0..5000i64), 0..3),
                prop::collection::vec((text(), finite(), 0.0..100.0f64, text()), 0..3),
            ),
            0..6,
        ),
    )
        .prop_map(|(key, name, summary, lifetime, tools, modules, parts, operations)| {
            let (years, days, repairability) = lifetime;
            let n_modules = modules.len();
            let modules: Vec<ModuleSpec> = modules
                .into_iter()
                .enumerate()
                .map(|(index, (name, parent, count))| ModuleSpec {
                    id: format!("m{index}"),
                    name,
                    parent: parent.filter(|_| index > 0).map(|parent| format!("m{}", parent.index(index))),
                    count,
                })
                .collect();
            let n_tool_defs = tools.len();
            let parts: Vec<PartLine> = parts
                .into_iter()
                .enumerate()
                .map(|(index, (name, module, material, qty, unit, scrap_bp))| PartLine {
                    id: format!("p{index}"),
                    name,
                    module: format!("m{}", module.index(n_modules)),
                    material,
                    qty: Milli(qty),
                    unit,
                    scrap_bp,
                    supplier_hints: if index % 2 == 0 { vec![format!("supplier-{index}")] } else { vec![] },
                    replaceable: [None, Some(true), Some(false)][index % 3],
                    tools: if index % 3 == 1 && n_tool_defs > 0 {
                        vec![format!("t{}", index % n_tool_defs)]
                    } else {
                        vec![]
                    },
                })
                .collect();
            let n_parts = parts.len();
            let tools: Vec<ToolDef> = tools
                .into_iter()
                .enumerate()
                .map(|(index, (name, workstation))| ToolDef {
                    id: format!("t{index}"),
                    name,
                    kind: if workstation { ToolKind::Workstation } else { ToolKind::Tool },
                })
                .collect();
            let n_tools = tools.len();
            let operations: Vec<OperationSpec> = operations
                .into_iter()
                .enumerate()
                .map(|(index, (name, duration_min, level, crew, after, checks))| {
                    let mut predecessors: Vec<Precedence> = Vec::new();
                    if index > 0 {
                        for (predecessor, lag_min) in after {
                            let operation = format!("o{}", predecessor.index(index));
                            if !predecessors.iter().any(|link| link.operation == operation) {
                                predecessors.push(Precedence { operation, lag_min });
                            }
                        }
                    }
                    // Attended unless the level is missing, which stands for an unattended step.
                    let attended = level.is_some();
                    let mut check_names = std::collections::HashSet::new();
                    OperationSpec {
                        id: format!("o{index}"),
                        name,
                        module: (index % 2 == 0).then(|| format!("m{}", index % n_modules)),
                        duration_min,
                        skill: attended.then(|| "s0".to_string()),
                        min_level: level.unwrap_or(1),
                        crew: if attended { crew } else { 0 },
                        tools: if n_tools > 0 && index % 3 == 0 {
                            vec![format!("t{}", index % n_tools)]
                        } else {
                            vec![]
                        },
                        after: predecessors,
                        consumes: (0..n_parts)
                            .filter(|part| part % 6 == index)
                            .map(|part| format!("p{part}"))
                            .collect(),
                        checks: checks
                            .into_iter()
                            .filter(|(name, ..)| check_names.insert(QualityCheck::measured(name, 0.0, 0.0, "").key()))
                            .map(|(name, nominal, tolerance, unit)| {
                                QualityCheck::measured(&name, nominal, tolerance, &unit)
                            })
                            .collect(),
                        safety: None,
                    }
                })
                .collect();
            DesignSpec {
                quality: Default::default(),
                key,
                name,
                summary: summary.unwrap_or_default(),
                lifetime: Lifetime {
                    service_life_years: years,
                    maintenance_interval_days: days,
                    repairability: repairability.unwrap_or_default(),
                },
                skills: vec![SkillDef { id: "s0".into(), name: "Skill".into() }],
                tools,
                modules,
                parts,
                operations,
            }
        })
}

proptest! {
    #[test]
    fn any_valid_spec_survives_export_and_import(spec in valid_spec()) {
        prop_assert_eq!(validate(&spec), vec![]);
        let exported = export_design(&spec, None);
        let parsed = parse_design("random.toml", &exported).map_err(|errors| TestCaseError::fail(format!("{errors}\n{exported}")))?;
        prop_assert_eq!(parsed.spec, spec);
    }
}
