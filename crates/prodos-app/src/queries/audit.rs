//! Audit queries: the record as anyone in the node may read it, the hash chain checked from
//! genesis, and the folded state's invariants.

use crate::data_dir::ledger_path;
use crate::views::{ChainCheckView, LedgerEntryView, PublicRecordView};
use crate::{Node, NodeError};
use prodos_store_sqlite::SqliteLedger;
use std::path::Path;

/// Rehashes the node's whole ledger and checks every link; tampering anywhere shows as a break.
pub fn check_chain(node: &Node) -> ChainCheckView {
    ChainCheckView::of(prodos_ledger::check_chain(node.store()), node.head())
}

/// Checks a data directory's ledger file without replaying it (a tampered ledger may not even
/// fold into state): SQLite's own integrity check, which also covers the command-id index that
/// idempotent retries depend on, then the hash chain.
pub fn check_ledger_file(dir: &Path) -> Result<ChainCheckView, NodeError> {
    let path = ledger_path(dir);
    if !path.exists() {
        return Err(NodeError::DataDir {
            path: dir.display().to_string(),
            reason: format!("holds no ledger (looked for {})", path.display()),
        });
    }
    let store = SqliteLedger::open(&path)?;
    store.check_integrity()?;
    let head = prodos_ledger::LedgerStore::head(&store)?;
    Ok(ChainCheckView::of(prodos_ledger::check_chain(&store), head))
}

/// Up to `limit` entries from sequence number `since`, oldest first.
pub fn ledger_entries(node: &Node, since: u64, limit: usize) -> Result<Vec<LedgerEntryView>, NodeError> {
    let mut entries = Vec::with_capacity(limit.min(256));
    let last_seq = since.saturating_add(limit.saturating_sub(1) as u64);
    node.store().scan(since, &mut |entry| {
        if entry.seq <= last_seq {
            entries.push(LedgerEntryView::of(&entry));
        }
        Ok(())
    })?;
    Ok(entries)
}

/// The `count` newest entries, newest first, as the audit page reads them from the top.
pub fn latest_entries(node: &Node, count: u64) -> Result<Vec<LedgerEntryView>, NodeError> {
    let since = node.head().seq.saturating_sub(count.saturating_sub(1)).max(1);
    let mut entries = ledger_entries(node, since, count as usize)?;
    entries.reverse();
    Ok(entries)
}

/// What the node produced, by whom and with what, with the ledger head it was read at: the
/// record anyone may read.
pub fn public_record(node: &Node) -> PublicRecordView {
    node.read_at_head(|state, head| PublicRecordView::of(state, head.seq, head.hash_hex()))
}

/// The folded state's invariants (balances, stock, task workflow); the first violation as text.
pub fn check_invariants(node: &Node) -> Result<(), String> {
    node.read(|state| state.check_invariants())
}
