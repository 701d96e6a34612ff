//! Validation of an operation's quality checks: each must be judgeable (finite limits, a unit
//! for measured ones), addressable (a unique id) and chartable (a sample count and rules the
//! control chart knows), or inspections against it would fail long after the design was certified.

use super::{DesignProblem, SpecPath};
use crate::design::check::{CheckKind, Sides};
use crate::design::spec::OperationSpec;
use std::collections::BTreeSet;

/// Samples per unit an X̄–R chart has constants for.
pub const MAX_SAMPLES_PER_UNIT: i64 = 10;
/// A baseline needs two points for a moving range and is capped where limits stop changing.
const BASELINE_RANGE: std::ops::RangeInclusive<i64> = 2..=1000;

pub(super) fn check_checks(operation: &OperationSpec, problems: &mut Vec<DesignProblem>) {
    let mut names = BTreeSet::new();
    let mut keys = BTreeSet::new();
    for (index, check) in operation.checks.iter().enumerate() {
        let mut problem = |field: &str, message: String| {
            problems.push(DesignProblem::new(
                SpecPath::Check { operation: operation.id.clone(), index },
                field,
                message,
            ))
        };
        // An empty or repeated name is one problem, not also one about the id made from it.
        let mut name_ok = false;
        if check.name.trim().is_empty() {
            problem("name", "name must not be empty".into());
        } else if !names.insert(check.name.as_str()) {
            problem("name", format!("duplicate check `{}` in this operation", check.name));
        } else {
            name_ok = true;
        }
        let key = check.key();
        if check.id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            problem("id", format!("check id `{}` must not contain spaces or control characters", check.id));
        } else if name_ok && !keys.insert(key.clone()) {
            problem("id", format!("duplicate check id `{key}` in this operation"));
        }
        if check.kind == CheckKind::Measured {
            if !check.nominal.is_finite() {
                let field = if check.sides == Sides::Both { "nominal" } else { limit_field(check.sides) };
                problem(field, format!("{field} must be a finite number, got {}", check.nominal));
            }
            if check.sides == Sides::Both {
                if !check.tolerance.is_finite() {
                    problem("tolerance", format!("tolerance must be a finite number, got {}", check.tolerance));
                } else if check.tolerance < 0.0 {
                    problem("tolerance", format!("tolerance must not be negative, got {}", check.tolerance));
                }
            }
            if check.unit.trim().is_empty() {
                problem("unit", "unit of measurement must not be empty".into());
            }
        }
        if !(1..=MAX_SAMPLES_PER_UNIT).contains(&check.samples) {
            problem("samples", format!("samples per unit must be 1 to {MAX_SAMPLES_PER_UNIT}, got {}", check.samples));
        } else if check.kind == CheckKind::Attribute && check.samples != 1 {
            problem("samples", "a pass-fail check takes one result per unit".into());
        }
        for rule in &check.rules {
            if prodos_spc::Rule::parse(rule).is_none() {
                problem("rules", format!("unknown rule `{rule}` (expected nelson1 … nelson8, we1 … we4)"));
            }
        }
        if let Some(baseline) = check.baseline
            && !BASELINE_RANGE.contains(&baseline)
        {
            let (low, high) = (BASELINE_RANGE.start(), BASELINE_RANGE.end());
            problem("baseline", format!("baseline must be {low} to {high} samples, got {baseline}"));
        }
    }
}

fn limit_field(sides: Sides) -> &'static str {
    match sides {
        Sides::AtLeast => "min",
        Sides::AtMost => "max",
        Sides::Both => "nominal",
    }
}
