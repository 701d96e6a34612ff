//! Checking a chain one entry at a time: the seq must follow, and the stored hash must be the one
//! recomputed from the previous hash and the entry's stored fields.

use crate::encoding::hash_fields;
use crate::{EntryRef, Hash, Head, hash_to_hex};

/// A chain that verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainReport {
    pub events: u64,
    pub head: Head,
}

/// The first seq at which the stored ledger differs from what was written, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub first_bad_seq: u64,
    pub reason: String,
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ledger fails verification at seq {}: {}", self.first_bad_seq, self.reason)
    }
}

impl std::error::Error for ChainBreak {}

/// Checks entries one at a time, in order, as they stream out of a store; usable by a backend
/// that wants to verify while it replays.
#[derive(Debug, Clone)]
pub struct ChainChecker {
    // Invariant: `head` is the last entry accepted by `check`, or `Head::EMPTY`.
    head: Head,
}

impl Default for ChainChecker {
    fn default() -> Self {
        ChainChecker { head: Head::EMPTY }
    }
}

impl ChainChecker {
    pub fn new() -> Self {
        ChainChecker::default()
    }

    /// Continues a chain whose last accepted entry is `head`: checks the entries after it.
    pub fn after(head: Head) -> Self {
        ChainChecker { head }
    }

    /// The last entry accepted so far.
    pub fn head(&self) -> Head {
        self.head
    }

    /// Accepts `entry` if it is the next seq and its stored hash is the one recomputed from the
    /// previous hash and its stored fields.
    pub fn check(&mut self, entry: EntryRef<'_>) -> Result<(), ChainBreak> {
        let fields = [entry.actor.as_bytes(), entry.command_id.as_bytes(), entry.kind.as_bytes(), entry.payload];
        self.check_fields(entry.seq, entry.recorded_at_ms, fields, entry.hash)
    }

    /// [`ChainChecker::check`] on an entry's parts, the variable fields as bytes in encoding order.
    pub(crate) fn check_fields(
        &mut self,
        seq: u64,
        recorded_at_ms: i64,
        fields: [&[u8]; 4],
        stored_hash: &Hash,
    ) -> Result<(), ChainBreak> {
        let expected_seq = self.head.seq + 1;
        if seq != expected_seq {
            let reason = if seq > expected_seq {
                format!("entry {expected_seq} is missing: the next stored entry is {seq}")
            } else {
                format!("entry {seq} is stored where entry {expected_seq} belongs")
            };
            return Err(ChainBreak { first_bad_seq: expected_seq, reason });
        }
        let recomputed = hash_fields(&self.head.hash, seq, recorded_at_ms, fields);
        if recomputed != *stored_hash {
            return Err(ChainBreak {
                first_bad_seq: seq,
                reason: format!(
                    "stored hash {} differs from the hash {} recomputed from its fields and the previous hash",
                    hash_to_hex(stored_hash),
                    hash_to_hex(&recomputed)
                ),
            });
        }
        self.head = Head { seq, hash: recomputed };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GENESIS_HASH;

    #[test]
    fn an_empty_chain_has_the_genesis_head() {
        assert_eq!(ChainChecker::new().head(), Head { seq: 0, hash: GENESIS_HASH });
    }
}
