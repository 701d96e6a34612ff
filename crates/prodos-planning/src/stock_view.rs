//! One pass over the lots, indexed by material: what is available (free stock plus what a plan
//! being re-planned holds) and at what lot costs, oldest lot first. Scanning every lot per
//! material would make a 10,000-line BOM quadratic.

use prodos_core::State;
use prodos_core::units::{Milli, Millicents};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct StockView<'s> {
    /// Per material: (available qty, unit cost) per lot, oldest first.
    lots: HashMap<&'s str, Vec<(Milli, Millicents)>>,
}

impl<'s> StockView<'s> {
    /// `held_for`: a reservation purpose whose holdings count as available, so that re-planning a
    /// committed plan may reuse what it holds (committing the new plan releases them).
    pub fn new(state: &'s State, held_for: Option<&str>) -> StockView<'s> {
        let mut lots: HashMap<&'s str, Vec<(Milli, Millicents)>> = HashMap::new();
        for lot in state.stock.lots() {
            let held = held_for.map(|purpose| lot.reserved_for(purpose)).unwrap_or_default();
            let usable = lot.available() + held;
            if usable > Milli::ZERO {
                lots.entry(lot.material.as_str()).or_default().push((usable, lot.unit_cost));
            }
        }
        StockView { lots }
    }

    pub fn available(&self, material: &str) -> Milli {
        self.lots.get(material).map(|lots| lots.iter().map(|(qty, _)| *qty).sum()).unwrap_or_default()
    }

    /// Cost of taking `qty` from stock, oldest lots first, and how much of it stock covered.
    pub fn cost_of(&self, material: &str, qty: Milli) -> (Milli, Millicents) {
        let mut remaining = qty;
        let mut cost = Millicents::ZERO;
        for (available, unit_cost) in self.lots.get(material).into_iter().flatten() {
            if remaining <= Milli::ZERO {
                break;
            }
            let take = (*available).min(remaining);
            cost += unit_cost.for_qty(take);
            remaining -= take;
        }
        (qty - remaining.max(Milli::ZERO), cost)
    }
}
