//! Checks a `DesignSpec` for structural errors (import refuses them) and for gaps that only block
//! certification. Pure; every problem names the item and field it is about.

use super::spec::DesignSpec;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where in a design a problem sits. Text formats map this back to a file line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "item", content = "id", rename_all = "snake_case")]
pub enum SpecPath {
    Design,
    Lifetime,
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
            SpecPath::Skill(id) => write!(f, "skill `{id}`"),
            SpecPath::Tool(id) => write!(f, "tool `{id}`"),
            SpecPath::Module(id) => write!(f, "module `{id}`"),
            SpecPath::Part(id) => write!(f, "part `{id}`"),
            SpecPath::Operation(id) => write!(f, "operation `{id}`"),
            SpecPath::Check { operation, index } => write!(f, "operation `{operation}` check #{}", index + 1),
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

impl fmt::Display for DesignProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} field `{}`: {}", self.at, self.field, self.message)
    }
}

/// Structural errors: empty or duplicate ids, references to unknown modules/parts/operations/
/// skills/tools, non-positive quantities/durations/counts, skill levels outside 1–5, cycles in the
/// BOM or in the build sequence (the message names the cycle, e.g. `a → b → a`). Import refuses a
/// design with any of these. Ordered as they appear in the spec.
pub fn validate(spec: &DesignSpec) -> Vec<DesignProblem> {
    let _ = spec;
    Vec::new()
}

/// What keeps a structurally valid draft from being certified (incompleteness rather than
/// malformation): no operations, a part no operation consumes, an operation without a quality
/// check on the final step, … Certification refuses a design with any of these or with any
/// `validate` problem.
pub fn certification_gaps(spec: &DesignSpec) -> Vec<DesignProblem> {
    let _ = spec;
    Vec::new()
}
