//! Design views: the list of designs and one version's BOM tree and build sequence.

use prodos_core::design::{DesignRecord, DesignSpec, DesignVersion};
use prodos_core::{DesignRef, Milli};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DesignSummary {
    pub id: String,
    pub key: String,
    pub name: String,
    pub latest_version: u32,
    pub status: String,
    pub certified_version: Option<u32>,
    pub modules: usize,
    pub parts: usize,
    pub operations: usize,
}

impl DesignSummary {
    pub fn of(record: &DesignRecord) -> DesignSummary {
        let latest = record.latest();
        DesignSummary {
            id: record.id.to_string(),
            key: record.key.clone(),
            name: latest.spec.name.clone(),
            latest_version: latest.version,
            status: latest.status.as_str().to_string(),
            certified_version: record.latest_certified().map(|version| version.version),
            modules: latest.spec.modules.len(),
            parts: latest.spec.parts.len(),
            operations: latest.spec.operations.len(),
        }
    }
}

/// A node of the BOM tree: a module with its children, or a part line (leaf).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BomNode {
    pub id: String,
    pub name: String,
    /// `module` or `part`.
    pub kind: &'static str,
    /// Count per parent (modules) or quantity per parent module (parts).
    pub qty: String,
    pub unit: Option<String>,
    pub material: Option<String>,
    pub scrap_pct: Option<f64>,
    /// A part replaceable without destroying others: `None` when the design does not say.
    pub replaceable: Option<bool>,
    /// The design's tools a part's replacement needs.
    pub repair_tools: Vec<String>,
    // Recursive: the schema refers to itself instead of expanding forever.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<BomNode>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperationView {
    pub id: String,
    pub name: String,
    pub module: Option<String>,
    pub duration_min: i64,
    pub skill: Option<String>,
    pub min_level: i64,
    pub crew: i64,
    pub tools: Vec<String>,
    pub after: Vec<String>,
    pub consumes: Vec<String>,
    pub checks: Vec<String>,
    /// The checks as inspectors address them.
    pub quality_checks: Vec<CheckView>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckView {
    /// What `prodos inspect record --check` takes.
    pub id: String,
    pub name: String,
    /// `measured` or `attribute` (pass/fail).
    pub kind: &'static str,
    /// "2.8 ± 0.2 mm", "≥ 30 N", "pass/fail".
    pub spec: String,
    pub nominal: f64,
    pub unit: String,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// Recorded by someone outside the crew.
    pub independent: bool,
    pub samples: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DesignDetail {
    pub id: String,
    pub key: String,
    pub name: String,
    pub summary: String,
    pub status: String,
    pub versions: Vec<u32>,
    pub service_life_years: Option<i64>,
    pub maintenance_interval_days: Option<i64>,
    pub repairability: String,
    pub bom: Vec<BomNode>,
    pub operations: Vec<OperationView>,
}

impl DesignDetail {
    pub fn of(record: &DesignRecord, version: &DesignVersion) -> DesignDetail {
        let spec = &version.spec;
        DesignDetail {
            id: DesignRef { design: record.id, version: version.version }.to_string(),
            key: record.key.clone(),
            name: spec.name.clone(),
            summary: spec.summary.clone(),
            status: version.status.as_str().to_string(),
            versions: record.versions().iter().map(|version| version.version).collect(),
            service_life_years: spec.lifetime.service_life_years,
            maintenance_interval_days: spec.lifetime.maintenance_interval_days,
            repairability: spec.lifetime.repairability.clone(),
            bom: bom_children(spec, None),
            operations: spec.operations.iter().map(operation_view).collect(),
        }
    }
}

fn bom_children(spec: &DesignSpec, parent: Option<&str>) -> Vec<BomNode> {
    let mut nodes: Vec<BomNode> = spec
        .modules
        .iter()
        .filter(|module| module.parent.as_deref() == parent)
        .map(|module| BomNode {
            id: module.id.clone(),
            name: module.name.clone(),
            kind: "module",
            qty: module.count.to_string(),
            unit: None,
            material: None,
            scrap_pct: None,
            replaceable: None,
            repair_tools: Vec::new(),
            children: bom_children(spec, Some(&module.id)),
        })
        .collect();
    if let Some(parent) = parent {
        nodes.extend(spec.parts.iter().filter(|part| part.module == parent).map(|part| BomNode {
            id: part.id.clone(),
            name: part.name.clone(),
            kind: "part",
            qty: part.qty.to_string(),
            unit: Some(part.unit.to_string()),
            material: Some(part.material.clone()),
            scrap_pct: Some(part.scrap_bp as f64 / 100.0),
            replaceable: part.replaceable,
            repair_tools: part.tools.clone(),
            children: Vec::new(),
        }));
    }
    nodes
}

fn operation_view(operation: &prodos_core::design::OperationSpec) -> OperationView {
    OperationView {
        id: operation.id.clone(),
        name: operation.name.clone(),
        module: operation.module.clone(),
        duration_min: operation.duration_min,
        skill: operation.skill.clone(),
        min_level: operation.min_level,
        crew: operation.crew,
        tools: operation.tools.clone(),
        after: operation
            .after
            .iter()
            .map(|link| match link.lag_min {
                0 => link.operation.clone(),
                lag => format!("{}+{}min", link.operation, lag),
            })
            .collect(),
        consumes: operation.consumes.clone(),
        checks: operation
            .checks
            .iter()
            .map(|check| match (check.kind, check.sides) {
                (prodos_core::design::CheckKind::Measured, prodos_core::design::Sides::Both) => {
                    format!("{} {}±{} {}", check.name, check.nominal, check.tolerance, check.unit)
                }
                _ => format!("{} {}", check.name, check.spec_text()),
            })
            .collect(),
        quality_checks: operation
            .checks
            .iter()
            .map(|check| {
                let (lower, upper) = check.limits();
                CheckView {
                    id: check.key(),
                    name: check.name.clone(),
                    kind: match check.kind {
                        prodos_core::design::CheckKind::Measured => "measured",
                        prodos_core::design::CheckKind::Attribute => "attribute",
                    },
                    spec: check.spec_text(),
                    nominal: check.nominal,
                    unit: check.unit.clone(),
                    lower: if check.kind == prodos_core::design::CheckKind::Measured { lower } else { None },
                    upper: if check.kind == prodos_core::design::CheckKind::Measured { upper } else { None },
                    independent: check.independent,
                    samples: check.samples,
                }
            })
            .collect(),
    }
}

/// Total quantity of each part per finished unit, with module counts multiplied down the tree.
pub fn parts_per_unit(spec: &DesignSpec) -> Vec<(String, Milli)> {
    spec.parts
        .iter()
        .map(|part| {
            let mut multiplier: i64 = 1;
            let mut module = spec.module(&part.module);
            let mut depth = 0;
            while let Some(current) = module {
                multiplier *= current.count.max(1);
                module = current.parent.as_deref().and_then(|parent| spec.module(parent));
                depth += 1;
                if depth > spec.modules.len() {
                    break; // validated specs have no cycles; stay finite on unvalidated ones
                }
            }
            (part.id.clone(), Milli(part.qty.0 * multiplier))
        })
        .collect()
}
