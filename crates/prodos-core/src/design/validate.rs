//! Checks a `DesignSpec` for structural errors (import refuses them) and for gaps that only block
//! certification. Pure; every problem names the item and field it is about.

mod checks;
mod cycles;
#[cfg(test)]
mod tests;

use super::spec::{DesignSpec, OperationSpec, PartLine};
use crate::ids::REWORK_MARK;
use crate::skill::SKILL_LEVELS;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Where in a design a problem sits. Text formats map this back to a file line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "item", content = "id", rename_all = "snake_case")]
pub enum SpecPath {
    Design,
    Lifetime,
    Quality,
    Skill(String),
    Tool(String),
    Module(String),
    Part(String),
    Operation(String),
    Check { operation: String, index: usize },
}

impl fmt::Display for SpecPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpecPath::Design => write!(f, "design"),
            SpecPath::Lifetime => write!(f, "lifetime"),
            SpecPath::Quality => write!(f, "quality"),
            SpecPath::Skill(id) => write!(f, "skill `{id}`"),
            SpecPath::Tool(id) => write!(f, "tool `{id}`"),
            SpecPath::Module(id) => write!(f, "module `{id}`"),
            SpecPath::Part(id) => write!(f, "part `{id}`"),
            SpecPath::Operation(id) => write!(f, "operation `{id}`"),
            SpecPath::Check { operation, index } => {
                write!(f, "operation `{operation}` check #{}", index + 1)
            }
        }
    }
}

/// One thing wrong with a design, precise enough to fix without guessing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesignProblem {
    pub at: SpecPath,
    pub field: String,
    pub message: String,
}

impl DesignProblem {
    fn new(at: SpecPath, field: &str, message: impl Into<String>) -> DesignProblem {
        DesignProblem { at, field: field.to_string(), message: message.into() }
    }
}

impl fmt::Display for DesignProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} field `{}`: {}", self.at, self.field, self.message)
    }
}

/// Scrap allowance ceiling in basis points: at 100 % every unit built would be thrown away.
const SCRAP_BP_LIMIT: i64 = 10_000;

/// Structural errors: empty or duplicate ids (per kind), references to unknown modules/parts/
/// operations/skills/tools (a part's replacement `tools` too, which only a part stated
/// `replaceable = true` lists), non-positive quantities/durations/counts, negative crews, scrap or lags,
/// scrap of 100 % or more, skill levels outside 1–5, a skill required with crew 0 or a crew without
/// a skill, a part consumed by two operations, negative or non-finite tolerances, and cycles in the
/// BOM parent chain or in the build sequence (the message names the cycle, e.g.
/// `cycle in build sequence: glue-top → brace-top → glue-top`). Import refuses a design with any of
/// these. Problems come in spec order (design, lifetime, skills, tools, modules, parts,
/// operations), cycles last. A duplicate id is reported at its second and later declarations.
pub fn validate(spec: &DesignSpec) -> Vec<DesignProblem> {
    let mut problems = Vec::new();
    check_header(spec, &mut problems);

    let skill_ids = check_ids(
        spec.skills.iter().map(|s| (s.id.as_str(), s.name.as_str())),
        "skill",
        SpecPath::Skill,
        &mut problems,
    );
    let tool_ids =
        check_ids(spec.tools.iter().map(|t| (t.id.as_str(), t.name.as_str())), "tool", SpecPath::Tool, &mut problems);
    let module_ids = check_ids(
        spec.modules.iter().map(|m| (m.id.as_str(), m.name.as_str())),
        "module",
        SpecPath::Module,
        &mut problems,
    );
    for module in &spec.modules {
        let at = || SpecPath::Module(module.id.clone());
        if let Some(parent) = &module.parent
            && !module_ids.contains(parent.as_str())
        {
            problems.push(DesignProblem::new(at(), "parent", format!("unknown module `{parent}`")));
        }
        if module.count <= 0 {
            problems.push(DesignProblem::new(at(), "count", format!("count must be positive, got {}", module.count)));
        }
    }

    let part_ids =
        check_ids(spec.parts.iter().map(|p| (p.id.as_str(), p.name.as_str())), "part", SpecPath::Part, &mut problems);
    for part in &spec.parts {
        check_part(part, &module_ids, &tool_ids, &mut problems);
    }

    let operation_ids = check_ids(
        spec.operations.iter().map(|o| (o.id.as_str(), o.name.as_str())),
        "operation",
        SpecPath::Operation,
        &mut problems,
    );
    let known = KnownIds {
        skills: &skill_ids,
        tools: &tool_ids,
        modules: &module_ids,
        parts: &part_ids,
        operations: &operation_ids,
    };
    let mut consumer_of_part: HashMap<&str, &str> = HashMap::new();
    for operation in &spec.operations {
        check_operation(operation, &known, &mut problems);
        for part in &operation.consumes {
            match consumer_of_part.get(part.as_str()) {
                Some(first) if *first != operation.id => problems.push(DesignProblem::new(
                    SpecPath::Operation(operation.id.clone()),
                    "consumes",
                    format!(
                        "part `{part}` is already consumed by operation `{first}`; its material would be counted twice"
                    ),
                )),
                Some(_) => {}
                None => {
                    consumer_of_part.insert(part, &operation.id);
                }
            }
        }
    }

    problems.extend(cycles::bom_cycles(spec));
    problems.extend(cycles::sequence_cycles(spec));
    problems
}

fn check_header(spec: &DesignSpec, problems: &mut Vec<DesignProblem>) {
    if spec.key.trim().is_empty() {
        problems.push(DesignProblem::new(SpecPath::Design, "key", "key must not be empty"));
    } else if !is_identifier(&spec.key) {
        problems.push(DesignProblem::new(
            SpecPath::Design,
            "key",
            format!("key `{}` must not contain spaces or control characters", spec.key),
        ));
    }
    if spec.name.trim().is_empty() {
        problems.push(DesignProblem::new(SpecPath::Design, "name", "name must not be empty"));
    }
    let lifetime = &spec.lifetime;
    if let Some(years) = lifetime.service_life_years.filter(|years| *years <= 0) {
        problems.push(DesignProblem::new(
            SpecPath::Lifetime,
            "service_life_years",
            format!("service life must be positive, got {years}"),
        ));
    }
    if let Some(days) = lifetime.maintenance_interval_days.filter(|days| *days <= 0) {
        problems.push(DesignProblem::new(
            SpecPath::Lifetime,
            "maintenance_interval_days",
            format!("maintenance interval must be positive, got {days}"),
        ));
    }
    if let Some(share) = spec.quality.min_first_pass_yield.filter(|share| !(*share > 0.0 && *share <= 1.0)) {
        problems.push(DesignProblem::new(
            SpecPath::Quality,
            "min_first_pass_yield",
            format!("a yield is a share above 0 and at most 1 (0.9 for 90 %), got {share}"),
        ));
    }
    if let Some(window) = spec.quality.yield_window.filter(|window| !(1..=1000).contains(window)) {
        problems.push(DesignProblem::new(
            SpecPath::Quality,
            "yield_window",
            format!("the yield is taken over 1 to 1000 inspected tasks, got {window}"),
        ));
    }
}

/// Ids are written by people and typed on command lines: no blanks, nothing invisible.
fn is_identifier(id: &str) -> bool {
    !id.is_empty() && !id.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Reports empty, malformed and duplicate ids and empty names of one kind of item; returns the ids.
fn check_ids<'a>(
    items: impl Iterator<Item = (&'a str, &'a str)>,
    kind: &str,
    path: fn(String) -> SpecPath,
    problems: &mut Vec<DesignProblem>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (index, (id, name)) in items.enumerate() {
        if id.trim().is_empty() {
            problems.push(DesignProblem::new(
                path(id.to_string()),
                "id",
                format!("{kind} #{} has an empty id", index + 1),
            ));
            continue;
        }
        if !is_identifier(id) {
            problems.push(DesignProblem::new(
                path(id.to_string()),
                "id",
                format!("{kind} id `{id}` must not contain spaces or control characters"),
            ));
        }
        // Text formats rely on the `duplicate ` prefix to point at the later declaration.
        if !seen.insert(id) {
            problems.push(DesignProblem::new(path(id.to_string()), "id", format!("duplicate {kind} id `{id}`")));
        }
        if name.trim().is_empty() {
            problems.push(DesignProblem::new(path(id.to_string()), "name", "name must not be empty"));
        }
    }
    seen
}

fn check_part(
    part: &PartLine,
    module_ids: &HashSet<&str>,
    tool_ids: &HashSet<&str>,
    problems: &mut Vec<DesignProblem>,
) {
    let at = || SpecPath::Part(part.id.clone());
    if !module_ids.contains(part.module.as_str()) {
        problems.push(DesignProblem::new(at(), "module", format!("unknown module `{}`", part.module)));
    }
    if part.material.trim().is_empty() {
        problems.push(DesignProblem::new(at(), "material", "material must not be empty"));
    } else if !is_identifier(&part.material) {
        problems.push(DesignProblem::new(
            at(),
            "material",
            format!("material key `{}` must not contain spaces", part.material),
        ));
    }
    if !part.qty.is_positive() {
        problems.push(DesignProblem::new(
            at(),
            "qty",
            format!("quantity must be positive, got {} {}", part.qty, part.unit),
        ));
    }
    if part.scrap_bp < 0 {
        problems.push(DesignProblem::new(
            at(),
            "scrap_pct",
            format!("scrap must not be negative, got {}", percent(part.scrap_bp)),
        ));
    } else if part.scrap_bp >= SCRAP_BP_LIMIT {
        problems.push(DesignProblem::new(
            at(),
            "scrap_pct",
            format!("scrap must be below 100 %, got {}", percent(part.scrap_bp)),
        ));
    }
    for hint in &part.supplier_hints {
        if !is_identifier(hint) {
            problems.push(DesignProblem::new(
                at(),
                "suppliers",
                format!("supplier key `{hint}` must be non-empty without spaces"),
            ));
        }
    }
    // The tools a replacement needs are the design's own, so a repairer knows what they are.
    report_unknown_or_repeated(&part.tools, tool_ids, "tool", "tools", &at, problems);
    if part.replaceable != Some(true)
        && let Some(first) = part.tools.first()
    {
        problems.push(DesignProblem::new(
            at(),
            "tools",
            format!("tool `{first}` is listed for replacing a part that is not stated `replaceable = true`"),
        ));
    }
}

fn percent(basis_points: i64) -> String {
    format!("{} %", basis_points as f64 / 100.0)
}

/// The ids of every kind of item, for reference checks.
struct KnownIds<'a> {
    skills: &'a HashSet<&'a str>,
    tools: &'a HashSet<&'a str>,
    modules: &'a HashSet<&'a str>,
    parts: &'a HashSet<&'a str>,
    operations: &'a HashSet<&'a str>,
}

fn check_operation(operation: &OperationSpec, known: &KnownIds<'_>, problems: &mut Vec<DesignProblem>) {
    let at = || SpecPath::Operation(operation.id.clone());
    if let Some(module) = &operation.module
        && !known.modules.contains(module.as_str())
    {
        problems.push(DesignProblem::new(at(), "module", format!("unknown module `{module}`")));
    }
    if operation.id.contains(REWORK_MARK) {
        problems.push(DesignProblem::new(
            at(),
            "id",
            format!("operation id `{}` must not contain `{REWORK_MARK}`, which names rework tasks", operation.id),
        ));
    }
    if operation.duration_min <= 0 {
        problems.push(DesignProblem::new(
            at(),
            "duration_min",
            format!("duration must be positive, got {} min", operation.duration_min),
        ));
    }
    match &operation.skill {
        Some(skill) if !known.skills.contains(skill.as_str()) => {
            problems.push(DesignProblem::new(at(), "skill", format!("unknown skill `{skill}`")));
        }
        _ => {}
    }
    match &operation.safety {
        Some(safety) if !known.skills.contains(safety.as_str()) => {
            problems.push(DesignProblem::new(
                at(),
                "safety",
                format!("unknown skill `{safety}` as safety certification"),
            ));
        }
        Some(_) if operation.crew == 0 => {
            problems.push(DesignProblem::new(at(), "safety", "an unattended step (crew = 0) has nobody to certify"));
        }
        _ => {}
    }
    if !SKILL_LEVELS.contains(&operation.min_level) {
        problems.push(DesignProblem::new(
            at(),
            "level",
            format!("skill level must be between 1 and 5, got {}", operation.min_level),
        ));
    }
    if operation.crew < 0 {
        problems.push(DesignProblem::new(at(), "crew", format!("crew must not be negative, got {}", operation.crew)));
    } else if operation.crew == 0 {
        if let Some(skill) = &operation.skill {
            problems.push(DesignProblem::new(
                at(),
                "crew",
                format!("skill `{skill}` is required but crew is 0; an unattended step names no skill"),
            ));
        }
    } else if operation.skill.is_none() {
        problems.push(DesignProblem::new(
            at(),
            "skill",
            format!("a crew of {} needs a skill; only unattended steps (crew = 0) name none", operation.crew),
        ));
    }
    report_unknown_or_repeated(&operation.tools, known.tools, "tool", "tools", &at, problems);
    report_unknown_or_repeated(&operation.consumes, known.parts, "part", "consumes", &at, problems);

    let mut predecessors = HashSet::new();
    for link in &operation.after {
        if link.operation == operation.id {
            problems.push(DesignProblem::new(
                at(),
                "after",
                format!("operation `{}` cannot come after itself", operation.id),
            ));
        } else if !known.operations.contains(link.operation.as_str()) {
            problems.push(DesignProblem::new(at(), "after", format!("unknown operation `{}`", link.operation)));
        } else if !predecessors.insert(link.operation.as_str()) {
            problems.push(DesignProblem::new(at(), "after", format!("operation `{}` is listed twice", link.operation)));
        }
        if link.lag_min < 0 {
            problems.push(DesignProblem::new(
                at(),
                "after",
                format!("lag after `{}` must not be negative, got {} min", link.operation, link.lag_min),
            ));
        }
    }

    checks::check_checks(operation, problems);
}

fn report_unknown_or_repeated(
    references: &[String],
    known: &HashSet<&str>,
    kind: &str,
    field: &str,
    at: &dyn Fn() -> SpecPath,
    problems: &mut Vec<DesignProblem>,
) {
    let mut seen = HashSet::new();
    for reference in references {
        if !known.contains(reference.as_str()) {
            problems.push(DesignProblem::new(at(), field, format!("unknown {kind} `{reference}`")));
        } else if !seen.insert(reference.as_str()) {
            problems.push(DesignProblem::new(at(), field, format!("{kind} `{reference}` is listed twice")));
        }
    }
}

/// What keeps a structurally valid draft from being certified: incompleteness rather than
/// malformation. A certifier expects a design that can be built, sourced, inspected and
/// maintained from what it says, so this reports:
/// - the design has no summary, no parts, or no operations;
/// - lifetime attributes missing: service life, maintenance interval or repairability notes;
/// - a module with neither parts nor submodules (nothing to build);
/// - a part that no operation consumes (its material would never be reserved or issued);
/// - no quality check anywhere, or a final operation (one nothing comes after) without a quality
///   check, so the finished unit would leave the build uninspected;
/// - a build sequence of unattended steps only (nobody builds anything).
///
/// Certification refuses a design with any of these or with any `validate` problem.
pub fn certification_gaps(spec: &DesignSpec) -> Vec<DesignProblem> {
    let mut gaps = Vec::new();
    if spec.summary.trim().is_empty() {
        gaps.push(DesignProblem::new(SpecPath::Design, "summary", "a certified design needs a summary of what it is"));
    }
    let lifetime = &spec.lifetime;
    if lifetime.service_life_years.is_none() {
        gaps.push(DesignProblem::new(
            SpecPath::Lifetime,
            "service_life_years",
            "the expected service life is not stated",
        ));
    }
    if lifetime.maintenance_interval_days.is_none() {
        gaps.push(DesignProblem::new(
            SpecPath::Lifetime,
            "maintenance_interval_days",
            "the maintenance interval is not stated",
        ));
    }
    if lifetime.repairability.trim().is_empty() {
        gaps.push(DesignProblem::new(SpecPath::Lifetime, "repairability", "no notes on how the product is repaired"));
    }
    if spec.parts.is_empty() {
        gaps.push(DesignProblem::new(SpecPath::Design, "parts", "the bill of materials has no parts"));
    }
    if spec.operations.is_empty() {
        gaps.push(DesignProblem::new(
            SpecPath::Design,
            "operations",
            "the design has no build sequence (no operations)",
        ));
    }

    for module in &spec.modules {
        let has_parts = spec.parts.iter().any(|part| part.module == module.id);
        let has_submodules = spec.modules.iter().any(|other| other.parent.as_deref() == Some(module.id.as_str()));
        if !has_parts && !has_submodules {
            gaps.push(DesignProblem::new(
                SpecPath::Module(module.id.clone()),
                "id",
                "module has neither parts nor submodules",
            ));
        }
    }

    let consumed: HashSet<&str> =
        spec.operations.iter().flat_map(|operation| operation.consumes.iter().map(String::as_str)).collect();
    for part in &spec.parts {
        if !consumed.contains(part.id.as_str()) {
            gaps.push(DesignProblem::new(
                SpecPath::Part(part.id.clone()),
                "id",
                "no operation consumes this part, so its material would never be issued",
            ));
        }
    }

    if !spec.operations.is_empty() {
        if spec.operations.iter().all(|operation| operation.checks.is_empty()) {
            gaps.push(DesignProblem::new(SpecPath::Design, "operations", "no operation has a quality check"));
        }
        if spec.operations.iter().all(|operation| operation.crew == 0) {
            gaps.push(DesignProblem::new(
                SpecPath::Design,
                "operations",
                "every operation is unattended; nobody builds anything",
            ));
        }
        let predecessors: HashSet<&str> = spec
            .operations
            .iter()
            .flat_map(|operation| operation.after.iter().map(|link| link.operation.as_str()))
            .collect();
        for operation in &spec.operations {
            if !predecessors.contains(operation.id.as_str()) && operation.checks.is_empty() {
                gaps.push(DesignProblem::new(
                    SpecPath::Operation(operation.id.clone()),
                    "check",
                    "a final operation (nothing comes after it) needs a quality check so the result is inspected",
                ));
            }
        }
    }
    gaps
}
