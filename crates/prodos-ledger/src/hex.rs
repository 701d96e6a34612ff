//! Lowercase hex for hashes: the one way a hash is shown to people and written in text.

use crate::Hash;

pub fn hash_to_hex(hash: &Hash) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(64);
    for byte in hash {
        text.push(DIGITS[usize::from(byte >> 4)] as char);
        text.push(DIGITS[usize::from(byte & 0x0f)] as char);
    }
    text
}

/// Parses 64 hex digits (either case); `None` for anything else.
pub fn hash_from_hex(text: &str) -> Option<Hash> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut hash = [0u8; 32];
    for (byte_idx, pair) in bytes.chunks_exact(2).enumerate() {
        let high = (pair[0] as char).to_digit(16)?;
        let low = (pair[1] as char).to_digit(16)?;
        hash[byte_idx] = (high * 16 + low) as u8;
    }
    Some(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        let mut hash = [0u8; 32];
        for (idx, byte) in hash.iter_mut().enumerate() {
            *byte = (idx * 37) as u8;
        }
        let text = hash_to_hex(&hash);
        assert_eq!(text.len(), 64);
        assert_eq!(text, text.to_lowercase());
        assert_eq!(hash_from_hex(&text), Some(hash));
        assert_eq!(hash_from_hex(&text.to_uppercase()), Some(hash));
        assert_eq!(hash_from_hex(&text[..62]), None);
        assert_eq!(hash_from_hex(&format!("{}zz", &text[..62])), None);
    }
}
