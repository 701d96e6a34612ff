//! The node's state: a fold of every event in the ledger, in order. `apply` is total over events
//! that `decide` produced against the state before them; replaying the ledger rebuilds the same
//! state every time.

use crate::design::Designs;
use crate::event::Event;
use crate::plan::{Capacity, PlanStatus, Plans};
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
    pub assignments: crate::assignment::Assignments,
    pub access: crate::access::AccessRecord,
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
            Event::Distribution(event) => crate::distribution::event::apply(self, event),
            Event::Execution(event) => self.execution.apply(event),
            Event::Assignment(event) => self.assignments.apply(event),
            Event::Access(event) => self.access.apply(event),
        }
    }

    /// Checks the invariants that must hold after any sequence of decided events. Integration
    /// tests call it at their end; a failure is a bug in `decide` or `apply`, not bad input.
    pub fn verify(&self) -> Result<(), String> {
        for lot in self.stock.lots() {
            if lot.on_hand() < crate::units::Milli::ZERO {
                return Err(format!("{} has negative stock {}", lot.id, lot.on_hand()));
            }
            if lot.reserved_total() > lot.on_hand() {
                return Err(format!("{} reserves {} of {} on hand", lot.id, lot.reserved_total(), lot.on_hand()));
            }
            if self.stock.material(&lot.material).is_none() {
                return Err(format!("{} is of unregistered material `{}`", lot.id, lot.material));
            }
        }
        for record in self.designs.iter() {
            for (index, version) in record.versions().iter().enumerate() {
                if version.version as usize != index + 1 {
                    return Err(format!("{} has version {} at position {}", record.id, version.version, index + 1));
                }
                let is_last = index + 1 == record.versions().len();
                if version.status == crate::design::DesignStatus::Draft && !is_last {
                    return Err(format!("{}@v{} is a draft but not the latest version", record.id, version.version));
                }
            }
        }
        self.verify_plans()?;
        crate::credits::invariants::verify(self)?;
        crate::distribution::invariants::verify(self)?;
        crate::execution::invariants::verify(self)
    }

    /// Plan invariants: every plan belongs to a known mandate and plans its pinned version; at most
    /// one plan per mandate is committed; only a committed plan holds stock, never more of a
    /// material than it netted from stock. (A manual `stock reserve` may use any purpose, so a
    /// purpose that looks like a plan id proves nothing by itself.)
    fn verify_plans(&self) -> Result<(), String> {
        for (index, mandate) in self.plans.mandates().enumerate() {
            if mandate.id.0 as usize != index + 1 {
                return Err(format!("{} is at position {}", mandate.id, index + 1));
            }
        }
        for (index, plan) in self.plans.plans().enumerate() {
            if plan.id.0 as usize != index + 1 {
                return Err(format!("{} is at position {}", plan.id, index + 1));
            }
            let mandate = self
                .plans
                .mandate(plan.mandate)
                .ok_or_else(|| format!("{} names unknown {}", plan.id, plan.mandate))?;
            if plan.proposal.design != mandate.design || plan.proposal.qty != mandate.qty {
                return Err(format!("{} does not plan what {} asks for", plan.id, mandate.id));
            }
            let purpose = plan.purpose();
            for need in &plan.proposal.materials {
                let held = self.stock.reserved_for(&need.material, &purpose);
                if plan.status != PlanStatus::Committed && held > crate::units::Milli::ZERO {
                    return Err(format!(
                        "{} is {} but holds {held} of `{}`",
                        plan.id,
                        plan.status.as_str(),
                        need.material
                    ));
                }
                if held > need.from_stock {
                    return Err(format!(
                        "{} holds {held} of `{}`, more than the {} it netted",
                        plan.id, need.material, need.from_stock
                    ));
                }
            }
        }
        for mandate in self.plans.mandates() {
            let committed = self.plans.plans_of(mandate.id).filter(|plan| plan.status == PlanStatus::Committed).count();
            if committed > 1 {
                return Err(format!("{} has {committed} committed plans", mandate.id));
            }
        }
        Ok(())
    }
}
