//! Password hashing with argon2id (OWASP's parameters: 19 MiB, 2 passes, 1 lane, the crate's
//! defaults) and the password policy accounts must meet.

use crate::auth::secret;
use crate::error::ApiError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// ASVS 2.1.1 and 2.1.2: at least 12 characters, at most 128, any characters allowed.
pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 128;

pub fn check_policy(password: &str) -> Result<(), ApiError> {
    let n_chars = password.chars().count();
    if n_chars < MIN_PASSWORD_CHARS {
        return Err(ApiError::invalid(
            "password",
            format!("a password needs at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if n_chars > MAX_PASSWORD_CHARS {
        return Err(ApiError::invalid("password", format!("a password has at most {MAX_PASSWORD_CHARS} characters")));
    }
    Ok(())
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) stored for an account. CPU-heavy: call it
/// from a blocking task.
pub fn hash(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::encode_b64(&secret::random_bytes(16)?).map_err(ApiError::internal)?;
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt).map_err(ApiError::internal)?.to_string())
}

/// True when `password` matches the stored PHC string. CPU-heavy: call it from a blocking task.
pub fn matches(password: &str, stored_hash: &str) -> bool {
    match PasswordHash::new(stored_hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A hash nobody's password matches, verified against when the handle is unknown so that an
/// unknown handle costs as long as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password that no account has").unwrap_or_default())
}
