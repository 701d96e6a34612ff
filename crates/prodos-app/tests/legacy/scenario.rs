//! The story the legacy ledger fixture tells: the demo cooperative seeded at a fixed instant,
//! then a few access changes. Shared by the fixture's writer (`examples/write_legacy_ledger.rs`)
//! and `tests/legacy_ledger.rs`, which tells it again with today's build.

use prodos_app::{CommandMeta, Node, NodeError};
use prodos_core::access::{AccessChange, AccessCommand};
use prodos_core::{Actor, Command, Timestamp};

/// 2026-12-01 09:00 UTC, the instant the fixture was seeded at.
pub const SEEDED_AT: Timestamp = Timestamp(1_796_115_600_000);

pub fn tell(node: &Node) -> Result<(), NodeError> {
    prodos_demo::seed(node, "demo", SEEDED_AT)?;
    let changes = [
        AccessChange::AccountCreated { handle: "ana".into(), role: "participant".into() },
        AccessChange::RoleChanged { handle: "ana".into(), from: "participant".into(), to: "coordinator".into() },
        AccessChange::TokenIssued { token: "tok_0a1b".into(), handle: "ana".into(), label: "ci".into() },
        AccessChange::AccountDisabled { handle: "ana".into() },
    ];
    for (n, change) in changes.into_iter().enumerate() {
        let meta =
            CommandMeta { command_id: format!("access-{n}"), actor: Actor::Account("admin".into()), now: SEEDED_AT };
        node.execute(&Command::Access(AccessCommand::Record { change, by: "admin".into() }), &meta)?;
    }
    Ok(())
}
