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
use crate::{design, plan, stock, supplier};

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
    match command {
        Command::ImportDesign { spec, declared } => design::decide::import(&state.designs, spec, *declared, now),
        Command::CertifyDesign { design } => design::decide::certify(&state.designs, *design, now),
        Command::RetireDesign { design } => design::decide::retire(&state.designs, *design, now),
        Command::ReceiveLots { lots } => stock::decide::receive(&state.stock, lots, now),
        Command::ReserveStock { material, qty, purpose } => {
            stock::decide::reserve(&state.stock, material, *qty, purpose)
        }
        Command::ReleaseStock { purpose, material } => {
            stock::decide::release(&state.stock, purpose, material.as_deref())
        }
        Command::ConsumeStock { material, qty, purpose } => {
            stock::decide::consume(&state.stock, material, *qty, purpose.as_deref(), now)
        }
        Command::AdjustLot { lot, delta, reason } => stock::decide::adjust(&state.stock, *lot, *delta, reason, now),
        Command::ImportSuppliers { suppliers } => supplier::import(&state.suppliers, suppliers),
        Command::CreateMandate { design, qty, due, decision, priority } => {
            plan::decide::create_mandate(state, *design, *qty, *due, *decision, *priority, now)
        }
        Command::DeclareToolCount { tool, count } => plan::decide::declare_tool_count(&state.capacity, tool, *count),
        Command::DeclareSkillHeadcount { skill, level, headcount } => {
            plan::decide::declare_skill_headcount(&state.capacity, skill, *level, *headcount)
        }
        Command::SetWorkWeek { week } => plan::decide::set_work_week(&state.capacity, *week),
        Command::CloseDay { day, reason } => plan::decide::close_day(&state.capacity, *day, reason),
        Command::SetLaborRate { skill, level, rate_per_hour } => {
            plan::decide::set_labor_rate(&state.capacity, skill, *level, *rate_per_hour)
        }
        Command::SetToolRate { tool, rate_per_hour } => {
            plan::decide::set_tool_rate(&state.capacity, tool, *rate_per_hour)
        }
        Command::RecordPlanProposal { mandate, proposal } => {
            plan::decide::record_proposal(state, *mandate, proposal, now)
        }
        Command::CommitPlan { plan } => plan::decide::commit(state, *plan, now),
        Command::CancelPlan { plan } => plan::decide::cancel(state, *plan, now),
        Command::People(command) => crate::people::decide::decide(&state.people, command, now),
        Command::Credits(command) => crate::credits::decide::decide(state, command, now),
        Command::Distribution(command) => crate::distribution::decide::decide(state, command, now),
        Command::Execution(command) => crate::execution::decide::decide(state, command, now),
        Command::Assignment(command) => crate::assignment::decide::decide(state, command, now),
        Command::Access(command) => crate::access::decide(command, now),
    }
}
