//! Every invariant over the node's state, in one place: what must hold after any sequence of
//! decided events, whatever the area. Integration tests check it at their end; a failure is a bug
//! in `decide` or `apply`, not bad input.

mod credits;
mod distribution;
mod execution;

use super::State;
use crate::design::DesignStatus;
use crate::plan::PlanStatus;
use crate::units::Milli;

/// Every invariant, area by area; the first broken one is reported.
pub(super) fn check(state: &State) -> Result<(), String> {
    stock(state)?;
    designs(state)?;
    plans(state)?;
    credits::check(state)?;
    distribution::check(state)?;
    execution::check(state)
}

/// Stock never goes negative nor reserves more than is on hand, and every lot is of a registered
/// material.
fn stock(state: &State) -> Result<(), String> {
    for lot in state.stock.lots() {
        if lot.on_hand() < Milli::ZERO {
            return Err(format!("{} has negative stock {}", lot.id, lot.on_hand()));
        }
        if lot.reserved_total() > lot.on_hand() {
            return Err(format!("{} reserves {} of {} on hand", lot.id, lot.reserved_total(), lot.on_hand()));
        }
        if state.stock.material(&lot.material).is_none() {
            return Err(format!("{} is of unregistered material `{}`", lot.id, lot.material));
        }
    }
    Ok(())
}

/// Design versions are numbered 1, 2, … in order and only the latest may be a draft.
fn designs(state: &State) -> Result<(), String> {
    for record in state.designs.iter() {
        for (index, version) in record.versions().iter().enumerate() {
            if version.version as usize != index + 1 {
                return Err(format!("{} has version {} at position {}", record.id, version.version, index + 1));
            }
            let is_last = index + 1 == record.versions().len();
            if version.status == DesignStatus::Draft && !is_last {
                return Err(format!("{}@v{} is a draft but not the latest version", record.id, version.version));
            }
        }
    }
    Ok(())
}

/// Plan invariants: every plan belongs to a known mandate and plans its pinned version; at most
/// one plan per mandate is committed; only a committed plan holds stock, never more of a
/// material than it netted from stock. (A manual `stock reserve` may use any purpose, so a
/// purpose that looks like a plan id proves nothing by itself.)
fn plans(state: &State) -> Result<(), String> {
    for (index, mandate) in state.plans.mandates().enumerate() {
        if mandate.id.0 as usize != index + 1 {
            return Err(format!("{} is at position {}", mandate.id, index + 1));
        }
    }
    for (index, plan) in state.plans.plans().enumerate() {
        if plan.id.0 as usize != index + 1 {
            return Err(format!("{} is at position {}", plan.id, index + 1));
        }
        let mandate =
            state.plans.mandate(plan.mandate).ok_or_else(|| format!("{} names unknown {}", plan.id, plan.mandate))?;
        if plan.proposal.design != mandate.design || plan.proposal.qty != mandate.qty {
            return Err(format!("{} does not plan what {} asks for", plan.id, mandate.id));
        }
        let purpose = plan.purpose();
        for need in &plan.proposal.materials {
            let held = state.stock.reserved_for(&need.material, &purpose);
            if plan.status != PlanStatus::Committed && held > Milli::ZERO {
                return Err(format!("{} is {} but holds {held} of `{}`", plan.id, plan.status.as_str(), need.material));
            }
            if held > need.from_stock {
                return Err(format!(
                    "{} holds {held} of `{}`, more than the {} it netted",
                    plan.id, need.material, need.from_stock
                ));
            }
        }
    }
    for mandate in state.plans.mandates() {
        let committed = state.plans.plans_of(mandate.id).filter(|plan| plan.status == PlanStatus::Committed).count();
        if committed > 1 {
            return Err(format!("{} has {committed} committed plans", mandate.id));
        }
    }
    Ok(())
}
