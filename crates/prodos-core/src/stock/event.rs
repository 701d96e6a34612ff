//! Stock as recorded: materials registered, lots received, held, released, consumed and adjusted.
//! Each variant's name is its ledger kind, and the name a version-1 ledger tagged its payload with.

use crate::ids::LotId;
use crate::stock::{Hold, Material, Provenance};
use crate::time::Timestamp;
use crate::units::{Milli, Millicents};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StockEvent {
    MaterialRegistered {
        material: Material,
    },
    LotReceived {
        lot: LotId,
        material: String,
        /// In the material's unit.
        qty: Milli,
        /// Per material unit.
        unit_cost: Millicents,
        location: String,
        provenance: Provenance,
        at: Timestamp,
    },
    StockReserved {
        lot: LotId,
        qty: Milli,
        purpose: String,
    },
    StockReleased {
        lot: LotId,
        qty: Milli,
        purpose: String,
    },
    /// The seeds' MaterialConsumptionEvent: a quantity leaves a lot, from a reservation or free stock.
    StockConsumed {
        lot: LotId,
        material: String,
        qty: Milli,
        reserved_for: Option<String>,
        at: Timestamp,
    },
    LotAdjusted {
        lot: LotId,
        delta: Milli,
        reason: String,
        at: Timestamp,
    },
    /// The lot may not be reserved or consumed until the hold is lifted: it awaits incoming
    /// inspection, or was rejected and sits in quarantine.
    LotHeld {
        lot: LotId,
        hold: Hold,
        reason: String,
        at: Timestamp,
    },
    LotHoldLifted {
        lot: LotId,
        reason: String,
        at: Timestamp,
    },
}

impl StockEvent {
    /// Every kind this area stores, for readers that route by kind (the codec's version 1).
    pub const KINDS: [&'static str; 6] =
        ["MaterialRegistered", "LotReceived", "StockReserved", "StockReleased", "StockConsumed", "LotAdjusted"];

    pub fn kind(&self) -> &'static str {
        match self {
            StockEvent::MaterialRegistered { .. } => "MaterialRegistered",
            StockEvent::LotReceived { .. } => "LotReceived",
            StockEvent::StockReserved { .. } => "StockReserved",
            StockEvent::StockReleased { .. } => "StockReleased",
            StockEvent::StockConsumed { .. } => "StockConsumed",
            StockEvent::LotAdjusted { .. } => "LotAdjusted",
            StockEvent::LotHeld { .. } => "LotHeld",
            StockEvent::LotHoldLifted { .. } => "LotHoldLifted",
        }
    }
}
