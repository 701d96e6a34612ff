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
    /// The event as recorded, without its envelope.
    pub payload: serde_json::Value,
    /// The payload format it was written in (none before version 3).
    pub payload_version: Option<u8>,
    pub hash: String,
}

impl LedgerEntryView {
    pub fn of(entry: &Entry) -> LedgerEntryView {
        let payload = crate::codec::payload_json(&entry.payload);
        LedgerEntryView {
            seq: entry.seq,
            recorded_at_ms: entry.recorded_at_ms,
            actor: entry.actor.clone(),
            command_id: entry.command_id.clone(),
            kind: entry.kind.clone(),
            payload: payload.1,
            payload_version: payload.0,
            hash: hash_to_hex(&entry.hash),
        }
    }
}

/// What a chain check found, as both shells show it: intact up to the head, or the first break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChainCheckView {
    pub intact: bool,
    pub events: u64,
    pub head_seq: u64,
    pub head_hash: String,
    /// When not intact: the first entry that fails, and why.
    pub first_bad_seq: Option<u64>,
    pub reason: Option<String>,
}

impl ChainCheckView {
    /// `head` is the store's head, shown when the chain breaks before reaching it.
    pub fn of(check: Result<prodos_ledger::ChainReport, prodos_ledger::ChainBreak>, head: prodos_ledger::Head) -> Self {
        match check {
            Ok(report) => ChainCheckView {
                intact: true,
                events: report.events,
                head_seq: report.head.seq,
                head_hash: report.head.hash_hex(),
                first_bad_seq: None,
                reason: None,
            },
            Err(failure) => ChainCheckView {
                intact: false,
                events: head.seq,
                head_seq: head.seq,
                head_hash: head.hash_hex(),
                first_bad_seq: Some(failure.first_bad_seq),
                reason: Some(failure.reason),
            },
        }
    }
}
