//! The one error type of the application layer: a domain rejection, a ledger failure, or a ledger
//! whose content this build cannot read.

use prodos_core::Rejection;
use prodos_ledger::LedgerError;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NodeError {
    /// The command was refused; nothing was written.
    #[error(transparent)]
    Rejected(#[from] Rejection),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// A stored event could not be decoded: a newer format or a damaged ledger.
    #[error("ledger entry {seq} ({kind}) cannot be read: {reason}")]
    Undecodable { seq: u64, kind: String, reason: String },
    #[error("cannot open data directory {path}: {reason}")]
    DataDir { path: String, reason: String },
    /// An example file compiled into the binary does not parse: a build that should not ship.
    #[error("example {file} is broken: {reason}")]
    BrokenExample { file: String, reason: String },
    /// Another writer kept moving the head; the command was not applied.
    #[error("gave up after {attempts} attempts: the ledger kept changing under this command")]
    TooMuchContention { attempts: u32 },
}
