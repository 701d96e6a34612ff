//! `prodos stock …`: receive, list, import, reserve, release, consume and adjust material lots.

use super::context::{Context, GlobalArgs, print_json, read_input, report, table};
use clap::{Subcommand, ValueEnum};
use prodos_app::queries;
use prodos_core::stock::{LotReceipt, Provenance};
use prodos_core::{Command, LotId, Milli, Millicents, Quantity, Unit};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum StockCommand {
    /// Receive one lot of a material.
    Receive {
        #[command(flatten)]
        amount: MaterialAmount,
        /// Readable material name, used when the material is new.
        #[arg(long)]
        name: Option<String>,
        /// Cost per unit, in currency (e.g. 12.50).
        #[arg(long, value_parser = parse_money)]
        cost: Millicents,
        #[arg(long, default_value = "store")]
        location: String,
        #[arg(long, value_enum, default_value_t = ProvenanceKind::Own)]
        provenance: ProvenanceKind,
        /// The node or supplier the lot came from (with --provenance node|supplier).
        #[arg(long)]
        source: Option<String>,
    },
    /// Receive every lot in a CSV file (material,qty,unit,unit_cost,location,provenance[,source]).
    Import { file: PathBuf },
    /// Materials with on-hand, reserved and available quantities (or every lot with --lots).
    List {
        #[arg(long)]
        lots: bool,
        #[arg(long)]
        json: bool,
    },
    /// Hold material for a purpose (usually a plan id).
    Reserve {
        #[command(flatten)]
        amount: MaterialAmount,
        #[arg(long)]
        purpose: String,
    },
    /// Release what is held for a purpose.
    Release {
        #[arg(long)]
        purpose: String,
        #[arg(long)]
        material: Option<String>,
    },
    /// Consume material (from the purpose's reservation first, then free stock).
    Consume {
        #[command(flatten)]
        amount: MaterialAmount,
        #[arg(long)]
        purpose: Option<String>,
    },
    /// Correct a lot after a count, damage or loss.
    Adjust {
        lot: LotId,
        /// Signed change in the material's unit, e.g. -2.5.
        #[arg(long, allow_hyphen_values = true, value_parser = parse_milli)]
        delta: Milli,
        #[arg(long)]
        reason: String,
    },
}

/// `--material M --qty Q --unit U`, shared by every command that moves an amount of material.
#[derive(clap::Args, Debug)]
pub struct MaterialAmount {
    #[arg(long)]
    pub material: String,
    #[arg(long, value_parser = parse_positive_milli)]
    pub qty: Milli,
    #[arg(long, value_parser = parse_unit)]
    pub unit: Unit,
}

impl MaterialAmount {
    fn quantity(&self) -> Quantity {
        Quantity { amount: self.qty, unit: self.unit }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum ProvenanceKind {
    Own,
    Node,
    Supplier,
}

pub fn provenance(kind: ProvenanceKind, source: Option<String>) -> anyhow::Result<Provenance> {
    Ok(match (kind, source) {
        (ProvenanceKind::Own, _) => Provenance::Own,
        (ProvenanceKind::Node, Some(node)) => Provenance::Node(node),
        (ProvenanceKind::Supplier, Some(supplier)) => Provenance::Supplier(supplier),
        (_, None) => anyhow::bail!("--source is required with --provenance node or supplier"),
    })
}

pub fn parse_unit(text: &str) -> Result<Unit, String> {
    text.parse().map_err(|error: prodos_core::UnitError| error.to_string())
}

pub fn parse_milli(text: &str) -> Result<Milli, String> {
    let value: f64 = text.parse().map_err(|_| format!("`{text}` is not a number"))?;
    Milli::from_f64(value).ok_or_else(|| format!("`{text}` is out of range"))
}

pub fn parse_positive_milli(text: &str) -> Result<Milli, String> {
    let value = parse_milli(text)?;
    if !value.is_positive() {
        return Err(format!("must be positive, got {text}"));
    }
    Ok(value)
}

pub fn parse_money(text: &str) -> Result<Millicents, String> {
    let value: f64 = text.parse().map_err(|_| format!("`{text}` is not an amount"))?;
    if value < 0.0 {
        return Err(format!("must not be negative, got {text}"));
    }
    Millicents::from_currency(value).ok_or_else(|| format!("`{text}` is out of range"))
}

pub fn run(command: StockCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        StockCommand::Receive { amount, name, cost, location, provenance: kind, source } => {
            let context = Context::open(global)?;
            let receipt = LotReceipt {
                qty: amount.quantity(),
                material: amount.material,
                material_name: name,
                unit_cost: cost,
                location,
                provenance: provenance(kind, source)?,
            };
            let done =
                context.execute(&Command::Stock(prodos_core::StockCommand::ReceiveLots { lots: vec![receipt] }))?;
            report(&done, "lot received");
            Ok(())
        }
        StockCommand::Import { file } => {
            let text = read_input(&file)?;
            let rows = prodos_formats::parse_stock_csv(&file.display().to_string(), &text)?;
            let lines: Vec<usize> = rows.iter().map(|row| row.line).collect();
            let lots: Vec<LotReceipt> = rows.iter().map(prodos_formats::StockRow::to_receipt).collect();
            let count = lots.len();
            let context = Context::open(global)?;
            let done = context.execute_import(
                &Command::Stock(prodos_core::StockCommand::ReceiveLots { lots }),
                &file,
                "lots",
                &lines,
            )?;
            report(&done, &format!("{count} lots from {}", file.display()));
            Ok(())
        }
        StockCommand::List { lots, json } => list(global, lots, json),
        StockCommand::Reserve { amount, purpose } => {
            let context = Context::open(global)?;
            let command = Command::Stock(prodos_core::StockCommand::ReserveStock {
                qty: amount.quantity(),
                material: amount.material,
                purpose,
            });
            report(&context.execute(&command)?, "reserved");
            Ok(())
        }
        StockCommand::Release { purpose, material } => {
            let context = Context::open(global)?;
            report(
                &context.execute(&Command::Stock(prodos_core::StockCommand::ReleaseStock { purpose, material }))?,
                "released",
            );
            Ok(())
        }
        StockCommand::Consume { amount, purpose } => {
            let context = Context::open(global)?;
            let command = Command::Stock(prodos_core::StockCommand::ConsumeStock {
                qty: amount.quantity(),
                material: amount.material,
                purpose,
            });
            report(&context.execute(&command)?, "consumed");
            Ok(())
        }
        StockCommand::Adjust { lot, delta, reason } => {
            let context = Context::open(global)?;
            report(
                &context.execute(&Command::Stock(prodos_core::StockCommand::AdjustLot { lot, delta, reason }))?,
                "adjusted",
            );
            Ok(())
        }
    }
}

fn list(global: &GlobalArgs, lots: bool, json: bool) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    if lots {
        let views = queries::lots(&context.node);
        if json {
            return print_json(&views);
        }
        let mut out =
            table(&["lot", "material", "on hand", "reserved", "unit", "unit cost", "location", "provenance", "hold"]);
        for view in views {
            out.add_row(vec![
                view.lot,
                view.material,
                view.on_hand,
                view.reserved,
                view.unit,
                view.unit_cost,
                view.location,
                view.provenance,
                view.hold.unwrap_or_default(),
            ]);
        }
        println!("{out}");
        return Ok(());
    }
    let views = queries::materials(&context.node);
    if json {
        return print_json(&views);
    }
    let mut out = table(&["material", "name", "on hand", "reserved", "available", "unit", "lots"]);
    for view in views {
        out.add_row(vec![
            view.material,
            view.name,
            view.on_hand,
            view.reserved,
            view.available,
            view.unit,
            view.lots.to_string(),
        ]);
    }
    println!("{out}");
    Ok(())
}
