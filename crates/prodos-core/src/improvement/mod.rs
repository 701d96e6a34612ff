//! The upgrade loop (Loop C): improvement proposals — a better jig, a new tool, a process
//! change — with the effect expected on one design operation's throughput or defect rate,
//! approved or rejected by a coordinator, and closed when done. What it changed is measured from
//! the ledger (`crate::series::improvement`), never typed in.

pub mod command;
pub mod event;
pub mod model;

pub use command::{ImprovementCommand, NewProposal};
pub use event::ImprovementEvent;
pub use model::{Decision, Improvement, ImprovementKind, Improvements, Metric, ProposalStatus};
