//! Version 1 of the payload: until December 2026 the design, stock, supplier and plan events
//! were variants of `Event` itself, so their payload is tagged by the event's own name
//! (`{"LotReceived":{…}}`) instead of by its area. The other areas were grouped from the start
//! and read the same in both versions. This list of areas is closed: new events are version 2.

use prodos_core::{DesignEvent, Event, PlanEvent, StockEvent, SupplierEvent};

/// An area whose events version 1 stored untagged by area.
#[derive(Debug, Clone, Copy)]
pub(super) enum Area {
    Design,
    Stock,
    Supplier,
    Plan,
}

/// The area of a version-1 payload: one tagged by its own kind, of an area stored that way.
pub(super) fn area_of(kind: &str, payload: &[u8]) -> Option<Area> {
    // serde_json writes `{"Kind":…` with no whitespace; version 2 starts with the area instead.
    let tagged_by_kind = payload
        .strip_prefix(b"{\"")
        .and_then(|rest| rest.strip_prefix(kind.as_bytes()))
        .is_some_and(|rest| rest.starts_with(b"\":"));
    if !tagged_by_kind {
        return None;
    }
    [
        (Area::Design, &DesignEvent::KINDS[..]),
        (Area::Stock, &StockEvent::KINDS[..]),
        (Area::Supplier, &SupplierEvent::KINDS[..]),
        (Area::Plan, &PlanEvent::KINDS[..]),
    ]
    .into_iter()
    .find_map(|(area, kinds)| kinds.contains(&kind).then_some(area))
}

pub(super) fn decode(area: Area, payload: &[u8]) -> Result<Event, serde_json::Error> {
    Ok(match area {
        Area::Design => Event::Design(serde_json::from_slice(payload)?),
        Area::Stock => Event::Stock(serde_json::from_slice(payload)?),
        Area::Supplier => Event::Supplier(serde_json::from_slice(payload)?),
        Area::Plan => Event::Plan(serde_json::from_slice(payload)?),
    })
}
