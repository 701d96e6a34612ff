//! `prodos entitlement grant|earn|list`: who may receive goods of which design, at what credit cost.

use super::context::{Context, GlobalArgs, print_json, report, table};
use clap::Subcommand;
use prodos_app::queries;
use prodos_app::views::people::EntitlementView;
use prodos_core::distribution::DistributionCommand;
use prodos_core::{Command, DesignSelector, Milli};

#[derive(Subcommand, Debug)]
pub enum EntitlementCommand {
    /// Entitle HANDLE to QTY goods of DESIGN (coordinators).
    Grant {
        handle: String,
        design: DesignSelector,
        #[arg(long, default_value_t = 1)]
        qty: i64,
        /// Credits each release costs.
        #[arg(long, value_parser = parse_milli, default_value = "0")]
        cost: Milli,
        #[arg(long)]
        by: Option<String>,
    },
    /// Earn an entitlement to one good of DESIGN through the contribution gate for goods.
    Earn { handle: String, design: DesignSelector },
    /// Entitlements with how many goods each has left.
    List {
        #[arg(long)]
        json: bool,
    },
}

fn parse_milli(text: &str) -> Result<Milli, String> {
    text.trim().parse::<f64>().ok().and_then(Milli::from_f64).ok_or_else(|| format!("`{text}` is not a number"))
}

pub fn run(command: EntitlementCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    match command {
        EntitlementCommand::Grant { handle, design, qty, cost, by } => {
            let by = by.unwrap_or_else(|| global.actor.clone());
            let command =
                DistributionCommand::GrantEntitlement { handle: handle.clone(), design, qty, cost_credits: cost, by };
            let done = context.execute(&Command::Distribution(command))?;
            report(&done, &format!("entitlement of {handle} to {qty} × {design}"));
        }
        EntitlementCommand::Earn { handle, design } => {
            let command = DistributionCommand::EarnEntitlement { handle: handle.clone(), design };
            let done = context.execute(&Command::Distribution(command))?;
            report(&done, &format!("entitlement of {handle} to one {design}"));
        }
        EntitlementCommand::List { json } => {
            let views: Vec<EntitlementView> = queries::entitlements(&context.node);
            if json {
                return print_json(&views);
            }
            let mut out = table(&["entitlement", "handle", "design", "qty", "used", "cost", "origin"]);
            for view in views {
                out.add_row(vec![
                    view.entitlement,
                    view.handle,
                    view.design,
                    view.qty.to_string(),
                    view.used.to_string(),
                    view.cost_credits,
                    view.origin,
                ]);
            }
            println!("{out}");
        }
    }
    Ok(())
}
