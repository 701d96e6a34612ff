//! Labor matching as the ledger knows it: who is proposed for each operation instance of a
//! committed plan, the coordinator's confirmation, and each person's accept, decline or swap.
//! The optimisation runs outside the core (prodos-matching, driven by the node); the core
//! re-checks every proposed person against the qualification gate, availability and double
//! booking, so a stale or forged proposal is refused.

pub mod command;
pub mod event;
pub mod model;

pub use command::{AssignmentCommand, ProposedCrew, UnfilledCrew};
pub use event::AssignmentEvent;
pub use model::{Assignments, Crew, CrewMember, MatchProposal, SwapOffer};
