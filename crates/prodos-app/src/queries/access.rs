//! Access queries: whose sign-in sessions must end because of entries another process appended
//! (an account disabled, given another role, or a new password).

use crate::{Node, NodeError};
use prodos_core::Event;
use prodos_core::access::AccessEvent;

/// Handles of the accounts disabled, given another role or a new password in entries after `seq`.
pub fn sessions_ended_since(node: &Node, seq: u64) -> Result<Vec<String>, NodeError> {
    let mut handles = Vec::new();
    let mut undecodable = None;
    node.store().scan(seq + 1, &mut |entry| {
        if !AccessEvent::KINDS.contains(&entry.kind.as_str()) {
            return Ok(());
        }
        match crate::decode(&entry) {
            Ok(events) => {
                for event in events {
                    if let Event::Access(AccessEvent::AccessChanged { change, .. }) = event {
                        handles.extend(change.ends_sessions_of().map(str::to_string));
                    }
                }
            }
            Err(error) => undecodable = Some(error),
        }
        Ok(())
    })?;
    match undecodable {
        Some(error) => Err(error),
        None => Ok(handles),
    }
}
