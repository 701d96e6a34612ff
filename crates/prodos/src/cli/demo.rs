//! `prodos demo`: seeds an empty data directory with a believable guitar cooperative so that a
//! newcomer sees real output at once. The example files are compiled in, so it works from any
//! directory.

use super::context::{Context, GlobalArgs};

/// The example files shipped in `examples/`, compiled into the binary (kept here for callers).
#[allow(unused_imports, reason = "the planning benchmark reads the examples through this path")]
pub use prodos_node::demo::{EXAMPLE_DESIGNS, EXAMPLE_STOCK, EXAMPLE_SUPPLIERS};

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

/// Seeds the demo cooperative; the seeding itself lives in prodos-node so the server shares it.
pub fn seed(context: &Context) -> anyhow::Result<()> {
    prodos_node::demo::seed(&context.node, &context.global.actor, prodos_node::clock::now())?;
    Ok(())
}
