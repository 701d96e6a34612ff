//! Planning and stock: a committed plan holds exactly the stock its proposal netted; a plan that
//! is superseded or cancelled gives back whatever it still holds. The planning area decides the
//! plan's events; this step adds the stock events each of them obliges, just before it.

use crate::design::{DesignStatus, Designs};
use crate::event::Event;
use crate::ids::{DesignRef, DesignSelector};
use crate::plan::decide::{CertifiedDesigns, Planning};
use crate::plan::{PlanCommand, PlanEvent};
use crate::rejection::Rejection;
use crate::state::State;
use crate::stock::decide::{release_all, reserve};
use crate::time::Timestamp;
use crate::units::{Milli, Quantity};

pub fn decide(state: &State, command: &PlanCommand, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let planning = Planning { plans: &state.plans, capacity: &state.capacity, designs: &state.designs };
    let plan_events = crate::plan::decide::decide(planning, command, now)?;
    // Each step sees the stock the earlier steps of the same decision left.
    let mut scratch = state.stock.clone();
    let mut events = Vec::new();
    for event in plan_events {
        let stock_events = match &event {
            PlanEvent::PlanSuperseded { plan, .. } | PlanEvent::PlanCancelled { plan, .. } => {
                let purpose = state.plans.plan(*plan).ok_or(Rejection::UnknownPlan { plan: *plan })?.purpose();
                let released = release_all(&scratch, &purpose);
                released.iter().for_each(|event| scratch.apply(event));
                released
            }
            PlanEvent::PlanCommitted { plan, .. } => {
                let plan = state.plans.plan(*plan).ok_or(Rejection::UnknownPlan { plan: *plan })?;
                let mut reserved = Vec::new();
                for need in plan.proposal.materials.iter().filter(|need| need.from_stock > Milli::ZERO) {
                    let qty = Quantity { amount: need.from_stock, unit: need.unit };
                    let mut held = reserve(&scratch, &need.material, qty, &plan.purpose())?;
                    held.iter().for_each(|event| scratch.apply(event));
                    reserved.append(&mut held);
                }
                reserved
            }
            _ => Vec::new(),
        };
        events.extend(stock_events.into_iter().map(Event::Stock));
        events.push(Event::Plan(event));
    }
    Ok(events)
}

/// Planning asks the design area which version a selector names and whether it is certified.
impl CertifiedDesigns for Designs {
    fn certified(&self, selector: DesignSelector) -> Result<DesignRef, Rejection> {
        let record = self.get(selector.design).ok_or(Rejection::UnknownDesign { design: selector })?;
        let version = match selector.version {
            Some(number) => record.version(number).ok_or(Rejection::UnknownDesign { design: selector })?,
            None => record.latest_certified().unwrap_or(record.latest()),
        };
        let design = DesignRef { design: record.id, version: version.version };
        if version.status != DesignStatus::Certified {
            return Err(Rejection::DesignNotCertified { design, status: version.status.as_str() });
        }
        Ok(design)
    }
}
