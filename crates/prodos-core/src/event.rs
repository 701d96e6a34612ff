//! Every fact prodos records, grouped by the area that owns it. Events are appended to the ledger
//! and folded into `State`; they are never edited. Adding a variant is backward compatible;
//! changing one is not (old ledgers must still replay), so variants only grow.

use serde::{Deserialize, Serialize};

/// A recorded fact. Serialised externally tagged by area (`{"Stock": {"LotReceived": {...}}}`),
/// which is the ledger payload; `kind()` is the inner event's name, the ledger's kind column.
/// Ledgers written before the design, stock, supplier and plan areas were grouped hold those
/// events untagged by area (`{"LotReceived": {...}}`): `prodos_app`'s codec reads both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    Design(crate::design::DesignEvent),
    Stock(crate::stock::StockEvent),
    Supplier(crate::supplier::SupplierEvent),
    Plan(crate::plan::PlanEvent),
    People(crate::people::PeopleEvent),
    Credits(crate::credits::CreditsEvent),
    Distribution(crate::distribution::DistributionEvent),
    Execution(crate::execution::ExecutionEvent),
    /// Crews proposed, confirmed, accepted, declined and swapped. Tagged `Assignment` in
    /// payloads, the area's name when those ledgers were written.
    #[serde(rename = "Assignment")]
    Matching(crate::matching::MatchingEvent),
    /// Accounts, tokens and operator identities, without secrets.
    Access(crate::access::AccessEvent),
    Quality(crate::quality::QualityEvent),
    Maintenance(crate::maintenance::MaintenanceEvent),
    Safety(crate::safety::SafetyEvent),
    Improvement(crate::improvement::ImprovementEvent),
}

impl Event {
    /// The stable name stored in the ledger's kind column.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Design(event) => event.kind(),
            Event::Stock(event) => event.kind(),
            Event::Supplier(event) => event.kind(),
            Event::Plan(event) => event.kind(),
            Event::People(event) => event.kind(),
            Event::Credits(event) => event.kind(),
            Event::Distribution(event) => event.kind(),
            Event::Execution(event) => event.kind(),
            Event::Matching(event) => event.kind(),
            Event::Access(event) => event.kind(),
            Event::Quality(event) => event.kind(),
            Event::Maintenance(event) => event.kind(),
            Event::Safety(event) => event.kind(),
            Event::Improvement(event) => event.kind(),
        }
    }

    /// The area's name, which tags the payload.
    pub fn area(&self) -> &'static str {
        match self {
            Event::Design(_) => "Design",
            Event::Stock(_) => "Stock",
            Event::Supplier(_) => "Supplier",
            Event::Plan(_) => "Plan",
            Event::People(_) => "People",
            Event::Credits(_) => "Credits",
            Event::Distribution(_) => "Distribution",
            Event::Execution(_) => "Execution",
            Event::Matching(_) => "Assignment", // the payload tag, kept for old ledgers
            Event::Access(_) => "Access",
            Event::Quality(_) => "Quality",
            Event::Maintenance(_) => "Maintenance",
            Event::Safety(_) => "Safety",
            Event::Improvement(_) => "Improvement",
        }
    }
}

/// Each area's events lift into `Event` so an area's decide can return its own type.
macro_rules! area_event {
    ($($variant:ident($area:ty)),* $(,)?) => {$(
        impl From<$area> for Event {
            fn from(event: $area) -> Event {
                Event::$variant(event)
            }
        }
    )*};
}

area_event!(
    Design(crate::design::DesignEvent),
    Stock(crate::stock::StockEvent),
    Supplier(crate::supplier::SupplierEvent),
    Plan(crate::plan::PlanEvent),
    People(crate::people::PeopleEvent),
    Credits(crate::credits::CreditsEvent),
    Distribution(crate::distribution::DistributionEvent),
    Execution(crate::execution::ExecutionEvent),
    Matching(crate::matching::MatchingEvent),
    Access(crate::access::AccessEvent),
    Quality(crate::quality::QualityEvent),
    Maintenance(crate::maintenance::MaintenanceEvent),
    Safety(crate::safety::SafetyEvent),
    Improvement(crate::improvement::ImprovementEvent),
);
