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

/// `blake3(previous ‖ encode_entry(..))`, without allocating: small entries (nearly all) are laid
/// out in a stack buffer and hashed in one call, which is faster than many small `update`s;
/// larger ones are streamed into the hasher.
pub fn entry_hash(
    previous: &Hash,
    seq: u64,
    recorded_at_ms: i64,
    actor: &str,
    command_id: &str,
    kind: &str,
    payload: &[u8],
) -> Hash {
    hash_fields(previous, seq, recorded_at_ms, [actor.as_bytes(), command_id.as_bytes(), kind.as_bytes(), payload])
}

/// [`entry_hash`] with the variable fields as bytes, in encoding order: actor, command id, kind,
/// payload.
pub(crate) fn hash_fields(previous: &Hash, seq: u64, recorded_at_ms: i64, fields: [&[u8]; 4]) -> Hash {
    let input_len = FIXED_PREFIX_LEN + fields.iter().map(|field| 8 + field.len()).sum::<usize>();
    let mut fixed = [0u8; FIXED_PREFIX_LEN];
    fixed[..32].copy_from_slice(previous);
    fixed[32] = ENTRY_FORMAT_VERSION;
    fixed[33..41].copy_from_slice(&seq.to_le_bytes());
    fixed[41..49].copy_from_slice(&recorded_at_ms.to_le_bytes());
    if input_len <= STACK_INPUT_LEN {
        let mut input = [0u8; STACK_INPUT_LEN];
        input[..FIXED_PREFIX_LEN].copy_from_slice(&fixed);
        let mut offset = FIXED_PREFIX_LEN;
        for field in fields {
            input[offset..offset + 8].copy_from_slice(&(field.len() as u64).to_le_bytes());
            input[offset + 8..offset + 8 + field.len()].copy_from_slice(field);
            offset += 8 + field.len();
        }
        return *blake3::hash(&input[..offset]).as_bytes();
    }
    let mut hasher = blake3::Hasher::new();
    hasher.update(&fixed);
    for field in fields {
        hasher.update(&(field.len() as u64).to_le_bytes());
        hasher.update(field);
    }
    *hasher.finalize().as_bytes()
}

/// Previous hash, version, seq, recorded_at_ms.
const FIXED_PREFIX_LEN: usize = 32 + 1 + 8 + 8;
/// One blake3 chunk: inputs up to this size take the one-call path.
const STACK_INPUT_LEN: usize = 1024;

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
    fn large_entries_hash_the_same_documented_bytes() {
        let previous = [9u8; 32];
        for payload_len in [900, 950, 1000, 4000] {
            let payload = vec![b'p'; payload_len];
            let mut input = previous.to_vec();
            input.extend_from_slice(&encode_entry(8, 1, "actor", "cmd", "Kind", &payload));
            assert_eq!(
                entry_hash(&previous, 8, 1, "actor", "cmd", "Kind", &payload),
                *blake3::hash(&input).as_bytes(),
                "{payload_len}"
            );
        }
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
