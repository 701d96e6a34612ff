//! Multi-level BOM explosion: every part line times the counts of the modules above it, times the
//! quantity ordered, plus scrap, in the material's stock unit when stock knows the material;
//! materials counted in pieces or sets are required in whole ones.

use prodos_core::design::DesignSpec;
use prodos_core::units::{Dimension, Milli, Unit};
use std::collections::{BTreeMap, HashMap};

/// One part line of the design, multiplied out.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplodedLine {
    pub part: String,
    pub module: String,
    pub material: String,
    /// How many of the line's module one finished unit contains (product of counts up the tree).
    pub module_multiplier: i64,
    /// Total for the whole quantity including scrap, in `unit`.
    pub total: Milli,
    pub unit: Unit,
}

/// The material total over all lines that use it, rounded up to whole pieces or sets.
#[derive(Debug, Clone, PartialEq)]
pub struct MaterialTotal {
    pub material: String,
    pub unit: Unit,
    pub total: Milli,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Explosion {
    pub lines: Vec<ExplodedLine>,
    /// One entry per material, sorted by key.
    pub materials: Vec<MaterialTotal>,
    /// Lines whose unit cannot be converted to their material's unit (kept out of the totals).
    pub problems: Vec<String>,
}

impl Explosion {
    pub fn material(&self, key: &str) -> Option<&MaterialTotal> {
        self.materials.binary_search_by(|total| total.material.as_str().cmp(key)).ok().map(|i| &self.materials[i])
    }
}

/// Explodes `spec` for `qty` finished units. `stock_unit` tells the unit stock counts a material
/// in; a material stock does not know is totalled in the unit of its first line.
pub fn explode(spec: &DesignSpec, qty: u32, stock_unit: impl Fn(&str) -> Option<Unit>) -> Explosion {
    let multipliers = module_multipliers(spec);
    let mut explosion = Explosion::default();
    let mut totals: BTreeMap<&str, (Unit, Milli)> = BTreeMap::new();
    for part in &spec.parts {
        let module_multiplier = multipliers.get(part.module.as_str()).copied().unwrap_or(1);
        let gross = i128::from(part.qty.0) * i128::from(module_multiplier) * i128::from(qty);
        let gross = Milli(i64::try_from(gross).unwrap_or(i64::MAX));
        let with_scrap = gross.with_scrap(u32::try_from(part.scrap_bp.max(0)).unwrap_or(0));
        let target_unit = stock_unit(&part.material)
            .or_else(|| totals.get(part.material.as_str()).map(|(unit, _)| *unit))
            .unwrap_or(part.unit);
        let Ok(total) = with_scrap.convert(part.unit, target_unit) else {
            explosion.problems.push(format!(
                "part `{}`: `{}` is counted in {target_unit}, which {} cannot be converted to",
                part.id, part.material, part.unit
            ));
            continue;
        };
        let entry = totals.entry(&part.material).or_insert((target_unit, Milli::ZERO));
        entry.1 += total;
        explosion.lines.push(ExplodedLine {
            part: part.id.clone(),
            module: part.module.clone(),
            material: part.material.clone(),
            module_multiplier,
            total,
            unit: target_unit,
        });
    }
    explosion.materials = totals
        .into_iter()
        .map(|(material, (unit, total))| MaterialTotal {
            material: material.to_string(),
            unit,
            total: whole(unit, total),
        })
        .collect();
    explosion
}

/// Pieces and sets are taken whole: a material counted in them needs its total (scrap
/// included) rounded up. Lines keep their fractions, so per-module costs stay proportional.
fn whole(unit: Unit, total: Milli) -> Milli {
    match unit.dimension() {
        Dimension::Count | Dimension::Set => Milli(crate::ceil_div(total.0, 1000) * 1000),
        _ => total,
    }
}

/// How many of each module one finished unit contains: its count times its parent's multiplier.
/// Designs are validated acyclic; a cycle would still end (depth is capped by the module count).
pub fn module_multipliers(spec: &DesignSpec) -> HashMap<&str, i64> {
    let by_id: HashMap<&str, (&Option<String>, i64)> =
        spec.modules.iter().map(|module| (module.id.as_str(), (&module.parent, module.count))).collect();
    let mut multipliers: HashMap<&str, i64> = HashMap::with_capacity(by_id.len());
    for module in &spec.modules {
        let mut chain = Vec::new();
        let mut current = Some(module.id.as_str());
        let mut product_above = 1i64;
        while let Some(id) = current {
            if let Some(known) = multipliers.get(id) {
                product_above = *known;
                break;
            }
            if chain.len() > spec.modules.len() {
                break;
            }
            chain.push(id);
            current = by_id.get(id).and_then(|(parent, _)| parent.as_deref());
        }
        for id in chain.into_iter().rev() {
            let count = by_id.get(id).map(|(_, count)| *count).unwrap_or(1).max(1);
            product_above = product_above.saturating_mul(count);
            multipliers.insert(id, product_above);
        }
    }
    multipliers
}
