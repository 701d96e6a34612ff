//! The embedded SQLite backend of the prodos ledger.
//!
//! One file holds the ledger (WAL mode, `synchronous=FULL`). A single writer thread owns the
//! write connection and commits every request waiting in its channel in one transaction (group
//! commit), so concurrent callers share fsyncs; each request is still checked on its own against
//! the running head inside that transaction. Readers use their own connections. Several
//! processes may open the same file: every check runs inside `BEGIN IMMEDIATE`, which SQLite
//! serialises across processes.
//!
//! Table layout and hash input: `docs/LEDGER.md`.

pub mod bench;
mod error;
mod ledger;
mod rows;
mod schema;
mod writer;

pub use ledger::SqliteLedger;
pub use writer::WriterStats;
