//! The values that cross the ledger's boundary: what callers append and what the ledger returns.

use crate::hex::hash_to_hex;

/// A blake3 digest; shown as lowercase hex.
pub type Hash = [u8; 32];

/// The "previous hash" of the first entry, and the head hash of an empty ledger.
pub const GENESIS_HASH: Hash = [0; 32];

/// One event as the domain hands it over: an opaque kind and payload the ledger never interprets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub kind: String,
    pub payload: Vec<u8>,
}

/// All the events of one command, appended together or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendRequest {
    /// Idempotency key: a second request with the same id writes nothing and gets the first
    /// request's entries back.
    pub command_id: String,
    pub actor: String,
    /// The shell's clock reading, passed in so that the ledger itself never reads a clock.
    pub recorded_at_ms: i64,
    /// `Some(n)`: append only if the ledger's last seq is `n` (0 = empty), else `Conflict`.
    /// `None`: append after whatever is there.
    pub expected_head: Option<u64>,
    /// Must not be empty (`LedgerError::EmptyAppend`).
    pub events: Vec<NewEvent>,
}

/// One stored event with its position and chain hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub seq: u64,
    pub recorded_at_ms: i64,
    pub actor: String,
    pub command_id: String,
    pub kind: String,
    pub payload: Vec<u8>,
    pub hash: Hash,
}

/// An entry borrowed from a store's buffers, for reading without copying (replay, verify).
/// Valid only while the visit that received it runs; [`EntryRef::to_entry`] keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRef<'a> {
    pub seq: u64,
    pub recorded_at_ms: i64,
    pub actor: &'a str,
    pub command_id: &'a str,
    pub kind: &'a str,
    pub payload: &'a [u8],
    pub hash: &'a Hash,
}

impl EntryRef<'_> {
    pub fn to_entry(&self) -> Entry {
        Entry {
            seq: self.seq,
            recorded_at_ms: self.recorded_at_ms,
            actor: self.actor.to_owned(),
            command_id: self.command_id.to_owned(),
            kind: self.kind.to_owned(),
            payload: self.payload.to_vec(),
            hash: *self.hash,
        }
    }
}

/// The last entry's seq and hash; seq 0 and [`GENESIS_HASH`] when the ledger is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Head {
    pub seq: u64,
    pub hash: Hash,
}

impl Head {
    pub const EMPTY: Head = Head { seq: 0, hash: GENESIS_HASH };

    pub fn hash_hex(&self) -> String {
        hash_to_hex(&self.hash)
    }
}

impl Default for Head {
    fn default() -> Self {
        Head::EMPTY
    }
}

impl std::fmt::Display for Head {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}", self.seq, self.hash_hex())
    }
}

/// What happened to one append request that was not rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppendOutcome {
    /// The events were written as `first_seq..=last_seq`; `head` is the head right after them.
    Appended { first_seq: u64, last_seq: u64, head: Head },
    /// The command id was seen before: these are the entries its first request wrote, and
    /// nothing new was written.
    AlreadyApplied { entries: Vec<Entry> },
}

impl Entry {
    /// Builds the entry at `seq` that follows `previous`, computing its chain hash.
    pub fn seal(
        previous: &Hash,
        seq: u64,
        recorded_at_ms: i64,
        actor: &str,
        command_id: &str,
        event: NewEvent,
    ) -> Entry {
        let hash = crate::entry_hash(previous, seq, recorded_at_ms, actor, command_id, &event.kind, &event.payload);
        Entry {
            seq,
            recorded_at_ms,
            actor: actor.to_owned(),
            command_id: command_id.to_owned(),
            kind: event.kind,
            payload: event.payload,
            hash,
        }
    }

    pub fn head(&self) -> Head {
        Head { seq: self.seq, hash: self.hash }
    }

    pub fn as_entry_ref(&self) -> EntryRef<'_> {
        EntryRef {
            seq: self.seq,
            recorded_at_ms: self.recorded_at_ms,
            actor: &self.actor,
            command_id: &self.command_id,
            kind: &self.kind,
            payload: &self.payload,
            hash: &self.hash,
        }
    }
}
