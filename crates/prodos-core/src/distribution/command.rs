//! What people ask of distribution. `by` is the acting participant's handle.

use crate::ids::{DesignSelector, PlanId};
use crate::units::Milli;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DistributionCommand {
    /// A coordinator registers a finished unit of a certified design as a good (units finished
    /// through a plan's tasks become goods when their last task is verified).
    ProduceGood {
        design: DesignSelector,
        serial: Option<String>,
        note: String,
        by: String,
    },
    /// A plan's finished unit (every task of it verified) becomes a good (coordinators).
    ProduceUnit {
        plan: PlanId,
        unit: u32,
        by: String,
    },
    GrantEntitlement {
        handle: String,
        design: DesignSelector,
        qty: i64,
        cost_credits: Milli,
        by: String,
    },
    /// One good of `design`, open to whoever passes the contribution gate for receiving goods, at
    /// the credit policy's price.
    EarnEntitlement {
        handle: String,
        design: DesignSelector,
    },
    /// Release a good (id or serial) to `to`.
    Distribute {
        good: String,
        to: String,
        by: String,
    },
}
