//! `prodos production [--active]`: the seeds' operational dashboard block per plan — tasks,
//! labor events and materials consumed.

use super::context::{Context, GlobalArgs, print_json};
use clap::Args;
use prodos_app::queries;

#[derive(Args, Debug)]
pub struct ProductionArgs {
    /// Only active plans: committed, with tasks not yet verified.
    #[arg(long)]
    pub active: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ProductionArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let views = queries::production(&context.node, args.active);
    if args.json {
        return print_json(&views);
    }
    if views.is_empty() {
        println!("no {}plans", if args.active { "active " } else { "" });
    }
    for (index, view) in views.iter().enumerate() {
        if index > 0 {
            println!();
        }
        println!("plan_id:{}", view.plan_id);
        println!("design_ref:{}", view.design_ref);
        println!("mandated_by:{}", view.mandated_by);
        if !args.active {
            println!("status:{}", view.status);
        }
        println!("tasks_total:{}", view.tasks_total);
        println!("tasks_complete:{}", view.tasks_complete);
        println!("tasks_in_progress:{}", view.tasks_in_progress);
        println!("labor_events_emitted:{}", view.labor_events_emitted);
        println!("materials_consumed:{} of {}", view.materials_consumed, view.materials_total);
    }
    Ok(())
}
