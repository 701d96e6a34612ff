//! Distribution invariants for `State::check_invariants`: no good is released twice, every release names a
//! known good, a participant and an entitlement of theirs for the good's design, and no
//! entitlement covers more releases than its quantity; a plan's unit is at most one good, and
//! only once every task of the unit was verified. Every paid release is paid exactly once: the
//! recipient's credits show one spending of its cost for that good.

use crate::credits::CreditEntry;
use crate::execution::TaskStatus;
use crate::ids::PlanId;
use crate::ids::TaskRef;
use crate::state::State;
use crate::units::Milli;
use std::collections::BTreeSet;

pub(super) fn check(state: &State) -> Result<(), String> {
    let distribution = &state.distribution;
    let mut released = BTreeSet::new();
    for release in distribution.releases() {
        if !released.insert(release.good) {
            return Err(format!("{} was released twice", release.good));
        }
        let good = distribution.good(release.good).ok_or_else(|| format!("release of unknown {}", release.good))?;
        if state.people.get(&release.to).is_none() {
            return Err(format!("{} went to unknown participant `{}`", release.good, release.to));
        }
        let entitlement = distribution
            .entitlement(release.entitlement)
            .ok_or_else(|| format!("{} released under unknown {}", release.good, release.entitlement))?;
        let paid: Vec<Milli> = state
            .credits
            .entries_of(&release.to)
            .iter()
            .filter_map(|entry| match entry {
                CreditEntry::Spent { credits, what, .. } if *what == release.good.to_string() => Some(*credits),
                _ => None,
            })
            .collect();
        let expected: &[Milli] = if release.cost_credits > Milli::ZERO { &[release.cost_credits] } else { &[] };
        if paid != expected {
            return Err(format!("{} cost {} but {} paid {paid:?}", release.good, release.cost_credits, release.to));
        }
        if entitlement.handle != release.to || entitlement.design != good.design.design {
            return Err(format!(
                "{} released under {}, which is not {}'s for {}",
                good.id, entitlement.id, release.to, good.design
            ));
        }
    }
    for entitlement in distribution.entitlements() {
        let used = distribution.used(entitlement.id);
        if used > entitlement.qty {
            return Err(format!("{} covers {} goods but {used} were released", entitlement.id, entitlement.qty));
        }
    }
    let mut units = BTreeSet::new();
    for good in distribution.goods() {
        let Some((plan, unit)) = plan_unit(state, &good.origin) else { continue };
        // A replan carries the unit's records, and the unit, into the plan that continues it.
        let holder = state.plans.carried_into(plan.id);
        if !units.insert((holder, unit)) {
            return Err(format!("{} unit {unit} became more than one good", plan.id));
        }
        let unfinished = plan.proposal.operations.iter().filter(|operation| operation.unit == unit).find(|operation| {
            let task = TaskRef { plan: holder, operation: operation.operation.clone(), unit };
            state.execution.task(&task).status != TaskStatus::Verified
        });
        if let Some(operation) = unfinished {
            return Err(format!(
                "{} is a good but {}/{}#{unit} is not verified",
                good.id, plan.id, operation.operation
            ));
        }
    }
    Ok(())
}

/// The plan and unit an origin such as `PROD-0001#2` names, when it names a known plan's unit.
fn plan_unit<'s>(state: &'s State, origin: &str) -> Option<(&'s crate::plan::Plan, u32)> {
    let (plan, unit) = origin.split_once('#')?;
    let plan = state.plans.plan(plan.parse::<PlanId>().ok()?)?;
    Some((plan, unit.parse().ok()?))
}
