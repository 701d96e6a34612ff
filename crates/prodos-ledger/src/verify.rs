//! Verification: recomputes every hash from the stored fields and checks the chain against the
//! head anchor, naming the first entry that is not what was written.

use crate::{Entry, Head, LedgerError, LedgerStore, entry_hash, hash_to_hex};

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

/// Verifies the whole ledger: every entry in order, every hash, and the tail against the anchor.
///
/// The anchor is read before and after the scan, so that appends running concurrently are not
/// mistaken for tampering: entries anchored before the scan began must all be there, and the
/// scan may not see entries past the anchor read after it.
pub fn verify(store: &dyn LedgerStore) -> Result<VerifyReport, VerifyFailure> {
    let anchor_before = read_anchor(store)?;
    let mut verifier = ChainVerifier::new();
    let mut anchor_check: Option<AnchorCheck> = anchor_before.map(|anchor| AnchorCheck { anchor, seen: None });
    let mut failure: Option<VerifyFailure> = None;
    let scanned = store.scan(1, &mut |entry: Entry| {
        if let Err(bad) = verifier.check(&entry) {
            let seq = bad.first_bad_seq;
            failure = Some(bad);
            return Err(LedgerError::Corrupt { seq, reason: String::new() });
        }
        if let Some(check) = anchor_check.as_mut().filter(|check| check.anchor.seq == entry.seq) {
            check.seen = Some(entry.hash);
        }
        Ok(())
    });
    if let Some(bad) = failure {
        return Err(bad);
    }
    if let Err(error) = scanned {
        return Err(failure_from_error(error, verifier.head().seq + 1));
    }
    let head = verifier.head();
    if let Some(check) = anchor_check {
        let anchor = check.anchor;
        if head.seq < anchor.seq {
            return Err(VerifyFailure {
                first_bad_seq: head.seq + 1,
                reason: format!(
                    "the ledger ends at seq {} but its anchored head is seq {}: entries were removed",
                    head.seq, anchor.seq
                ),
            });
        }
        if check.seen != Some(anchor.hash) && anchor.seq > 0 {
            return Err(VerifyFailure {
                first_bad_seq: anchor.seq,
                reason: format!("entry {} does not carry the anchored head hash {}", anchor.seq, anchor.hash_hex()),
            });
        }
    }
    if let Some(anchor_after) = read_anchor(store)? {
        if head.seq > anchor_after.seq {
            return Err(VerifyFailure {
                first_bad_seq: anchor_after.seq + 1,
                reason: format!(
                    "entries {}..={} lie past the anchored head: they were not written by an append",
                    anchor_after.seq + 1,
                    head.seq
                ),
            });
        }
        if head.seq == anchor_after.seq && head.hash != anchor_after.hash {
            return Err(VerifyFailure {
                first_bad_seq: head.seq,
                reason: format!("entry {} does not carry the anchored head hash {}", head.seq, anchor_after.hash_hex()),
            });
        }
    }
    Ok(VerifyReport { events: head.seq, head })
}

struct AnchorCheck {
    anchor: Head,
    seen: Option<crate::Hash>,
}

fn read_anchor(store: &dyn LedgerStore) -> Result<Option<Head>, VerifyFailure> {
    store.anchor().map_err(|error| failure_from_error(error, 1))
}

/// A store that cannot read an entry names the seq itself (`Corrupt`); any other error is
/// reported at the first seq that could not be checked.
fn failure_from_error(error: LedgerError, next_unchecked_seq: u64) -> VerifyFailure {
    match error {
        LedgerError::Corrupt { seq, reason } => VerifyFailure { first_bad_seq: seq, reason },
        other => VerifyFailure { first_bad_seq: next_unchecked_seq, reason: format!("could not be read: {other}") },
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
