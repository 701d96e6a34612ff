//! How domain events become ledger payloads and back: serde_json of the externally tagged `Event`.
//! One place, so that the payload format is decided once.

use crate::error::NodeError;
use prodos_core::Event;
use prodos_ledger::{Entry, NewEvent};

pub fn encode(event: &Event) -> NewEvent {
    let payload = serde_json::to_vec(event).expect("events always serialise: no maps with non-string keys");
    NewEvent { kind: event.kind().to_string(), payload }
}

pub fn decode(entry: &Entry) -> Result<Event, NodeError> {
    serde_json::from_slice(&entry.payload).map_err(|error| NodeError::Undecodable {
        seq: entry.seq,
        kind: entry.kind.clone(),
        reason: error.to_string(),
    })
}
