//! The hash-chained event ledger of prodos, independent of any storage engine.
//!
//! The ledger is the source of truth of the whole system: every state is a replay of it. This
//! crate owns what an entry is, how its hash is computed from its exact bytes, what a storage
//! backend must promise ([`LedgerStore`]), and how a stored chain is verified. It knows nothing
//! about SQLite, files or threads; backends live in their own crates (`prodos-store-sqlite`).
//!
//! The byte format and hash input are drawn out in `docs/LEDGER.md`.

mod admission;
mod chain;
mod check_chain;
mod encoding;
mod entry;
mod error;
mod hex;
mod memory;
mod store;

pub use admission::{Admission, admit};
pub use chain::{ChainBreak, ChainChecker, ChainReport};
pub use check_chain::check_chain;
pub use encoding::{ENTRY_FORMAT_VERSION, encode_entry, entry_hash};
pub use entry::{AppendOutcome, AppendRequest, Entry, EntryRef, GENESIS_HASH, Hash, Head, NewEvent};
pub use error::LedgerError;
pub use hex::{hash_from_hex, hash_to_hex};
pub use memory::MemoryLedger;
pub use store::LedgerStore;
