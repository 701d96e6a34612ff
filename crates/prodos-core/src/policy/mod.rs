//! The one place that decides who may ask what. Every command reaches the areas through
//! [`authorize`]: the shells say only who is asking (an [`Actor`]), never what that actor may do.
//!
//! One notion of coordinator: a participant the ledger appointed as one. A signed-in account acts
//! as the participant of its handle; a console user acts either as a participant (by naming one)
//! or as an operator identity, which the ledger records the first time it acts and which may then
//! act as anyone the command names. The areas' own rules (qualification, self-approval, gates)
//! then apply to that person.

mod actor;
mod rules;

pub(crate) use actor::Acting;
pub use actor::Actor;
pub(crate) use rules::authorize;
