//! `prodos goods list|produce` and `prodos distribute GOOD --to HANDLE`: finished units as goods
//! with serial numbers, and their one-time release to an entitled participant.

use super::context::{Context, GlobalArgs, print_json, report, table};
use super::format_time;
use clap::{Args, Subcommand};
use prodos_core::distribution::DistributionCommand;
use prodos_core::{Command, DesignSelector};
use prodos_node::views::people::GoodView;

#[derive(Subcommand, Debug)]
pub enum GoodsCommand {
    /// Goods with their serial numbers and who received them.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Register a finished unit of a certified design as a good (coordinators).
    Produce {
        design: DesignSelector,
        /// Defaults to DESIGN-KEY-NNNN.
        #[arg(long)]
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
            let views: Vec<GoodView> = context
                .node
                .read(|state| state.distribution.goods().map(|good| GoodView::of(&state.distribution, good)).collect());
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
        GoodsCommand::Produce { design, serial, note, by } => {
            let by = by.unwrap_or_else(|| global.actor.clone());
            let done = context.execute(&Command::Distribution(DistributionCommand::ProduceGood {
                design,
                serial,
                note,
                by,
            }))?;
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
