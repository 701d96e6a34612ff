//! `decide(state, actor, command, now)`: the single pure entry point that turns a command into
//! events or a rejection. The policy decides whether the actor may ask, then the command's area
//! decides what happens. It reads no clock and writes nothing; the shell appends what it returns.

use crate::access::{AccessChange, AccessEvent};
use crate::command::Command;
use crate::event::Event;
use crate::policy::{Acting, Actor, authorize};
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;
use crate::{design, stock, supplier};

/// An empty `Ok` means the command is already satisfied (e.g. re-importing an unchanged design).
/// An operator identity's first command that records anything also records the identity.
pub fn decide(state: &State, actor: &Actor, command: &Command, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let acting = Acting::of(state, actor)?;
    authorize(state, &acting, command)?;
    let mut events = decide_in_area(state, command, now)?;
    if let Acting::Operator { name, first_time: true } = acting
        && !events.is_empty()
    {
        let change = AccessChange::OperatorNamed { name: name.to_string() };
        events.insert(0, Event::Access(AccessEvent::AccessChanged { change, by: name.to_string(), at: now }));
    }
    Ok(events)
}

fn decide_in_area(state: &State, command: &Command, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    fn events<E: Into<Event>>(decided: Result<Vec<E>, Rejection>) -> Result<Vec<Event>, Rejection> {
        decided.map(|events| events.into_iter().map(Into::into).collect())
    }
    match command {
        Command::Design(command) => events(design::decide::decide(&state.designs, command, now)),
        Command::Stock(command) => {
            let received = stock::decide::decide(&state.stock, command, now)?;
            Ok(crate::orchestration::lot_inspection::hold_received(state, received, now))
        }
        Command::Supplier(command) => events(supplier::decide(&state.suppliers, command)),
        Command::Plan(command) => {
            let events = crate::orchestration::plan_stock::decide(state, command, now)?;
            crate::orchestration::plan_progress::with_carried(state, events, now)
        }
        Command::People(command) => events(crate::people::decide::decide(&state.people, command, now)),
        Command::Credits(command) => crate::orchestration::labor_credits::decide(state, command, now),
        Command::Distribution(command) => crate::orchestration::goods_release::decide(state, command, now),
        Command::Execution(command) => {
            let events = crate::orchestration::task_work::decide(state, command, now)?;
            crate::orchestration::task_verification::with_effects(state, events, now)
        }
        Command::Matching(command) => crate::orchestration::crew::decide(state, command, now),
        Command::Access(command) => events(crate::access::decide(command, now)),
        Command::Quality(command) => crate::orchestration::quality::decide(state, command, now),
        Command::Maintenance(command) => crate::orchestration::maintenance::decide(state, command, now),
        Command::Safety(command) => crate::orchestration::safety::decide(state, command, now),
        Command::Improvement(command) => crate::orchestration::improvement::decide(state, command, now),
    }
}
