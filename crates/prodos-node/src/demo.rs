//! The demo cooperative: example designs (certified), stock and suppliers, seeded into an empty
//! node. One place, so that `prodos demo` and `prodos serve --demo` seed exactly the same thing.

use crate::error::NodeError;
use crate::node::{CommandMeta, Node, Receipt};
use prodos_core::stock::LotReceipt;
use prodos_core::{Command, DesignSelector, Event, Timestamp};

/// The example files shipped in `examples/`, compiled into the binary.
pub const EXAMPLE_DESIGNS: &[(&str, &str)] = &[
    ("examples/acoustic-guitar.toml", include_str!("../../../examples/acoustic-guitar.toml")),
    ("examples/modular-house.toml", include_str!("../../../examples/modular-house.toml")),
];
pub const EXAMPLE_STOCK: (&str, &str) = ("examples/stock.csv", include_str!("../../../examples/stock.csv"));
pub const EXAMPLE_SUPPLIERS: (&str, &str) = ("examples/suppliers.csv", include_str!("../../../examples/suppliers.csv"));

/// Imports and certifies the example designs, then receives stock and supplier catalogs.
///
/// Command ids are fixed (`demo-seed-N`), so seeding twice returns the first results and writes
/// nothing the second time.
pub fn seed(node: &Node, actor: &str, now: Timestamp) -> Result<(), NodeError> {
    let mut seeder = Seeder { node, actor, now, issued: 0 };
    for (file, text) in EXAMPLE_DESIGNS {
        let parsed = prodos_formats::parse_design(file, text).map_err(|errors| broken(file, errors))?;
        let receipt = seeder.execute(&Command::ImportDesign { spec: parsed.spec, declared: None })?;
        let design = receipt
            .events
            .iter()
            .find_map(|event| match event {
                Event::DesignDrafted { design, .. } => Some(*design),
                _ => None,
            })
            .ok_or_else(|| broken(file, "drafted no design"))?;
        let selector = DesignSelector { design: design.design, version: Some(design.version) };
        seeder.execute(&Command::CertifyDesign { design: selector })?;
    }
    let (file, text) = EXAMPLE_SUPPLIERS;
    let rows = prodos_formats::parse_catalog_csv(file, text).map_err(|errors| broken(file, errors))?;
    seeder.execute(&Command::ImportSuppliers { suppliers: prodos_formats::catalog_listings(&rows) })?;
    let (file, text) = EXAMPLE_STOCK;
    let rows = prodos_formats::parse_stock_csv(file, text).map_err(|errors| broken(file, errors))?;
    let lots: Vec<LotReceipt> = rows.iter().map(prodos_formats::StockRow::to_receipt).collect();
    seeder.execute(&Command::ReceiveLots { lots })?;
    Ok(())
}

struct Seeder<'a> {
    node: &'a Node,
    actor: &'a str,
    now: Timestamp,
    issued: u32,
}

impl Seeder<'_> {
    fn execute(&mut self, command: &Command) -> Result<Receipt, NodeError> {
        self.issued += 1;
        let meta = CommandMeta {
            command_id: format!("demo-seed-{}", self.issued),
            actor: self.actor.to_string(),
            now: self.now,
        };
        self.node.execute(command, &meta)
    }
}

fn broken(file: &str, reason: impl std::fmt::Display) -> NodeError {
    NodeError::BrokenExample { file: file.to_string(), reason: reason.to_string() }
}
