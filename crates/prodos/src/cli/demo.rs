//! `prodos demo`: seeds an empty data directory with a believable guitar cooperative (eight
//! months of history up to today, DEC-0019's plan PROD-0031 under way) so that a newcomer sees
//! real output at once. The example files are compiled in, so it works from any directory.

use super::context::{Context, GlobalArgs};
use prodos_demo::ACTIVE_PLAN;

/// The example files shipped in `examples/`, compiled into the binary (kept here for callers).
#[allow(unused_imports, reason = "the planning benchmark reads the examples through this path")]
pub use prodos_demo::{EXAMPLE_DESIGNS, EXAMPLE_STOCK, EXAMPLE_SUPPLIERS};

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
    for line in prodos_demo::summary(&context.node) {
        println!("  {line}");
    }
    println!("ledger head: {}", context.node.head());
    println!(
        "next: prodos plan show {ACTIVE_PLAN} · prodos task list --plan {ACTIVE_PLAN} · prodos participant list · \
         prodos serve --demo"
    );
    Ok(())
}

/// Seeds the demo cooperative; the seeding itself lives in prodos-app so the server shares it.
pub fn seed(context: &Context) -> anyhow::Result<()> {
    prodos_demo::seed(&context.node, &context.global.actor, prodos_app::clock::now())?;
    Ok(())
}
