//! What a person or a script asks prodos to do, grouped by the area that decides it. A command
//! is decided against the current state into events (or a rejection); it carries everything
//! `decide` needs except who asks and the time.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Command {
    Design(crate::design::DesignCommand),
    Stock(crate::stock::StockCommand),
    Supplier(crate::supplier::SupplierCommand),
    Plan(crate::plan::PlanCommand),
    People(crate::people::PeopleCommand),
    Credits(crate::credits::CreditsCommand),
    Distribution(crate::distribution::DistributionCommand),
    Execution(crate::execution::ExecutionCommand),
    Matching(crate::matching::MatchingCommand),
    Access(crate::access::AccessCommand),
    Quality(crate::quality::QualityCommand),
    Maintenance(crate::maintenance::MaintenanceCommand),
    Safety(crate::safety::SafetyCommand),
    Improvement(crate::improvement::ImprovementCommand),
}
