//! Sign-in throttling (ASVS 2.2.1): failed attempts are counted per account and per client
//! address in a sliding window; past the limit, sign-in is refused without checking the password.

use std::collections::HashMap;
use std::sync::Mutex;

pub const WINDOW_MS: i64 = 15 * 60 * 1000;
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;

#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<i64>>>,
}

impl LoginLimiter {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<i64>>> {
        self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `Some(seconds)` to wait when either the account or the address is over its limit.
    pub fn check(&self, handle: &str, address: &str, now_ms: i64) -> Option<u64> {
        let mut failures = self.lock();
        let account_wait = wait(&mut failures, &account_key(handle), MAX_FAILURES_PER_ACCOUNT, now_ms);
        let address_wait = wait(&mut failures, &address_key(address), MAX_FAILURES_PER_ADDRESS, now_ms);
        account_wait.max(address_wait)
    }

    pub fn record_failure(&self, handle: &str, address: &str, now_ms: i64) {
        let mut failures = self.lock();
        failures.entry(account_key(handle)).or_default().push(now_ms);
        failures.entry(address_key(address)).or_default().push(now_ms);
        // Bound memory under a spray of made-up handles: forget windows that have passed.
        if failures.len() > 10_000 {
            failures.retain(|_, times| times.last().is_some_and(|last| now_ms - last < WINDOW_MS));
        }
    }

    /// A successful sign-in clears the account's count (not the address's).
    pub fn record_success(&self, handle: &str) {
        self.lock().remove(&account_key(handle));
    }
}

fn account_key(handle: &str) -> String {
    format!("account:{handle}")
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

fn wait(failures: &mut HashMap<String, Vec<i64>>, key: &str, limit: usize, now_ms: i64) -> Option<u64> {
    let times = failures.get_mut(key)?;
    times.retain(|time| now_ms - time < WINDOW_MS);
    if times.len() < limit {
        return None;
    }
    let oldest = times.first().copied().unwrap_or(now_ms);
    Some(((oldest + WINDOW_MS - now_ms).max(1000) / 1000) as u64)
}
