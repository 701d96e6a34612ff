//! Planning as recorded: mandates, the node's capacity, calendar and rates, and plans from proposal to commitment, supersession or cancellation.
//! Each variant's name is its ledger kind, and the name a version-1 ledger tagged its payload with.

use crate::ids::{MandateId, PlanId};
use crate::plan::{Day, Mandate, PlanProposal, WorkWeek};
use crate::time::Timestamp;
use crate::units::Millicents;
use serde::{Deserialize, Serialize};

// A value is built once and moved a few times; boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PlanEvent {
    /// A production mandate: a certified version, a quantity, a due date.
    MandateCreated {
        mandate: Mandate,
    },
    /// The node owns `count` units of a tool or workstation.
    ToolCountDeclared {
        tool: String,
        count: u32,
    },
    /// `headcount` people hold `skill` at exactly `level`.
    SkillHeadcountDeclared {
        skill: String,
        level: u8,
        headcount: u32,
    },
    WorkWeekSet {
        week: WorkWeek,
    },
    DayClosed {
        day: Day,
        reason: String,
    },
    LaborRateSet {
        skill: String,
        level: u8,
        rate_per_hour: Millicents,
    },
    ToolRateSet {
        tool: String,
        rate_per_hour: Millicents,
    },
    /// A proposal computed by the planner, validated against state and recorded as is.
    PlanProposed {
        plan: PlanId,
        mandate: MandateId,
        proposal: PlanProposal,
        at: Timestamp,
    },
    /// Follows the plan's StockReserved events: its materials are held, its schedule frozen.
    PlanCommitted {
        plan: PlanId,
        at: Timestamp,
    },
    /// A newer plan for the same mandate was committed; follows the release of this plan's stock.
    PlanSuperseded {
        plan: PlanId,
        by: PlanId,
        at: Timestamp,
    },
    /// Follows the release of whatever the plan still held.
    PlanCancelled {
        plan: PlanId,
        at: Timestamp,
    },
}

impl PlanEvent {
    /// Every kind this area stores, for readers that route by kind (the codec's version 1).
    pub const KINDS: [&'static str; 11] = [
        "MandateCreated",
        "ToolCountDeclared",
        "SkillHeadcountDeclared",
        "WorkWeekSet",
        "DayClosed",
        "LaborRateSet",
        "ToolRateSet",
        "PlanProposed",
        "PlanCommitted",
        "PlanSuperseded",
        "PlanCancelled",
    ];

    pub fn kind(&self) -> &'static str {
        match self {
            PlanEvent::MandateCreated { .. } => "MandateCreated",
            PlanEvent::ToolCountDeclared { .. } => "ToolCountDeclared",
            PlanEvent::SkillHeadcountDeclared { .. } => "SkillHeadcountDeclared",
            PlanEvent::WorkWeekSet { .. } => "WorkWeekSet",
            PlanEvent::DayClosed { .. } => "DayClosed",
            PlanEvent::LaborRateSet { .. } => "LaborRateSet",
            PlanEvent::ToolRateSet { .. } => "ToolRateSet",
            PlanEvent::PlanProposed { .. } => "PlanProposed",
            PlanEvent::PlanCommitted { .. } => "PlanCommitted",
            PlanEvent::PlanSuperseded { .. } => "PlanSuperseded",
            PlanEvent::PlanCancelled { .. } => "PlanCancelled",
        }
    }
}
