//! The promise every ledger backend makes, so that the domain and the shells never name one.

use crate::{AppendOutcome, AppendRequest, Entry, EntryRef, Head, LedgerError};

/// A durable, append-only, hash-chained sequence of entries.
///
/// Invariants every implementation keeps (checked by `prodos_testkit::ledger_conformance`, which every backend's tests run):
/// - seqs are 1, 2, 3, … with no gaps, and each entry's hash is [`crate::entry_hash`] of the
///   previous entry's hash and its own fields;
/// - a request's events are written all together or not at all;
/// - a request whose `command_id` was already written returns `AlreadyApplied` with the first
///   entries and writes nothing, even when its `expected_head` is stale (a retry after a lost
///   reply must not look like a conflict);
/// - `expected_head: Some(n)` is checked against the head at the moment of writing, never a
///   cached one.
pub trait LedgerStore: Send + Sync {
    /// Appends one request; durable when it returns `Ok`.
    fn append(&self, request: AppendRequest) -> Result<AppendOutcome, LedgerError>;

    /// Appends many requests in one transaction, in order, each checked against the head left by
    /// the ones before it; one request's rejection does not affect the others.
    fn append_many(&self, requests: Vec<AppendRequest>) -> Vec<Result<AppendOutcome, LedgerError>>;

    fn head(&self) -> Result<Head, LedgerError>;

    /// Calls `visit` with every entry whose seq is `>= from_seq`, ascending, from one consistent
    /// snapshot. An error returned by `visit` stops the scan and is returned as is.
    fn scan(&self, from_seq: u64, visit: &mut dyn FnMut(Entry) -> Result<(), LedgerError>) -> Result<(), LedgerError>;

    /// [`LedgerStore::scan`] without copying each entry out: `visit` sees each entry borrowed
    /// from the backend's buffers. For replay and verification of long ledgers. The default
    /// borrows from `scan`'s copies; backends override it to skip them.
    fn scan_borrowed(
        &self,
        from_seq: u64,
        visit: &mut dyn FnMut(EntryRef<'_>) -> Result<(), LedgerError>,
    ) -> Result<(), LedgerError> {
        self.scan(from_seq, &mut |entry| visit(entry.as_entry_ref()))
    }

    /// The entries written by the command, ascending; empty if it was never applied.
    fn entries_of_command(&self, command_id: &str) -> Result<Vec<Entry>, LedgerError>;

    /// The head as recorded apart from the entries, in the same transaction as each append, so
    /// that deleting trailing entries is detectable. Only ever grows. `None` if the backend
    /// keeps no such record, which leaves truncation of the tail undetectable by [`crate::check_chain`].
    fn anchor(&self) -> Result<Option<Head>, LedgerError> {
        Ok(None)
    }
}
