//! Unguessable secrets (session ids, API tokens, CSRF tokens, salts, demo passwords) from the
//! operating system's generator, and the hashes under which they are stored.

use crate::error::ApiError;

pub fn random_bytes(n_bytes: usize) -> Result<Vec<u8>, ApiError> {
    let mut bytes = vec![0u8; n_bytes];
    getrandom::fill(&mut bytes).map_err(|error| ApiError::internal(format!("no randomness: {error}")))?;
    Ok(bytes)
}

/// `n_bytes` random bytes as lowercase hex.
pub fn random_hex(n_bytes: usize) -> Result<String, ApiError> {
    Ok(random_bytes(n_bytes)?.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// A password people can type: `n_chars` from an alphabet without look-alike characters.
pub fn random_password(n_chars: usize) -> Result<String, ApiError> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let bytes = random_bytes(n_chars)?;
    // 256 is not a multiple of the alphabet size; the bias is under 1% per character and the
    // passwords are long, which is fine for demo logins.
    Ok(bytes.iter().map(|byte| ALPHABET[*byte as usize % ALPHABET.len()] as char).collect())
}

/// Secrets are stored and looked up by their blake3 hash, so a leaked table or memory dump
/// of the lookup keys does not hand out working credentials.
pub fn secret_hash(secret: &str) -> String {
    blake3::hash(secret.as_bytes()).to_hex().to_string()
}

/// Compares two secrets without leaking where they differ through timing.
pub fn constant_time_eq(left: &str, right: &str) -> bool {
    blake3::hash(left.as_bytes()) == blake3::hash(right.as_bytes())
}
