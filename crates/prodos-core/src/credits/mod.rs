//! Value accounting: time credits earned only from verified labor (hours × a weight per skill
//! and level), never transferred, decaying in monthly steps; the contribution gate that opens
//! privileges to people with recent verified work; and reputation shown with its parts.

pub mod account;
pub mod command;
pub mod event;
pub mod gate;
pub mod model;

pub use account::{Statement, StatementRow, statement};
pub use command::CreditsCommand;
pub use event::CreditsEvent;
pub use gate::{GateRule, Privilege};
pub use model::{CreditEntry, CreditPolicy, Credits, LaborRecord, MAX_HOURS_PER_RECORD};
