//! `prodos demo`: seeds an empty data directory with a believable guitar cooperative so that a
//! newcomer sees real output at once. The example files are compiled in, so it works from any
//! directory.

use super::context::{Context, GlobalArgs};
use anyhow::Context as _;
use prodos_core::stock::LotReceipt;
use prodos_core::{Command, DesignSelector};

/// The example files shipped in `examples/`, compiled into the binary.
pub const EXAMPLE_DESIGNS: &[(&str, &str)] = &[
    ("examples/acoustic-guitar.toml", include_str!("../../../../examples/acoustic-guitar.toml")),
    ("examples/modular-house.toml", include_str!("../../../../examples/modular-house.toml")),
];
pub const EXAMPLE_STOCK: (&str, &str) = ("examples/stock.csv", include_str!("../../../../examples/stock.csv"));
pub const EXAMPLE_SUPPLIERS: (&str, &str) =
    ("examples/suppliers.csv", include_str!("../../../../examples/suppliers.csv"));

pub fn run(global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    if context.node.head().seq > 0 {
        // Re-running the README's command must not duplicate the cooperative: show what is there.
        println!(
            "{} already holds a ledger ({} entries); not seeding again",
            global.data_dir.display(),
            context.node.head().seq
        );
    } else {
        seed(&context)?;
        println!("demo cooperative seeded into {}", global.data_dir.display());
    }
    context.node.read(|state| {
        for record in state.designs.iter() {
            println!(
                "  {} {} — {} [{}]",
                record.id,
                record.key,
                record.latest().spec.name,
                record.latest().status.as_str()
            );
        }
        println!(
            "  {} materials in {} lots, {} suppliers",
            state.stock.materials().count(),
            state.stock.lots().count(),
            state.suppliers.iter().count()
        );
    });
    println!("ledger head: {}", context.node.head());
    println!("next: prodos design list · prodos design show DES-0001 · prodos stock list · prodos audit verify");
    Ok(())
}

/// Imports and certifies the example designs, then receives stock and supplier catalogs.
pub fn seed(context: &Context) -> anyhow::Result<()> {
    for (file, text) in EXAMPLE_DESIGNS {
        let parsed = prodos_formats::parse_design(file, text)?;
        let receipt = context.execute(&Command::ImportDesign { spec: parsed.spec, declared: None })?;
        let design = receipt
            .events
            .iter()
            .find_map(|event| match event {
                prodos_core::Event::DesignDrafted { design, .. } => Some(*design),
                _ => None,
            })
            .with_context(|| format!("{file} drafted no design"))?;
        let selector = DesignSelector { design: design.design, version: Some(design.version) };
        context.execute(&Command::CertifyDesign { design: selector })?;
    }
    let (file, text) = EXAMPLE_SUPPLIERS;
    let suppliers = prodos_formats::catalog_listings(&prodos_formats::parse_catalog_csv(file, text)?);
    context.execute(&Command::ImportSuppliers { suppliers })?;
    let (file, text) = EXAMPLE_STOCK;
    let lots: Vec<LotReceipt> =
        prodos_formats::parse_stock_csv(file, text)?.iter().map(prodos_formats::StockRow::to_receipt).collect();
    context.execute(&Command::ReceiveLots { lots })?;
    Ok(())
}
