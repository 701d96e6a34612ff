//! The one error type of the ledger, shared by every backend so that callers match on one enum.

/// Ordered by precedence: request validation, then concurrency, then the state of the store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    #[error("an append request must carry at least one event")]
    EmptyAppend,
    #[error("expected the ledger head at seq {expected}, but it is at seq {actual}")]
    Conflict { expected: u64, actual: u64 },
    #[error("ledger entry {seq} is corrupt: {reason}")]
    Corrupt { seq: u64, reason: String },
    #[error("ledger storage failed: {0}")]
    Storage(String),
}
