//! The node's state: a fold of every event in the ledger, in order. `apply` is total over events
//! that `decide` produced against the state before them; replaying the ledger rebuilds the same
//! state every time. Every invariant over it is checked in one place, `verify`.

pub mod reputation;
mod verify;

use crate::design::Designs;
use crate::event::Event;
use crate::plan::{Capacity, Plans};
use crate::stock::Stock;
use crate::supplier::Suppliers;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub designs: Designs,
    pub stock: Stock,
    pub suppliers: Suppliers,
    pub plans: Plans,
    pub capacity: Capacity,
    pub people: crate::people::People,
    pub credits: crate::credits::Credits,
    pub distribution: crate::distribution::Distribution,
    pub execution: crate::execution::Execution,
    pub matching: crate::matching::Matching,
    pub access: crate::access::AccessRecord,
    pub quality: crate::quality::Quality,
    pub maintenance: crate::maintenance::Maintenance,
    pub safety: crate::safety::Safety,
    pub improvements: crate::improvement::Improvements,
}

impl State {
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::Design(event) => self.designs.apply(event),
            Event::Stock(event) => self.stock.apply(event),
            Event::Supplier(event) => self.suppliers.apply(event),
            Event::Plan(event) => crate::plan::apply(&mut self.plans, &mut self.capacity, event),
            Event::People(event) => self.people.apply(event),
            Event::Credits(event) => self.credits.apply(event),
            Event::Distribution(event) => self.distribution.apply(event),
            Event::Execution(event) => self.execution.apply(event),
            Event::Matching(event) => self.matching.apply(event),
            Event::Access(event) => self.access.apply(event),
            Event::Quality(event) => self.quality.apply(event),
            Event::Maintenance(event) => self.maintenance.apply(event),
            Event::Safety(event) => self.safety.apply(event),
            Event::Improvement(event) => self.improvements.apply(event),
        }
    }

    /// Checks the invariants that must hold after any sequence of decided events. Integration
    /// tests call it at their end; a failure is a bug in `decide` or `apply`, not bad input.
    pub fn check_invariants(&self) -> Result<(), String> {
        verify::check(self)
    }
}
