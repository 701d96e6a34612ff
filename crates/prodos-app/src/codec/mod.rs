//! How domain events become ledger payloads and back: serde_json of the `Event`, externally
//! tagged by area (`{"Stock":{"LotReceived":{…}}}`, version 2). One place, so that the payload
//! format is decided once. Ledgers written before the areas were grouped still replay: their
//! design, stock, supplier and plan events are version 1 (`version1`).

mod version1;

use crate::error::NodeError;
use prodos_core::Event;
use prodos_ledger::{Entry, NewEvent};

pub fn encode(event: &Event) -> NewEvent {
    let payload = serde_json::to_vec(event).expect("events always serialise: no maps with non-string keys");
    NewEvent { kind: event.kind().to_string(), payload }
}

pub fn decode(entry: &Entry) -> Result<Event, NodeError> {
    let decoded = match version1::area_of(&entry.kind, &entry.payload) {
        Some(area) => version1::decode(area, &entry.payload),
        None => serde_json::from_slice(&entry.payload),
    };
    decoded.map_err(|error| NodeError::Undecodable {
        seq: entry.seq,
        kind: entry.kind.clone(),
        reason: error.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use prodos_core::{PlanEvent, StockEvent};

    fn entry(kind: &str, payload: &str) -> Entry {
        Entry {
            seq: 7,
            recorded_at_ms: 0,
            actor: "test".into(),
            command_id: "c".into(),
            kind: kind.into(),
            payload: payload.as_bytes().to_vec(),
            hash: prodos_ledger::GENESIS_HASH,
        }
    }

    #[test]
    fn version_1_and_version_2_payloads_decode_to_the_same_event() {
        let event = Event::Stock(StockEvent::StockReserved {
            lot: prodos_core::LotId(3),
            qty: prodos_core::Milli(1500),
            purpose: "PROD-0001".into(),
        });
        let v2 = String::from_utf8(encode(&event).payload).unwrap();
        let v1 = v2.strip_prefix(r#"{"Stock":"#).and_then(|rest| rest.strip_suffix('}')).expect("tagged by area");
        assert!(v1.starts_with(r#"{"StockReserved":{"lot":"LOT-0003""#), "{v1}");
        assert_eq!(decode(&entry("StockReserved", v1)).expect("a version-1 payload"), event);
        assert_eq!(decode(&entry("StockReserved", &v2)).expect("a version-2 payload"), event);
    }

    #[test]
    fn a_payload_that_fits_neither_version_names_its_entry() {
        let wrong = decode(&entry("PlanCommitted", r#"{"PlanCommitted":{"plan":1}}"#)).unwrap_err();
        assert!(matches!(wrong, NodeError::Undecodable { seq: 7, .. }), "{wrong:?}");
        let v2 = r#"{"Plan":{"PlanCommitted":{"plan":"PROD-0001","at":0}}}"#;
        assert!(matches!(decode(&entry("PlanCommitted", v2)).unwrap(), Event::Plan(PlanEvent::PlanCommitted { .. })));
    }
}
