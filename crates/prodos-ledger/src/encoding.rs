//! The canonical byte encoding of an entry and its chain hash; `docs/LEDGER.md` draws it out.
//!
//! Every field is fixed-width or length-prefixed, so two different entries can never encode to
//! the same bytes (no field can borrow bytes from its neighbour). The hash covers the seq, so an
//! entry moved to another position no longer verifies there.

use crate::Hash;

/// The first byte of every encoded entry; bumped if the encoding ever changes.
pub const ENTRY_FORMAT_VERSION: u8 = 1;

/// The exact bytes that are hashed after the previous hash:
/// `version u8 | seq u64le | recorded_at_ms i64le | (len u64le, bytes) for actor, command_id, kind, payload`.
pub fn encode_entry(
    seq: u64,
    recorded_at_ms: i64,
    actor: &str,
    command_id: &str,
    kind: &str,
    payload: &[u8],
) -> Vec<u8> {
    let variable_len = actor.len() + command_id.len() + kind.len() + payload.len();
    let mut bytes = Vec::with_capacity(1 + 8 + 8 + 4 * 8 + variable_len);
    bytes.push(ENTRY_FORMAT_VERSION);
    bytes.extend_from_slice(&seq.to_le_bytes());
    bytes.extend_from_slice(&recorded_at_ms.to_le_bytes());
    for field in [actor.as_bytes(), command_id.as_bytes(), kind.as_bytes(), payload] {
        bytes.extend_from_slice(&(field.len() as u64).to_le_bytes());
        bytes.extend_from_slice(field);
    }
    bytes
}

/// `blake3(previous ‖ encode_entry(..))`, streamed into the hasher so that the hot append and
/// verify paths allocate nothing.
pub fn entry_hash(
    previous: &Hash,
    seq: u64,
    recorded_at_ms: i64,
    actor: &str,
    command_id: &str,
    kind: &str,
    payload: &[u8],
) -> Hash {
    let mut hasher = blake3::Hasher::new();
    let mut fixed = [0u8; 32 + 1 + 8 + 8];
    fixed[..32].copy_from_slice(previous);
    fixed[32] = ENTRY_FORMAT_VERSION;
    fixed[33..41].copy_from_slice(&seq.to_le_bytes());
    fixed[41..49].copy_from_slice(&recorded_at_ms.to_le_bytes());
    hasher.update(&fixed);
    for field in [actor.as_bytes(), command_id.as_bytes(), kind.as_bytes(), payload] {
        hasher.update(&(field.len() as u64).to_le_bytes());
        hasher.update(field);
    }
    *hasher.finalize().as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GENESIS_HASH, hash_to_hex};

    #[test]
    fn streamed_hash_equals_hash_of_the_documented_bytes() {
        let previous = [7u8; 32];
        let bytes = encode_entry(3, -5, "alice", "cmd-1", "TaskStarted", br#"{"task":1}"#);
        let mut input = previous.to_vec();
        input.extend_from_slice(&bytes);
        assert_eq!(
            entry_hash(&previous, 3, -5, "alice", "cmd-1", "TaskStarted", br#"{"task":1}"#),
            *blake3::hash(&input).as_bytes()
        );
    }

    #[test]
    fn field_boundaries_are_part_of_the_hash() {
        let joined = entry_hash(&GENESIS_HASH, 1, 0, "ab", "c", "k", b"");
        let moved = entry_hash(&GENESIS_HASH, 1, 0, "a", "bc", "k", b"");
        assert_ne!(joined, moved);
    }

    /// Pins the format: if this changes, every stored ledger stops verifying.
    #[test]
    fn first_entry_hash_is_pinned() {
        let bytes = encode_entry(1, 1_700_000_000_000, "alice", "cmd-1", "TaskStarted", b"{}");
        assert_eq!(bytes.len(), 1 + 8 + 8 + 8 + 5 + 8 + 5 + 8 + 11 + 8 + 2);
        let hash = entry_hash(&GENESIS_HASH, 1, 1_700_000_000_000, "alice", "cmd-1", "TaskStarted", b"{}");
        assert_eq!(hash_to_hex(&hash), PINNED_FIRST_HASH);
    }

    // Cross-checked against an independent Python blake3 implementation of docs/LEDGER.md.
    const PINNED_FIRST_HASH: &str = "244548154bddca98e4b66e0b6cad869b0ce965f3400b1f5b14fb93bd75d5c604";
}
