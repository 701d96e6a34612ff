//! The one place outside tests where prodos reads the wall clock. Everything else takes `now`.

use prodos_core::Timestamp;

/// The current time as the ledger records it.
#[allow(clippy::disallowed_methods, reason = "the shell's single clock reading; the core takes it as a parameter")]
pub fn now() -> Timestamp {
    let since_epoch =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("the system clock is after 1970");
    Timestamp::from_millis(since_epoch.as_millis() as i64)
}
