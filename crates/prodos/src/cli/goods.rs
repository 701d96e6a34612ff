//! `prodos goods list|produce` and `prodos distribute GOOD --to HANDLE`: finished units as goods
//! with serial numbers, and their one-time release to an entitled participant.

use super::context::{Context, GlobalArgs, print_json, report, table};
use super::format_time;
use clap::{Args, Subcommand};
use prodos_app::queries;
use prodos_app::views::people::GoodView;
use prodos_core::distribution::DistributionCommand;
use prodos_core::{Command, DesignSelector};

#[derive(Subcommand, Debug)]
pub enum GoodsCommand {
    /// Goods with their serial numbers and who received them.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Register a good (coordinators): a unit of a certified design made outside any plan, or
    /// with --plan and --unit a plan's finished unit that is not a good yet. (A unit finished
    /// through its plan's tasks becomes a good by itself when its last task is verified; --plan
    /// serves units finished on a ledger from before that rule.)
    Produce {
        #[arg(required_unless_present = "plan", conflicts_with_all = ["plan", "unit"])]
        design: Option<DesignSelector>,
        #[arg(long, requires = "unit")]
        plan: Option<prodos_core::PlanId>,
        #[arg(long, requires = "plan")]
        unit: Option<u32>,
        /// Defaults to DESIGN-KEY-NNNN.
        #[arg(long, conflicts_with = "plan")]
        serial: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        by: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct DistributeArgs {
    /// The good: its id (GOOD-0001) or serial number.
    pub good: String,
    #[arg(long)]
    pub to: String,
    /// Who hands it over (defaults to --actor).
    #[arg(long)]
    pub by: Option<String>,
}

pub fn run(command: GoodsCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    match command {
        GoodsCommand::List { json } => {
            let views: Vec<GoodView> = queries::goods(&context.node);
            if json {
                return print_json(&views);
            }
            let mut out = table(&["good", "serial", "design", "origin", "produced", "released to", "released", "cost"]);
            for view in views {
                out.add_row(vec![
                    view.good,
                    view.serial,
                    view.design,
                    view.origin,
                    format_time(view.produced_at_ms),
                    view.released_to.unwrap_or_default(),
                    view.released_at_ms.map(format_time).unwrap_or_default(),
                    view.cost_credits.unwrap_or_default(),
                ]);
            }
            println!("{out}");
        }
        GoodsCommand::Produce { design, plan, unit, serial, note, by } => {
            let by = by.unwrap_or_else(|| global.actor.clone());
            let command = match (design, plan, unit) {
                (_, Some(plan), Some(unit)) => DistributionCommand::ProduceUnit { plan, unit, by },
                (Some(design), _, _) => DistributionCommand::ProduceGood { design, serial, note, by },
                _ => anyhow::bail!("name a DESIGN, or a plan's unit with --plan and --unit"),
            };
            let done = context.execute(&Command::Distribution(command))?;
            let serial = done.events.iter().find_map(|event| match event {
                prodos_core::Event::Distribution(prodos_core::distribution::DistributionEvent::GoodProduced {
                    good,
                }) => Some(format!("{} ({})", good.id, good.serial)),
                _ => None,
            });
            report(&done, &format!("good {}", serial.unwrap_or_default()));
        }
    }
    Ok(())
}

pub fn distribute(args: DistributeArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let by = args.by.unwrap_or_else(|| global.actor.clone());
    let command = DistributionCommand::Distribute { good: args.good.clone(), to: args.to.clone(), by };
    let done = context.execute(&Command::Distribution(command))?;
    report(&done, &format!("{} released to {}", args.good, args.to));
    Ok(())
}
