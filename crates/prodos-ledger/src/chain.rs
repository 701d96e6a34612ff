//! Checking a chain one entry at a time: the seq must follow, and the stored hash must be the one
//! recomputed from the previous hash and the entry's stored fields.

use crate::{Entry, Head, entry_hash, hash_to_hex};

/// A chain that verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyReport {
    pub events: u64,
    pub head: Head,
}

/// The first seq at which the stored ledger differs from what was written, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyFailure {
    pub first_bad_seq: u64,
    pub reason: String,
}

impl std::fmt::Display for VerifyFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ledger fails verification at seq {}: {}", self.first_bad_seq, self.reason)
    }
}

impl std::error::Error for VerifyFailure {}

/// Checks entries one at a time, in order, as they stream out of a store; usable by a backend
/// that wants to verify while it replays.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    // Invariant: `head` is the last entry accepted by `check`, or `Head::EMPTY`.
    head: Head,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier { head: Head::EMPTY }
    }
}

impl ChainVerifier {
    pub fn new() -> Self {
        ChainVerifier::default()
    }

    /// The last entry accepted so far.
    pub fn head(&self) -> Head {
        self.head
    }

    /// Accepts `entry` if it is the next seq and its stored hash is the one recomputed from the
    /// previous hash and its stored fields.
    pub fn check(&mut self, entry: &Entry) -> Result<(), VerifyFailure> {
        let expected_seq = self.head.seq + 1;
        if entry.seq != expected_seq {
            let reason = if entry.seq > expected_seq {
                format!("entry {expected_seq} is missing: the next stored entry is {}", entry.seq)
            } else {
                format!("entry {} is stored where entry {expected_seq} belongs", entry.seq)
            };
            return Err(VerifyFailure { first_bad_seq: expected_seq, reason });
        }
        let recomputed = entry_hash(
            &self.head.hash,
            entry.seq,
            entry.recorded_at_ms,
            &entry.actor,
            &entry.command_id,
            &entry.kind,
            &entry.payload,
        );
        if recomputed != entry.hash {
            return Err(VerifyFailure {
                first_bad_seq: entry.seq,
                reason: format!(
                    "stored hash {} differs from the hash {} recomputed from its fields and the previous hash",
                    hash_to_hex(&entry.hash),
                    hash_to_hex(&recomputed)
                ),
            });
        }
        self.head = Head { seq: entry.seq, hash: recomputed };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GENESIS_HASH;

    #[test]
    fn an_empty_chain_has_the_genesis_head() {
        assert_eq!(ChainVerifier::new().head(), Head { seq: 0, hash: GENESIS_HASH });
    }
}
