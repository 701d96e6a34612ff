//! `prodos supplier import|list`: supplier catalogs (price, lead time, minimum order, availability).

use super::context::{Context, GlobalArgs, print_json, read_input, report, table};
use anyhow::Context as _;
use clap::Subcommand;
use prodos_app::queries;
use prodos_app::views::SupplierView;
use prodos_core::Command;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum SupplierCommand {
    /// Import catalog lines from CSV
    /// (supplier,supplier_name,material,price,unit,lead_time_days,min_order_qty,available).
    Import { file: PathBuf },
    /// Suppliers and their catalogs.
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: SupplierCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        SupplierCommand::Import { file } => {
            let text = read_input(&file)?;
            let rows = prodos_formats::parse_catalog_csv(&file.display().to_string(), &text)?;
            let suppliers = prodos_formats::catalog_listings(&rows);
            let context = Context::open(global)?;
            let done = context
                .execute(&Command::Supplier(prodos_core::SupplierCommand::ImportSuppliers { suppliers }))
                .with_context(|| format!("{}: nothing was imported", file.display()))?;
            report(&done, &format!("suppliers from {}", file.display()));
            Ok(())
        }
        SupplierCommand::List { json } => {
            let context = Context::open(global)?;
            let views: Vec<SupplierView> = queries::suppliers(&context.node);
            if json {
                return print_json(&views);
            }
            let mut out = table(&[
                "supplier",
                "key",
                "name",
                "material",
                "price",
                "unit",
                "lead (calendar days)",
                "min order",
                "available",
            ]);
            for view in views {
                for item in &view.items {
                    out.add_row(vec![
                        view.id.clone(),
                        view.key.clone(),
                        view.name.clone(),
                        item.material.clone(),
                        item.price.clone(),
                        item.unit.clone(),
                        item.lead_time_days.to_string(),
                        item.min_order_qty.clone(),
                        if item.available { "yes" } else { "no" }.to_string(),
                    ]);
                }
            }
            println!("{out}");
            Ok(())
        }
    }
}
