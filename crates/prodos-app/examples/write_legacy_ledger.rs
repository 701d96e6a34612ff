//! Writes the ledger fixture `tests/legacy_ledger.rs` replays: the demo cooperative seeded at a
//! fixed instant, plus a few access changes, one JSON line per entry with its payload bytes
//! verbatim. Run once when the event encoding changes, keep the old files: they are the ledgers
//! of nodes in the field, which every later build must still replay.
//!
//! `cargo run -p prodos-app --example write_legacy_ledger -- tests/fixtures/ledger-v1.jsonl`

use prodos_app::{CommandMeta, Node};
use prodos_core::access::{AccessChange, AccessCommand};
use prodos_core::{Command, Timestamp};
use prodos_ledger::MemoryLedger;
use std::io::Write;
use std::sync::Arc;

/// 2026-12-01 09:00 UTC, the instant the fixture was seeded at (`legacy_ledger.rs` knows it too).
const SEEDED_AT: Timestamp = Timestamp(1_796_115_600_000);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: write_legacy_ledger OUT.jsonl")?;
    let store = Arc::new(MemoryLedger::default());
    let node = Node::open(store.clone())?;
    prodos_app::demo::seed(&node, "demo", SEEDED_AT)?;
    let changes = [
        AccessChange::AccountCreated { handle: "ana".into(), role: "participant".into() },
        AccessChange::RoleChanged { handle: "ana".into(), from: "participant".into(), to: "coordinator".into() },
        AccessChange::TokenIssued { token: "tok_0a1b".into(), handle: "ana".into(), label: "ci".into() },
        AccessChange::AccountDisabled { handle: "ana".into() },
    ];
    for (n, change) in changes.into_iter().enumerate() {
        let meta = CommandMeta {
            command_id: format!("access-{n}"),
            actor: prodos_core::Actor::Account("admin".into()),
            now: SEEDED_AT,
        };
        node.execute(&Command::Access(AccessCommand::Record { change, by: "admin".into() }), &meta)?;
    }
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
