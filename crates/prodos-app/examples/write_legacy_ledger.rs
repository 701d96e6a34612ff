//! Writes the ledger fixture `tests/legacy_ledger.rs` replays (the story in
//! `tests/legacy/scenario.rs`), one JSON line per entry with its payload bytes verbatim. Run it
//! when the event encoding changes, to a new file, and keep the old ones: they are the ledgers of
//! nodes in the field, which every later build must still replay.
//!
//! `cargo run -p prodos-app --example write_legacy_ledger -- tests/fixtures/ledger-vN.jsonl`

#[path = "../tests/legacy/scenario.rs"]
mod scenario;

use prodos_app::Node;
use prodos_ledger::MemoryLedger;
use std::io::Write;
use std::sync::Arc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: write_legacy_ledger OUT.jsonl")?;
    let node = Node::open(Arc::new(MemoryLedger::default()))?;
    scenario::tell(&node)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let mut written = 0;
    node.store().scan(1, &mut |entry| {
        let line = serde_json::json!({
            "command_id": entry.command_id,
            "actor": entry.actor,
            "recorded_at_ms": entry.recorded_at_ms,
            "kind": entry.kind,
            "payload": String::from_utf8_lossy(&entry.payload),
        });
        writeln!(out, "{line}").expect("write the fixture");
        written += 1;
        Ok(())
    })?;
    out.flush()?;
    eprintln!("{path}: {written} entries");
    Ok(())
}
