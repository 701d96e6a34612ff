//! Who is asking, as the shells know it, and who that is on the node's record.

use crate::people::Participant;
use crate::rejection::Rejection;
use crate::state::State;
use serde::{Deserialize, Serialize};

/// Who asks for a command. The shells map their callers to one of these and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    /// A signed-in account of the server; it acts as the participant of its handle.
    Account(String),
    /// Someone at the node's own console: a participant's handle (acting as them), or any other
    /// name, which is an operator identity, recorded in the ledger the first time it acts.
    Local(String),
}

impl Actor {
    /// The name the ledger records on the actor's entries.
    pub fn name(&self) -> &str {
        match self {
            Actor::Account(handle) | Actor::Local(handle) => handle,
        }
    }
}

/// The actor resolved against the state.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Acting<'a> {
    /// An operator at the console: acts as whoever the command names, as the node where it names
    /// nobody. `first_time` means the ledger does not know the identity yet.
    Operator { name: &'a str, first_time: bool },
    /// A person: the command may name only them, except where a coordinator may name others.
    Person { handle: &'a str, participant: Option<&'a Participant> },
}

impl<'a> Acting<'a> {
    pub(crate) fn of(state: &'a State, actor: &'a Actor) -> Result<Acting<'a>, Rejection> {
        match actor {
            Actor::Account(handle) => Ok(Acting::Person { handle, participant: state.people.get(handle) }),
            Actor::Local(name) => {
                if let Some(participant) = state.people.get(name) {
                    return Ok(Acting::Person { handle: name, participant: Some(participant) });
                }
                crate::people::decide::check_handle("actor", name)?;
                Ok(Acting::Operator { name, first_time: !state.access.is_operator(name) })
            }
        }
    }
}
