//! Labor matching as the ledger knows it: who is proposed for each operation instance of a
//! committed plan, the coordinator's confirmation, and each person's accept, decline or swap.
//! The optimisation runs outside the core (prodos-matching, driven by the app layer); the core
//! re-checks every proposed person against the qualification gate, availability and double
//! booking (`orchestration::crew`), so a stale or forged proposal is refused. One word throughout:
//! matching is proposing, confirming and answering crews; a crew is its result.

pub mod command;
pub mod event;
pub mod model;

pub use command::{MatchingCommand, ProposedCrew, UnfilledCrew};
pub use event::MatchingEvent;
pub use model::{Crew, CrewMember, MatchProposal, Matching, SwapOffer};
