//! A fresh ledger in a temporary directory, kept alive as long as the ledger is used.

use prodos_store_sqlite::SqliteLedger;

pub struct TempLedger {
    pub ledger: SqliteLedger,
    pub dir: tempfile::TempDir,
}

impl TempLedger {
    pub fn path(&self) -> std::path::PathBuf {
        ledger_path(&self.dir)
    }
}

pub fn ledger_path(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("ledger.sqlite3")
}

pub fn fresh_ledger() -> TempLedger {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = SqliteLedger::open(&ledger_path(&dir)).expect("open a fresh ledger");
    TempLedger { ledger, dir }
}
