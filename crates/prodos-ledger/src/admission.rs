//! The checks every backend runs on a request before writing it, in one place so that all
//! backends agree on their precedence.

use crate::{AppendRequest, Entry, LedgerError};

/// What a request may do, once checked against the running head inside the write transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admission {
    Write,
    AlreadyApplied(Vec<Entry>),
}

/// Precedence: an empty request is malformed whatever the state; a known command id is answered
/// with its first entries before the expected head is looked at, so that a retried command whose
/// expected head has gone stale still gets its first result instead of a conflict.
///
/// `entries_of_command` must read inside the same transaction as the write that follows.
pub fn admit(
    request: &AppendRequest,
    running_head_seq: u64,
    entries_of_command: impl FnOnce(&str) -> Result<Vec<Entry>, LedgerError>,
) -> Result<Admission, LedgerError> {
    if request.events.is_empty() {
        return Err(LedgerError::EmptyAppend);
    }
    let earlier_entries = entries_of_command(&request.command_id)?;
    if !earlier_entries.is_empty() {
        return Ok(Admission::AlreadyApplied(earlier_entries));
    }
    match request.expected_head {
        Some(expected) if expected != running_head_seq => {
            Err(LedgerError::Conflict { expected, actual: running_head_seq })
        }
        _ => Ok(Admission::Write),
    }
}
