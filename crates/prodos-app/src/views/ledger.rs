//! The audit log's view of one ledger entry: readable by anyone in the node.

use prodos_ledger::{Entry, hash_to_hex};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerEntryView {
    pub seq: u64,
    pub recorded_at_ms: i64,
    pub actor: String,
    pub command_id: String,
    pub kind: String,
    pub payload: serde_json::Value,
    pub hash: String,
}

impl LedgerEntryView {
    pub fn of(entry: &Entry) -> LedgerEntryView {
        LedgerEntryView {
            seq: entry.seq,
            recorded_at_ms: entry.recorded_at_ms,
            actor: entry.actor.clone(),
            command_id: entry.command_id.clone(),
            kind: entry.kind.clone(),
            payload: serde_json::from_slice(&entry.payload)
                .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&entry.payload).into_owned())),
            hash: hash_to_hex(&entry.hash),
        }
    }
}
