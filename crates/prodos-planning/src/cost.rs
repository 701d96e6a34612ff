//! Real-time cost of a design (or a plan) for a quantity: materials at the lot cost of available
//! stock (oldest first) and, beyond stock, at the cheapest available offer; labor at the node's
//! rate per skill and level; tool time at the rate per tool. Per module and in total. Always
//! computed from the state it is given, so a price, stock or design change shows in the next call.

use crate::explode::explode;
use crate::procure::cheapest_price;
use crate::stock_view::StockView;
use prodos_core::design::DesignSpec;
use prodos_core::units::{Milli, Millicents, Unit};
use prodos_core::{DesignRef, DesignSelector, Rejection, State};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The module bucket for operations that belong to no module (final assembly of the unit).
pub const UNIT_LEVEL: &str = "(unit)";

#[derive(Debug, Clone, PartialEq)]
pub struct MaterialCost {
    pub material: String,
    pub unit: Unit,
    pub qty: Milli,
    /// The part of `qty` priced at lot cost.
    pub from_stock: Milli,
    pub cost: Millicents,
    /// False when neither stock nor any supplier prices the rest.
    pub priced: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ModuleCost {
    pub module: String,
    pub name: String,
    pub materials: Millicents,
    pub labor: Millicents,
    pub tools: Millicents,
}

impl ModuleCost {
    pub fn total(&self) -> Millicents {
        self.materials + self.labor + self.tools
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CostBreakdown {
    pub design: DesignRef,
    pub qty: u32,
    pub materials: Vec<MaterialCost>,
    pub modules: Vec<ModuleCost>,
    pub materials_total: Millicents,
    pub labor_total: Millicents,
    pub tools_total: Millicents,
    /// What could not be priced: materials nobody sells, skills or tools without a rate.
    pub problems: Vec<String>,
}

impl CostBreakdown {
    pub fn total(&self) -> Millicents {
        self.materials_total + self.labor_total + self.tools_total
    }
}

/// Prices `qty` units of a design version. `held_for`: a plan whose reservations count as
/// available stock (pricing a committed plan with the lots it holds).
pub fn design_cost(
    state: &State,
    design: DesignRef,
    qty: u32,
    held_for: Option<&str>,
) -> Result<CostBreakdown, Rejection> {
    let version = state.designs.version(design).ok_or(Rejection::UnknownDesign {
        design: DesignSelector { design: design.design, version: Some(design.version) },
    })?;
    Ok(cost_of_spec(state, &version.spec, design, qty, held_for))
}

pub fn cost_of_spec(
    state: &State,
    spec: &DesignSpec,
    design: DesignRef,
    qty: u32,
    held_for: Option<&str>,
) -> CostBreakdown {
    let stock = StockView::new(state, held_for);
    let explosion = explode(spec, qty, |material| state.stock.material(material).map(|m| m.unit));
    let mut problems = explosion.problems.clone();

    let mut materials = Vec::with_capacity(explosion.materials.len());
    for total in &explosion.materials {
        let same_unit = state.stock.material(&total.material).is_some_and(|material| material.unit == total.unit);
        let (from_stock, stock_cost) =
            if same_unit { stock.cost_of(&total.material, total.total) } else { (Milli::ZERO, Millicents::ZERO) };
        let rest = total.total - from_stock;
        let (rest_cost, priced) = if rest > Milli::ZERO {
            match cheapest_price(&state.suppliers, &total.material, rest, total.unit) {
                Some(cost) => (cost, true),
                None => {
                    problems.push(format!(
                        "material `{}`: {rest} {} neither in stock nor offered by any supplier; not priced",
                        total.material, total.unit
                    ));
                    (Millicents::ZERO, false)
                }
            }
        } else {
            (Millicents::ZERO, true)
        };
        materials.push(MaterialCost {
            material: total.material.clone(),
            unit: total.unit,
            qty: total.total,
            from_stock,
            cost: stock_cost + rest_cost,
            priced,
        });
    }

    let mut modules: Vec<ModuleCost> = spec
        .modules
        .iter()
        .map(|module| ModuleCost {
            module: module.id.clone(),
            name: module.name.clone(),
            materials: Millicents::ZERO,
            labor: Millicents::ZERO,
            tools: Millicents::ZERO,
        })
        .collect();
    modules.push(ModuleCost {
        module: UNIT_LEVEL.into(),
        name: "Work on the whole unit".into(),
        materials: Millicents::ZERO,
        labor: Millicents::ZERO,
        tools: Millicents::ZERO,
    });
    let module_index: HashMap<&str, usize> =
        spec.modules.iter().enumerate().map(|(idx, module)| (module.id.as_str(), idx)).collect();
    let unit_level = modules.len() - 1;
    let bucket = |module: Option<&str>| module.and_then(|m| module_index.get(m).copied()).unwrap_or(unit_level);

    // A line's share of its material's cost is its share of the material's quantity.
    let material_index: HashMap<&str, usize> =
        materials.iter().enumerate().map(|(idx, cost)| (cost.material.as_str(), idx)).collect();
    let mut line_costs = vec![Millicents::ZERO; modules.len()];
    for line in &explosion.lines {
        let material = &materials[material_index[line.material.as_str()]];
        if material.qty > Milli::ZERO {
            let share = i128::from(material.cost.0) * i128::from(line.total.0) / i128::from(material.qty.0);
            line_costs[bucket(Some(&line.module))] += Millicents(share as i64);
        }
    }
    for (module, cost) in modules.iter_mut().zip(line_costs) {
        module.materials = cost;
    }

    let mut unrated_skills: BTreeMap<&str, BTreeSet<u8>> = BTreeMap::new();
    let mut unrated_tools = BTreeSet::new();
    for operation in &spec.operations {
        let idx = bucket(operation.module.as_deref());
        let units = i64::from(qty);
        if let Some(skill) = operation.skill.as_deref().filter(|_| operation.crew > 0) {
            let level = u8::try_from(operation.min_level.clamp(1, 5)).unwrap_or(1);
            match state.capacity.labor_rate_per_hour(skill, level) {
                Some(rate) => modules[idx].labor += per_hour(rate, operation.duration_min * operation.crew * units),
                None => {
                    unrated_skills.entry(skill).or_default().insert(level);
                }
            }
        }
        for tool in &operation.tools {
            match state.capacity.tool_rate_per_hour(tool) {
                Some(rate) => modules[idx].tools += per_hour(rate, operation.duration_min * units),
                None => {
                    unrated_tools.insert(format!("`{tool}`"));
                }
            }
        }
    }
    if !unrated_skills.is_empty() {
        let named: Vec<String> = unrated_skills
            .into_iter()
            .map(|(skill, levels)| {
                let levels: Vec<String> = levels.iter().map(u8::to_string).collect();
                format!("`{skill}` (level {})", levels.join(", "))
            })
            .collect();
        problems.push(format!("no labor rate for {}; that work is costed at 0", named.join(", ")));
    }
    if !unrated_tools.is_empty() {
        problems.push(format!(
            "no rate for tool {}; its time is costed at 0",
            unrated_tools.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }

    let materials_total = materials.iter().map(|m| m.cost).sum();
    let labor_total = modules.iter().map(|m| m.labor).sum();
    let tools_total = modules.iter().map(|m| m.tools).sum();
    CostBreakdown { design, qty, materials, modules, materials_total, labor_total, tools_total, problems }
}

/// `minutes` at an hourly rate, rounded to the nearest millicent.
fn per_hour(rate: Millicents, minutes: i64) -> Millicents {
    let exact = i128::from(rate.0) * i128::from(minutes);
    Millicents(((exact + 30) / 60) as i64)
}
