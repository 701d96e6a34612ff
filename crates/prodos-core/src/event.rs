//! Every fact prodos records. Events are appended to the ledger and folded into `State`; they are
//! never edited. Adding a variant is backward compatible; changing one is not (old ledgers must
//! still replay), so variants only grow.

use crate::design::DesignSpec;
use crate::ids::{DesignRef, LotId, MandateId, PlanId, SupplierId};
use crate::plan::{Day, Mandate, PlanProposal, WorkWeek};
use crate::stock::{Material, Provenance};
use crate::supplier::CatalogItem;
use crate::time::Timestamp;
use crate::units::{Milli, Millicents};
use serde::{Deserialize, Serialize};

/// A recorded fact. Serialised externally tagged (`{"LotReceived": {...}}`), which is the ledger
/// payload; `kind()` is the ledger's event kind column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// A new design (version 1) or a new draft version after a certified one.
    DesignDrafted {
        design: DesignRef,
        spec: DesignSpec,
        at: Timestamp,
    },
    /// A draft version's content replaced before certification.
    DesignDraftRevised {
        design: DesignRef,
        spec: DesignSpec,
        at: Timestamp,
    },
    DesignCertified {
        design: DesignRef,
        at: Timestamp,
    },
    DesignRetired {
        design: DesignRef,
        at: Timestamp,
    },

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

    SupplierRegistered {
        supplier: SupplierId,
        key: String,
        name: String,
    },
    CatalogItemListed {
        supplier: SupplierId,
        item: CatalogItem,
    },

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

    // People and work (issue 4): each module's events in its own enum; `kind()` is the inner name.
    People(crate::people::PeopleEvent),
    Credits(crate::credits::CreditsEvent),
    Distribution(crate::distribution::DistributionEvent),
    Execution(crate::execution::ExecutionEvent),
    Assignment(crate::assignment::AssignmentEvent),
    // Access control (issue 5): accounts and tokens, without secrets.
    Access(crate::access::AccessEvent),
}

impl Event {
    /// The stable name stored in the ledger's kind column.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::DesignDrafted { .. } => "DesignDrafted",
            Event::DesignDraftRevised { .. } => "DesignDraftRevised",
            Event::DesignCertified { .. } => "DesignCertified",
            Event::DesignRetired { .. } => "DesignRetired",
            Event::MaterialRegistered { .. } => "MaterialRegistered",
            Event::LotReceived { .. } => "LotReceived",
            Event::StockReserved { .. } => "StockReserved",
            Event::StockReleased { .. } => "StockReleased",
            Event::StockConsumed { .. } => "StockConsumed",
            Event::LotAdjusted { .. } => "LotAdjusted",
            Event::SupplierRegistered { .. } => "SupplierRegistered",
            Event::CatalogItemListed { .. } => "CatalogItemListed",
            Event::MandateCreated { .. } => "MandateCreated",
            Event::ToolCountDeclared { .. } => "ToolCountDeclared",
            Event::SkillHeadcountDeclared { .. } => "SkillHeadcountDeclared",
            Event::WorkWeekSet { .. } => "WorkWeekSet",
            Event::DayClosed { .. } => "DayClosed",
            Event::LaborRateSet { .. } => "LaborRateSet",
            Event::ToolRateSet { .. } => "ToolRateSet",
            Event::PlanProposed { .. } => "PlanProposed",
            Event::PlanCommitted { .. } => "PlanCommitted",
            Event::PlanSuperseded { .. } => "PlanSuperseded",
            Event::PlanCancelled { .. } => "PlanCancelled",
            Event::People(event) => event.kind(),
            Event::Credits(event) => event.kind(),
            Event::Distribution(event) => event.kind(),
            Event::Execution(event) => event.kind(),
            Event::Assignment(event) => event.kind(),
            Event::Access(event) => event.kind(),
        }
    }
}
