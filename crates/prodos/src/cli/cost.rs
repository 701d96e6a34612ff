//! `prodos design cost`: what a design costs to build now — materials at lot cost or the
//! cheapest offer, labor at the node's rates, tool time — per module and in total.

use super::context::{Context, GlobalArgs, print_json, table};
use anyhow::bail;
use prodos_app::planning::design_cost_view;
use prodos_app::views::CostView;
use prodos_core::DesignSelector;

pub fn run(global: &GlobalArgs, design: DesignSelector, qty: i64, json: bool) -> anyhow::Result<()> {
    if qty <= 0 {
        bail!("field `qty`: must be positive, got {qty}");
    }
    let qty = u32::try_from(qty).map_err(|_| anyhow::anyhow!("field `qty`: {qty} is too large"))?;
    let context = Context::open(global)?;
    let view = design_cost_view(&context.node, design, qty)?;
    if json {
        return print_json(&view);
    }
    println!("{} × {}", view.qty, view.design);
    print_cost(&view);
    Ok(())
}

pub fn print_cost(view: &CostView) {
    let mut modules = table(&["module", "materials", "labor", "tools", "total"]);
    for module in &view.modules {
        modules.add_row(vec![
            format!("{} ({})", module.module, module.name),
            module.materials.clone(),
            module.labor.clone(),
            module.tools.clone(),
            module.total.clone(),
        ]);
    }
    modules.add_row(vec![
        "TOTAL".to_string(),
        view.materials_total.clone(),
        view.labor_total.clone(),
        view.tools_total.clone(),
        view.total.clone(),
    ]);
    println!("{modules}");
    println!("per unit: {}", view.per_unit);
    for problem in &view.problems {
        println!("note: {problem}");
    }
}
