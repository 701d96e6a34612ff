//! How domain events become ledger payloads and back. One place, so that the payload format is
//! decided once, and every older format keeps replaying:
//!
//! - version 3 (today): `{"v":3,"event":{"Stock":{"LotReceived":{…}}}}`, the `Event` tagged by
//!   area inside an envelope that names its version;
//! - version 2: the area-tagged `Event` bare. A release then spent the recipient's credits
//!   implicitly; read today, its `GoodReleased` becomes that release plus its `CreditsSpent`;
//! - version 1 (`version1`): design, stock, supplier and plan events tagged by their own kind.

mod version1;

use crate::error::NodeError;
use prodos_core::Event;
use prodos_core::distribution::DistributionEvent;
use prodos_core::orchestration::goods_release::payment_of;
use prodos_ledger::{Entry, NewEvent};
use serde::{Deserialize, Serialize};

/// The version `encode` writes.
pub const PAYLOAD_VERSION: u8 = 3;

#[derive(Serialize)]
struct Envelope<'a> {
    v: u8,
    event: &'a Event,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnedEnvelope {
    v: u8,
    event: Event,
}

pub fn encode(event: &Event) -> NewEvent {
    let payload = serde_json::to_vec(&Envelope { v: PAYLOAD_VERSION, event })
        .expect("events always serialise: no maps with non-string keys");
    NewEvent { kind: event.kind().to_string(), payload }
}

/// The events one entry records: one, or more when an older version recorded in one entry what
/// is now several facts.
pub fn decode(entry: &Entry) -> Result<Vec<Event>, NodeError> {
    let undecodable = |reason: String| NodeError::Undecodable { seq: entry.seq, kind: entry.kind.clone(), reason };
    if is_enveloped(&entry.payload) {
        let envelope: OwnedEnvelope = serde_json::from_slice(&entry.payload).map_err(|e| undecodable(e.to_string()))?;
        if envelope.v != PAYLOAD_VERSION {
            return Err(undecodable(format!("payload version {} is newer than this build reads", envelope.v)));
        }
        return Ok(vec![envelope.event]);
    }
    let event = match version1::area_of(&entry.kind, &entry.payload) {
        Some(area) => version1::decode(area, &entry.payload),
        None => serde_json::from_slice(&entry.payload),
    }
    .map_err(|error| undecodable(error.to_string()))?;
    Ok(upcast_version2(event))
}

/// Before version 3 a release spent its cost without a credits event of its own.
fn upcast_version2(event: Event) -> Vec<Event> {
    let spent = match &event {
        Event::Distribution(DistributionEvent::GoodReleased { release }) => payment_of(release),
        _ => None,
    };
    std::iter::once(event).chain(spent).collect()
}

/// Whether a payload is version 3 or later: enveloped with its version first.
fn is_enveloped(payload: &[u8]) -> bool {
    payload.starts_with(br#"{"v":"#)
}

/// The payload as JSON with its version: the event itself, whatever envelope it was stored in.
pub fn payload_json(payload: &[u8]) -> (Option<u8>, serde_json::Value) {
    let value: serde_json::Value = match serde_json::from_slice(payload) {
        Ok(value) => value,
        Err(_) => return (None, serde_json::Value::String(String::from_utf8_lossy(payload).into_owned())),
    };
    match value {
        serde_json::Value::Object(mut fields) if is_enveloped(payload) => {
            let version = fields.get("v").and_then(serde_json::Value::as_u64).and_then(|v| u8::try_from(v).ok());
            (version, fields.remove("event").unwrap_or_default())
        }
        bare => (None, bare),
    }
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
    fn every_payload_version_decodes_to_the_same_event() {
        let event = Event::Stock(StockEvent::StockReserved {
            lot: prodos_core::LotId(3),
            qty: prodos_core::Milli(1500),
            purpose: "PROD-0001".into(),
        });
        let v3 = String::from_utf8(encode(&event).payload).unwrap();
        let v2 = v3.strip_prefix(r#"{"v":3,"event":"#).and_then(|rest| rest.strip_suffix('}')).expect("enveloped");
        let v1 = v2.strip_prefix(r#"{"Stock":"#).and_then(|rest| rest.strip_suffix('}')).expect("tagged by area");
        assert!(v1.starts_with(r#"{"StockReserved":{"lot":"LOT-0003""#), "{v1}");
        assert_eq!(decode(&entry("StockReserved", v1)).expect("a version-1 payload"), std::slice::from_ref(&event));
        assert_eq!(decode(&entry("StockReserved", v2)).expect("a version-2 payload"), std::slice::from_ref(&event));
        assert_eq!(decode(&entry("StockReserved", &v3)).expect("a version-3 payload"), [event]);
    }

    #[test]
    fn a_payload_that_fits_neither_version_names_its_entry() {
        let wrong = decode(&entry("PlanCommitted", r#"{"PlanCommitted":{"plan":1}}"#)).unwrap_err();
        assert!(matches!(wrong, NodeError::Undecodable { seq: 7, .. }), "{wrong:?}");
        let v2 = r#"{"Plan":{"PlanCommitted":{"plan":"PROD-0001","at":0}}}"#;
        assert!(matches!(
            decode(&entry("PlanCommitted", v2)).unwrap()[..],
            [Event::Plan(PlanEvent::PlanCommitted { .. })]
        ));
        let future = decode(&entry("PlanCommitted", r#"{"v":4,"event":{}}"#)).unwrap_err();
        assert!(matches!(future, NodeError::Undecodable { seq: 7, .. }), "{future:?}");
    }

    #[test]
    fn a_version_2_release_pays_with_a_credits_event_of_its_own() {
        use prodos_core::credits::CreditsEvent;
        use prodos_core::distribution::Release;
        use prodos_core::{EntitlementId, GoodId, Milli, Timestamp};
        let release = Release {
            good: GoodId(1),
            to: "ada".into(),
            entitlement: EntitlementId(1),
            cost_credits: Milli(3000),
            by: "ada".into(),
            at: Timestamp(5),
        };
        // Version 2 stored the area-tagged event bare.
        let v2 = serde_json::to_string(&Event::Distribution(DistributionEvent::GoodReleased { release })).unwrap();
        let events = decode(&entry("GoodReleased", &v2)).expect("a version-2 release");
        assert!(matches!(&events[0], Event::Distribution(DistributionEvent::GoodReleased { .. })), "{events:?}");
        assert!(
            matches!(&events[1], Event::Credits(CreditsEvent::CreditsSpent { handle, credits, .. })
                if handle == "ada" && credits.0 == 3000),
            "{events:?}"
        );
        // Written today, the release and its payment are two entries, each decoded alone.
        for event in &events {
            assert_eq!(
                decode(&entry(event.kind(), &String::from_utf8(encode(event).payload).unwrap())).unwrap(),
                std::slice::from_ref(event)
            );
        }
    }
}
