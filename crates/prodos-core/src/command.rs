//! What a person or a script asks prodos to do. A command is decided against the current state
//! into events (or a rejection); it carries everything `decide` needs except the time.

use crate::design::DesignSpec;
use crate::ids::{DesignSelector, LotId};
use crate::stock::LotReceipt;
use crate::supplier::SupplierListing;
use crate::units::{Milli, Quantity};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Command {
    /// Import a design text: a new design, a revised draft, or a new version of a certified one.
    ImportDesign {
        spec: DesignSpec,
        declared: Option<DesignSelector>,
    },
    CertifyDesign {
        design: DesignSelector,
    },
    RetireDesign {
        design: DesignSelector,
    },

    ReceiveLots {
        lots: Vec<LotReceipt>,
    },
    ReserveStock {
        material: String,
        qty: Quantity,
        purpose: String,
    },
    ReleaseStock {
        purpose: String,
        material: Option<String>,
    },
    ConsumeStock {
        material: String,
        qty: Quantity,
        purpose: Option<String>,
    },
    AdjustLot {
        lot: LotId,
        delta: Milli,
        reason: String,
    },

    ImportSuppliers {
        suppliers: Vec<SupplierListing>,
    },
}
