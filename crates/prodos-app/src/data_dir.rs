//! The data directory: where a node keeps its SQLite ledger (`--data DIR`, `PRODOS_DATA`).

use crate::error::NodeError;
use crate::node::Node;
use prodos_store_sqlite::SqliteLedger;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const LEDGER_FILE: &str = "ledger.sqlite3";

pub fn ledger_path(dir: &Path) -> PathBuf {
    dir.join(LEDGER_FILE)
}

/// Opens (creating if needed) the data directory and replays its ledger.
pub fn open(dir: &Path) -> Result<Node, NodeError> {
    std::fs::create_dir_all(dir)
        .map_err(|error| NodeError::DataDir { path: dir.display().to_string(), reason: error.to_string() })?;
    let store = SqliteLedger::open(&ledger_path(dir))?;
    Node::open(Arc::new(store))
}
