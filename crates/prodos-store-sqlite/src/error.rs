//! How SQLite failures become ledger errors: this crate reports through `prodos_ledger::LedgerError`
//! so callers match on one enum whatever the backend.

use prodos_ledger::LedgerError;

/// Wraps a driver error with what the ledger was doing, e.g. `storage("insert entry")`.
pub(crate) fn storage(context: &'static str) -> impl FnOnce(rusqlite::Error) -> LedgerError {
    move |error| LedgerError::Storage(format!("{context}: {error}"))
}
