//! What may be asked of stock: receive lots, reserve and release for a purpose, consume, adjust.

use crate::ids::LotId;
use crate::stock::LotReceipt;
use crate::units::{Milli, Quantity};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StockCommand {
    ReceiveLots { lots: Vec<LotReceipt> },
    ReserveStock { material: String, qty: Quantity, purpose: String },
    ReleaseStock { purpose: String, material: Option<String> },
    ConsumeStock { material: String, qty: Quantity, purpose: Option<String> },
    AdjustLot { lot: LotId, delta: Milli, reason: String },
}
