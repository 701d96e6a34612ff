//! The lifetime design score's arithmetic, apart from the ledger: durability, repairability,
//! modularity and quality of one design version from inputs the query gathers, each explained by
//! its inputs. Pure, so every formula is tested on numbers chosen by hand; the formulas are
//! written out in `docs/QUALITY.md` ("Lifetime design score").

use crate::views::design_score::{DesignScoreView, ScoreInputView, SubScoreView};
use crate::views::field::FieldVersionView;
use prodos_core::design::DesignSpec;
use std::collections::BTreeSet;

/// Days in a year of the stated service life, as the field roll-up counts them.
const DAYS_PER_YEAR: f64 = 365.25;
/// Cpk bands (Montgomery; `prodos-spc`): capable from 1.33, marginal from 1.00.
const CPK_CAPABLE: f64 = 1.33;
const CPK_MARGINAL: f64 = 1.00;

pub const DURABILITY_FORMULA: &str = "100 × min(1, MTTF ÷ stated service life)";
pub const REPAIRABILITY_FORMULA: &str = "100 × replaceable part lines ÷ all part lines";
pub const MODULARITY_FORMULA: &str = "100 × (modules − 1) ÷ interfaces";
pub const QUALITY_FORMULA: &str = "100 × first-pass yield × capability factor of the worst Cpk";

/// What the score of one version is computed from.
#[derive(Debug, Clone)]
pub struct ScoreInputs<'a> {
    /// `DES-0001@v2`.
    pub design: String,
    pub spec: &'a DesignSpec,
    /// The version's field record; `None` while none of its goods was distributed.
    pub field: Option<FieldVersionView>,
    /// Repair minutes reported with the version's failures.
    pub repair_minutes: Vec<i64>,
    /// Units of the version inspected, and of them those whose every check passed first time.
    pub units_inspected: u32,
    pub units_first_pass: u32,
    /// The version's measured checks, and the lowest Cpk among them with the check it belongs to.
    pub measured_checks: usize,
    pub worst_cpk: Option<(String, f64)>,
}

pub fn score(inputs: &ScoreInputs<'_>) -> DesignScoreView {
    DesignScoreView {
        design: inputs.design.clone(),
        durability: durability(inputs.spec.lifetime.service_life_years, inputs.field.as_ref()),
        repairability: repairability(inputs.spec, &inputs.repair_minutes),
        modularity: modularity(inputs.spec),
        quality: quality(inputs),
    }
}

fn percent(fraction: f64) -> u32 {
    (100.0 * fraction.clamp(0.0, 1.0)).round() as u32
}

fn input(name: &'static str, value: Option<f64>, text: impl Into<String>) -> ScoreInputView {
    ScoreInputView { name, value, text: text.into() }
}

fn scored(name: &'static str, formula: &'static str, score: u32, explanation: String) -> SubScoreView {
    SubScoreView { name, score: Some(score), lower_bound: false, missing: None, explanation, formula, inputs: vec![] }
}

fn not_enough(name: &'static str, formula: &'static str, reason: String) -> SubScoreView {
    SubScoreView {
        name,
        score: None,
        lower_bound: false,
        explanation: format!("not enough data: {reason}"),
        missing: Some(reason),
        formula,
        inputs: vec![],
    }
}

/// Durability: the field's mean time to failure against the stated service life. Before any
/// failure the time in service so far is a lower bound of the MTTF, and the score says so.
fn durability(service_life_years: Option<i64>, field: Option<&FieldVersionView>) -> SubScoreView {
    let name = "durability";
    let mut inputs = vec![input(
        "service life",
        service_life_years.map(|years| years as f64),
        service_life_years.map_or_else(|| "not stated".into(), |years| format!("{years} years")),
    )];
    let mut view = match (service_life_years, field) {
        (None, _) => not_enough(name, DURABILITY_FORMULA, "the design states no service life".into()),
        (Some(_), None) => not_enough(name, DURABILITY_FORMULA, "no good of this version has been distributed".into()),
        (Some(years), Some(field)) => {
            let life_days = years as f64 * DAYS_PER_YEAR;
            inputs.push(input("goods distributed", Some(f64::from(field.distributed)), field.distributed.to_string()));
            inputs.push(input("failed goods", Some(f64::from(field.failed_goods)), field.failed_goods.to_string()));
            inputs.push(input(
                "time in service",
                Some(field.service_days as f64),
                format!("{} days", field.service_days),
            ));
            match field.mttf_days {
                Some(mttf_days) => {
                    inputs.push(input("MTTF", Some(mttf_days), format!("{mttf_days:.1} days")));
                    let fraction = mttf_days / life_days;
                    let explanation = format!(
                        "MTTF {mttf_days:.1} days ({} days in service over {} failed of {} goods) is {:.1} % of the \
                         {years}-year service life",
                        field.service_days,
                        field.failed_goods,
                        field.distributed,
                        100.0 * fraction
                    );
                    scored(name, DURABILITY_FORMULA, percent(fraction), explanation)
                }
                None if field.service_days == 0 => not_enough(
                    name,
                    DURABILITY_FORMULA,
                    "no failures and no time in service yet: the goods were distributed today".into(),
                ),
                None => {
                    let fraction = field.service_days as f64 / life_days;
                    let explanation = format!(
                        "no failure yet in {} days in service over {} goods: MTTF is at least that, {:.1} % of the \
                         {years}-year service life",
                        field.service_days,
                        field.distributed,
                        100.0 * fraction
                    );
                    let mut view = scored(name, DURABILITY_FORMULA, percent(fraction), explanation);
                    view.lower_bound = true;
                    view
                }
            }
        }
    };
    view.inputs = inputs;
    view
}

/// Repairability: the share of part lines replaceable without destroying others. A part that does
/// not say counts as not replaceable, and the explanation counts them; the mean repair time the
/// field reported is shown beside it.
fn repairability(spec: &DesignSpec, repair_minutes: &[i64]) -> SubScoreView {
    let name = "repairability";
    let lines = spec.parts.len();
    let replaceable = spec.parts.iter().filter(|part| part.replaceable == Some(true)).count();
    let not_stated = spec.parts.iter().filter(|part| part.replaceable.is_none()).count();
    let tools: BTreeSet<&str> = spec.parts.iter().flat_map(|part| part.tools.iter().map(String::as_str)).collect();
    let mean_repair_hours = (!repair_minutes.is_empty())
        .then(|| repair_minutes.iter().sum::<i64>() as f64 / repair_minutes.len() as f64 / 60.0);
    let inputs = vec![
        input("part lines", Some(lines as f64), lines.to_string()),
        input("replaceable", Some(replaceable as f64), format!("{replaceable} of {lines}")),
        input("not stated", Some(not_stated as f64), format!("{not_stated} of {lines}")),
        input(
            "tools for replacements",
            Some(tools.len() as f64),
            if tools.is_empty() { "none".into() } else { tools.into_iter().collect::<Vec<_>>().join(", ") },
        ),
        input(
            "mean repair time",
            mean_repair_hours,
            match mean_repair_hours {
                Some(hours) => match repair_minutes.len() {
                    1 => format!("{hours:.2} h, one reported repair"),
                    n => format!("{hours:.2} h over {n} reported repairs"),
                },
                None => "no repair time reported".into(),
            },
        ),
    ];
    let mut view = if lines == 0 {
        not_enough(name, REPAIRABILITY_FORMULA, "the design has no parts".into())
    } else if not_stated == lines {
        not_enough(
            name,
            REPAIRABILITY_FORMULA,
            "no part line states whether it is replaceable (`replaceable = true` or `false`)".into(),
        )
    } else {
        let unstated = match not_stated {
            0 => String::new(),
            n => format!(" ({n} not stated, counted as not replaceable)"),
        };
        let repairs = match mean_repair_hours {
            Some(hours) => format!("; field repairs took {hours:.2} h on average"),
            None => String::new(),
        };
        let explanation =
            format!("{replaceable} of {lines} part lines are replaceable without destroying others{unstated}{repairs}");
        scored(name, REPAIRABILITY_FORMULA, percent(replaceable as f64 / lines as f64), explanation)
    };
    view.inputs = inputs;
    view
}

/// Unordered pairs of modules that meet, each pair sorted.
pub type Interfaces = BTreeSet<(String, String)>;

/// Where a design's modules meet, as unordered pairs of module ids, `""` standing for the finished
/// unit: each module's attachment to its parent (or to the unit), and each build-sequence link
/// between operations of different modules (an operation without a module works on the unit).
pub fn module_interfaces(spec: &DesignSpec) -> (Interfaces, Interfaces) {
    let pair = |a: &str, b: &str| if a <= b { (a.to_string(), b.to_string()) } else { (b.to_string(), a.to_string()) };
    let attachments: BTreeSet<_> =
        spec.modules.iter().map(|module| pair(&module.id, module.parent.as_deref().unwrap_or(""))).collect();
    let module_of = |operation: &str| spec.operation(operation).and_then(|op| op.module.as_deref()).unwrap_or("");
    let mut build_links = BTreeSet::new();
    for operation in &spec.operations {
        let here = operation.module.as_deref().unwrap_or("");
        for link in &operation.after {
            let there = module_of(&link.operation);
            let joined = pair(here, there);
            if here != there && !attachments.contains(&joined) {
                build_links.insert(joined);
            }
        }
    }
    (attachments, build_links)
}

/// Modularity: many modules, each meeting as few others as a tree needs. `modules` attachments
/// join M modules into one unit; a build link between two modules that are not parent and child
/// adds an interface: 100 × (M − 1) ÷ (attachments + build links). One module scores 0; a tree
/// of M modules without cross links scores 100 × (M − 1) ÷ M.
fn modularity(spec: &DesignSpec) -> SubScoreView {
    let name = "modularity";
    let modules = spec.modules.len();
    let (attachments, build_links) = module_interfaces(spec);
    let interfaces = attachments.len() + build_links.len();
    let inputs = vec![
        input("modules", Some(modules as f64), modules.to_string()),
        input("attachments", Some(attachments.len() as f64), attachments.len().to_string()),
        input("build links across modules", Some(build_links.len() as f64), build_links.len().to_string()),
        input("interfaces", Some(interfaces as f64), interfaces.to_string()),
    ];
    let mut view = if modules == 0 {
        not_enough(name, MODULARITY_FORMULA, "the design has no modules".into())
    } else {
        let fraction = (modules - 1) as f64 / interfaces as f64;
        let explanation = format!(
            "{modules} modules meet at {interfaces} interfaces ({} attachments, {} build links across modules): \
             100 × ({modules} − 1) ÷ {interfaces}",
            attachments.len(),
            build_links.len()
        );
        scored(name, MODULARITY_FORMULA, percent(fraction), explanation)
    };
    view.inputs = inputs;
    view
}

/// Capability factor of a Cpk: 1 from 1.33 (capable), falling linearly to 0.5 at 1.00
/// (marginal), and from there to 0 at Cpk 0 (not capable).
pub fn capability_factor(cpk: f64) -> f64 {
    if cpk >= CPK_CAPABLE {
        1.0
    } else if cpk >= CPK_MARGINAL {
        0.5 + 0.5 * (cpk - CPK_MARGINAL) / (CPK_CAPABLE - CPK_MARGINAL)
    } else {
        0.5 * cpk.max(0.0) / CPK_MARGINAL
    }
}

/// Quality: first-pass yield of the version's units times the capability factor of its worst
/// measured check; yield alone while no check has a Cpk, and said so.
fn quality(inputs: &ScoreInputs<'_>) -> SubScoreView {
    let name = "quality";
    let (inspected, first_pass) = (inputs.units_inspected, inputs.units_first_pass);
    let first_pass_yield = (inspected > 0).then(|| f64::from(first_pass) / f64::from(inspected));
    let mut rows = vec![
        input("units inspected", Some(f64::from(inspected)), inspected.to_string()),
        input(
            "first-pass yield",
            first_pass_yield,
            first_pass_yield
                .map_or_else(|| "–".into(), |y| format!("{:.1} % ({first_pass} of {inspected})", 100.0 * y)),
        ),
        input("measured checks", Some(inputs.measured_checks as f64), inputs.measured_checks.to_string()),
    ];
    let factor = inputs.worst_cpk.as_ref().map(|(_, cpk)| capability_factor(*cpk));
    match &inputs.worst_cpk {
        Some((check, cpk)) => {
            rows.push(input("worst Cpk", Some(*cpk), format!("{cpk:.2} ({check})")));
            rows.push(input("capability factor", factor, format!("{:.2}", factor.unwrap_or_default())));
        }
        None => rows.push(input("worst Cpk", None, "none yet")),
    }
    let mut view = match first_pass_yield {
        None => not_enough(name, QUALITY_FORMULA, "no unit of this version has been inspected".into()),
        Some(y) => {
            let yield_text = format!("first-pass yield {:.1} % ({first_pass} of {inspected} units)", 100.0 * y);
            match (&inputs.worst_cpk, factor) {
                (Some((check, cpk)), Some(factor)) => {
                    let explanation = format!(
                        "{yield_text} × capability factor {factor:.2} of the worst Cpk, {cpk:.2} ({check}; 1 from \
                         1.33, 0.5 at 1.00, 0 at 0)"
                    );
                    scored(name, QUALITY_FORMULA, percent(y * factor), explanation)
                }
                _ => {
                    let why = if inputs.measured_checks == 0 {
                        "the version has no measured check"
                    } else {
                        "no measured check has enough samples for a Cpk yet"
                    };
                    scored(name, QUALITY_FORMULA, percent(y), format!("{yield_text}; yield only: {why}"))
                }
            }
        }
    };
    view.inputs = rows;
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use prodos_core::design::{Lifetime, ModuleSpec, OperationSpec, PartLine, Precedence};
    use prodos_core::{Milli, Unit};

    fn part(id: &str, module: &str, replaceable: Option<bool>) -> PartLine {
        PartLine {
            id: id.into(),
            name: id.into(),
            module: module.into(),
            material: id.into(),
            qty: Milli::from_units(1),
            unit: Unit::Piece,
            scrap_bp: 0,
            supplier_hints: vec![],
            replaceable,
            tools: if replaceable == Some(true) { vec!["bench".into()] } else { vec![] },
        }
    }

    fn module(id: &str, parent: Option<&str>) -> ModuleSpec {
        ModuleSpec { id: id.into(), name: id.into(), parent: parent.map(str::to_string), count: 1 }
    }

    fn operation(id: &str, module: Option<&str>, after: &[&str]) -> OperationSpec {
        OperationSpec {
            id: id.into(),
            name: id.into(),
            module: module.map(str::to_string),
            duration_min: 10,
            skill: None,
            min_level: 1,
            crew: 0,
            tools: vec![],
            after: after.iter().map(|op| Precedence { operation: (*op).into(), lag_min: 0 }).collect(),
            consumes: vec![],
            checks: vec![],
            safety: None,
        }
    }

    /// A chair: a seat with legs under it and a back beside it; the back is fitted after the legs.
    fn chair() -> DesignSpec {
        DesignSpec {
            key: "chair".into(),
            name: "Chair".into(),
            summary: String::new(),
            quality: Default::default(),
            lifetime: Lifetime {
                service_life_years: Some(10),
                maintenance_interval_days: None,
                repairability: "".into(),
            },
            skills: vec![],
            tools: vec![],
            modules: vec![module("seat", None), module("legs", Some("seat")), module("back", Some("seat"))],
            parts: vec![
                part("seat-board", "seat", Some(false)),
                part("leg", "legs", Some(true)),
                part("back-slat", "back", Some(true)),
                part("back-screw", "back", Some(true)),
            ],
            operations: vec![
                operation("cut-legs", Some("legs"), &[]),
                operation("fit-back", Some("back"), &["cut-legs"]),
                operation("oil", None, &["fit-back"]),
            ],
        }
    }

    fn inputs(spec: &DesignSpec) -> ScoreInputs<'_> {
        ScoreInputs {
            design: "DES-0001@v1".into(),
            spec,
            field: None,
            repair_minutes: vec![],
            units_inspected: 0,
            units_first_pass: 0,
            measured_checks: 0,
            worst_cpk: None,
        }
    }

    fn field(distributed: u32, failed_goods: u32, service_days: i64) -> FieldVersionView {
        FieldVersionView {
            design: "DES-0001@v1".into(),
            distributed,
            failed_goods,
            failures: failed_goods,
            observations: 0,
            service_days,
            failure_rate_per_year: None,
            mttf_days: (failed_goods > 0).then(|| service_days as f64 / f64::from(failed_goods)),
            service_life_years: Some(10),
        }
    }

    #[test]
    fn three_of_four_replaceable_part_lines_score_75_with_the_repair_time_beside() {
        let spec = chair();
        let mut inputs = inputs(&spec);
        inputs.repair_minutes = vec![30, 60];
        let view = score(&inputs).repairability;
        assert_eq!(view.score, Some(75));
        assert_eq!(
            view.explanation,
            "3 of 4 part lines are replaceable without destroying others; field repairs took 0.75 h on average"
        );
        let tools = view.inputs.iter().find(|input| input.name == "tools for replacements").unwrap();
        assert_eq!(tools.text, "bench");
    }

    #[test]
    fn parts_that_do_not_say_count_against_and_are_counted_or_leave_no_score() {
        let mut spec = chair();
        spec.parts[3].replaceable = None;
        let view = score(&inputs(&spec)).repairability;
        assert_eq!(view.score, Some(50));
        assert!(view.explanation.contains("(1 not stated, counted as not replaceable)"), "{}", view.explanation);
        for part in &mut spec.parts {
            part.replaceable = None;
        }
        let view = score(&inputs(&spec)).repairability;
        assert_eq!(view.score, None, "nothing stated is no data, not zero");
        assert!(view.explanation.starts_with("not enough data: no part line states"), "{}", view.explanation);
    }

    #[test]
    fn modularity_counts_attachments_and_build_links_across_modules() {
        let spec = chair();
        let (attachments, build_links) = module_interfaces(&spec);
        assert_eq!(attachments.len(), 3, "seat–unit, legs–seat, back–seat");
        // fit-back (back) after cut-legs (legs) joins two siblings; oil (unit) after fit-back.
        let expected: BTreeSet<_> = [("back".to_string(), "legs".to_string()), ("".into(), "back".into())].into();
        assert_eq!(build_links, expected);
        let view = score(&inputs(&spec)).modularity;
        assert_eq!(view.score, Some(40), "100 × (3 − 1) ÷ 5");
        assert!(view.explanation.starts_with("3 modules meet at 5 interfaces"), "{}", view.explanation);

        let mut tree = chair();
        tree.operations.clear();
        assert_eq!(score(&inputs(&tree)).modularity.score, Some(67), "a plain tree: 100 × 2 ÷ 3");
        tree.modules.truncate(1);
        tree.parts.truncate(1);
        assert_eq!(score(&inputs(&tree)).modularity.score, Some(0), "one module is not modular");
        tree.modules.clear();
        assert_eq!(score(&inputs(&tree)).modularity.score, None);
    }

    #[test]
    fn durability_compares_the_mttf_with_the_service_life() {
        let spec = chair();
        let mut inputs = inputs(&spec);
        let view = score(&inputs).durability;
        assert_eq!(view.missing.as_deref(), Some("no good of this version has been distributed"));
        // Two failed goods over 1461 days in service: MTTF 730.5 days, a fifth of ten years.
        inputs.field = Some(field(4, 2, 1461));
        let view = score(&inputs).durability;
        assert_eq!((view.score, view.lower_bound), (Some(20), false));
        assert!(view.explanation.starts_with("MTTF 730.5 days"), "{}", view.explanation);
        assert!(view.explanation.contains("20.0 % of the 10-year service life"), "{}", view.explanation);
    }

    #[test]
    fn durability_before_any_failure_is_a_lower_bound_from_the_time_in_service() {
        let spec = chair();
        let mut inputs = inputs(&spec);
        inputs.field = Some(field(3, 0, 365));
        let view = score(&inputs).durability;
        assert_eq!((view.score, view.lower_bound, view.shown()), (Some(10), true, "≥ 10".to_string()));
        assert!(
            view.explanation.starts_with("no failure yet in 365 days in service over 3 goods"),
            "{}",
            view.explanation
        );
        inputs.field = Some(field(3, 0, 0));
        assert_eq!(score(&inputs).durability.score, None, "no time in service is no evidence");
        let mut unstated = chair();
        unstated.lifetime.service_life_years = None;
        let mut inputs = self::inputs(&unstated);
        inputs.field = Some(field(3, 1, 365));
        assert_eq!(score(&inputs).durability.missing.as_deref(), Some("the design states no service life"));
    }

    #[test]
    fn quality_is_yield_times_the_worst_cpks_band_factor() {
        assert_eq!(capability_factor(1.5), 1.0);
        assert_eq!(capability_factor(1.33), 1.0);
        assert_eq!(capability_factor(1.0), 0.5);
        assert!((capability_factor(1.165) - 0.75).abs() < 1e-9);
        assert_eq!(capability_factor(0.5), 0.25);
        assert_eq!(capability_factor(-0.2), 0.0);

        let spec = chair();
        let mut inputs = inputs(&spec);
        assert_eq!(score(&inputs).quality.missing.as_deref(), Some("no unit of this version has been inspected"));
        (inputs.units_inspected, inputs.units_first_pass, inputs.measured_checks) = (10, 9, 2);
        let view = score(&inputs).quality;
        assert_eq!(view.score, Some(90));
        assert!(view.explanation.ends_with("yield only: no measured check has enough samples for a Cpk yet"));
        inputs.worst_cpk = Some(("fit-back/gap".into(), 1.0));
        let view = score(&inputs).quality;
        assert_eq!(view.score, Some(45), "90 % × 0.5");
        assert!(view.explanation.contains("the worst Cpk, 1.00 (fit-back/gap"), "{}", view.explanation);
    }
}
