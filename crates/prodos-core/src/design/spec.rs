//! The content of one design version, exactly as a designer writes it: bill of materials, build
//! sequence, quality checks and lifetime attributes. Validation lives in `validate.rs`.
//!
//! Numbers a user types are kept signed here (`i64`) so that validation can say "must be positive"
//! about a negative value instead of a parser failing with a type error.

use super::check::QualityCheck;
use crate::units::{Milli, Unit};
use serde::{Deserialize, Serialize};

/// Everything one version of a design says. Two versions with equal specs are the same design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DesignSpec {
    /// Stable slug shared by all versions, e.g. `acoustic-guitar`; how re-imports find their design.
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub lifetime: Lifetime,
    #[serde(default, skip_serializing_if = "QualityTargets::is_unset")]
    pub quality: QualityTargets,
    #[serde(default)]
    pub skills: Vec<SkillDef>,
    #[serde(default)]
    pub tools: Vec<ToolDef>,
    /// The BOM's inner nodes. A module without `parent` sits directly under the finished unit.
    #[serde(default)]
    pub modules: Vec<ModuleSpec>,
    /// The BOM's leaves: material lines, each inside one module.
    #[serde(default)]
    pub parts: Vec<PartLine>,
    /// The build sequence.
    #[serde(default)]
    pub operations: Vec<OperationSpec>,
}

/// Lifetime design attributes (OSE's "lifetime design incentives").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Lifetime {
    pub service_life_years: Option<i64>,
    pub maintenance_interval_days: Option<i64>,
    #[serde(default)]
    pub repairability: String,
}

/// What the design expects of its builds as a whole: below this first-pass yield over a window
/// of inspected tasks, the version is flagged for design review.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct QualityTargets {
    /// A share between 0 and 1, e.g. 0.9.
    pub min_first_pass_yield: Option<f64>,
    /// How many inspected tasks the yield is taken over (default [`DEFAULT_YIELD_WINDOW`]).
    pub yield_window: Option<i64>,
}

/// The window when a design sets a minimum yield but no window.
pub const DEFAULT_YIELD_WINDOW: i64 = 10;

impl QualityTargets {
    pub fn is_unset(&self) -> bool {
        self.min_first_pass_yield.is_none() && self.yield_window.is_none()
    }
    pub fn window(&self) -> usize {
        usize::try_from(self.yield_window.unwrap_or(DEFAULT_YIELD_WINDOW)).unwrap_or(1).max(1)
    }
}

/// A skill the build sequence asks for, e.g. `luthiery.fretting`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillDef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolKind {
    /// A hand or machine tool that one operation holds while it runs.
    Tool,
    /// A place where work happens (bench, spray booth, assembly bay).
    Workstation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolDef {
    pub id: String,
    pub name: String,
    pub kind: ToolKind,
}

/// An inner node of the BOM tree: module → submodule → … (any depth).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleSpec {
    pub id: String,
    pub name: String,
    /// The enclosing module; `None` means directly under the finished unit.
    pub parent: Option<String>,
    /// How many of this module one parent contains (e.g. 4 wall modules per house).
    pub count: i64,
}

/// A leaf of the BOM: `qty` of `material` per one instance of `module`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartLine {
    pub id: String,
    pub name: String,
    pub module: String,
    /// The resource specification: a material key shared with stock and supplier catalogs.
    pub material: String,
    pub qty: Milli,
    pub unit: Unit,
    /// Scrap / attrition allowance in basis points (1000 = 10 %).
    #[serde(default)]
    pub scrap_bp: i64,
    /// Supplier keys the designer suggests; advisory only.
    #[serde(default)]
    pub supplier_hints: Vec<String>,
    /// Whether the part can be replaced without destroying others; `None` when the design does
    /// not say, which the lifetime score reports as such rather than guessing. Added with the
    /// lifetime score: earlier ledgers' parts read as not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaceable: Option<bool>,
    /// The design's tool ids a replacement needs (empty: none of the design's tools).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<String>,
}

/// A finish-to-start link: this operation starts at least `lag_min` after `operation` ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Precedence {
    pub operation: String,
    #[serde(default)]
    pub lag_min: i64,
}

/// One step of the build sequence, performed once per finished unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationSpec {
    pub id: String,
    pub name: String,
    /// The module this step builds, if any (for cost roll-up per module).
    pub module: Option<String>,
    pub duration_min: i64,
    /// Required skill; `None` only for unattended steps (`crew = 0`, e.g. a finish curing).
    pub skill: Option<String>,
    /// Minimum certified level, 1–5.
    pub min_level: i64,
    /// People working at once; 0 for unattended steps.
    pub crew: i64,
    /// Tool and workstation ids held for the whole duration.
    #[serde(default)]
    pub tools: Vec<String>,
    #[serde(default)]
    pub after: Vec<Precedence>,
    /// Part line ids whose material this step consumes.
    #[serde(default)]
    pub consumes: Vec<String>,
    #[serde(default)]
    pub checks: Vec<QualityCheck>,
    /// A safety certification (a skill id of the design, held at any level) everyone working
    /// the step must hold in addition to its skill, e.g. `spray-safety`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety: Option<String>,
}

impl OperationSpec {
    /// A check by its id (or slug), or by its exact name.
    pub fn check(&self, key: &str) -> Option<&QualityCheck> {
        self.checks.iter().find(|check| check.key() == key || check.name == key)
    }
}

impl DesignSpec {
    pub fn module(&self, id: &str) -> Option<&ModuleSpec> {
        self.modules.iter().find(|module| module.id == id)
    }
    pub fn part(&self, id: &str) -> Option<&PartLine> {
        self.parts.iter().find(|part| part.id == id)
    }
    pub fn operation(&self, id: &str) -> Option<&OperationSpec> {
        self.operations.iter().find(|operation| operation.id == id)
    }
}
