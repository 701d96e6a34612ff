//! Decisions about distribution. A release checks, in order: the good exists and is unreleased,
//! the recipient holds an open entitlement for its design, and can pay its cost. The ledger's
//! optimistic concurrency re-runs this on fresh state when two releases race, so one wins.

use crate::credits::CreditsEvent;
use crate::credits::account::statement;
use crate::credits::gate::require_goods_privilege;
use crate::design::DesignStatus;
use crate::distribution::{DistributionCommand, DistributionEvent, Entitlement, EntitlementOrigin, Good, Release};
use crate::event::Event;
use crate::execution::TaskStatus;
use crate::ids::TaskRef;
use crate::ids::{DesignRef, DesignSelector, PlanId};
use crate::people::qualification::{require_coordinator, require_participant};
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;
use crate::units::Milli;

pub fn decide(state: &State, command: &DistributionCommand, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let event = match command {
        DistributionCommand::ProduceGood { design, serial, note, by } => {
            require_coordinator(&state.people, "by", by, "register goods")?;
            let design = certified(state, *design)?;
            produce(state, design, serial.as_deref(), note, by, now)?
        }
        DistributionCommand::ProduceUnit { plan, unit, by } => {
            require_coordinator(&state.people, "by", by, "register goods")?;
            produce_unit(state, *plan, *unit, by, now)?
        }
        DistributionCommand::GrantEntitlement { handle, design, qty, cost_credits, by } => {
            if !(1..=10_000).contains(qty) {
                return Err(Rejection::CountMustBePositive { field: "qty".into(), value: *qty });
            }
            if *cost_credits < Milli::ZERO {
                return Err(Rejection::InvalidField {
                    field: "cost".into(),
                    message: format!("{cost_credits} is negative"),
                });
            }
            require_participant(&state.people, "handle", handle)?;
            require_coordinator(&state.people, "by", by, "grant entitlements")?;
            let design = known_design(state, *design)?;
            DistributionEvent::EntitlementGranted {
                entitlement: Entitlement {
                    id: state.distribution.next_entitlement_id(),
                    handle: handle.clone(),
                    design: design.design,
                    qty: *qty as u32,
                    cost_credits: *cost_credits,
                    origin: EntitlementOrigin::Granted { by: by.clone() },
                    at: now,
                },
            }
        }
        DistributionCommand::EarnEntitlement { handle, design } => {
            require_participant(&state.people, "handle", handle)?;
            let design = known_design(state, *design)?;
            if state.credits.gate_rule("goods").is_none() {
                return Err(Rejection::InvalidField {
                    field: "privilege".into(),
                    message:
                        "no contribution gate for receiving goods is set, so entitlements are granted by coordinators"
                            .into(),
                });
            }
            require_goods_privilege(&state.credits, handle, now)?;
            let already_open = state.distribution.entitlements().any(|entitlement| {
                entitlement.handle == *handle
                    && entitlement.design == design.design
                    && entitlement.origin == EntitlementOrigin::Earned
                    && state.distribution.used(entitlement.id) < entitlement.qty
            });
            if already_open {
                return Ok(Vec::new());
            }
            DistributionEvent::EntitlementGranted {
                entitlement: Entitlement {
                    id: state.distribution.next_entitlement_id(),
                    handle: handle.clone(),
                    design: design.design,
                    qty: 1,
                    cost_credits: state.credits.policy().earned_entitlement_cost_credits,
                    origin: EntitlementOrigin::Earned,
                    at: now,
                },
            }
        }
        DistributionCommand::Distribute { good, to, by } => return distribute(state, good, to, by, now),
    };
    Ok(vec![Event::Distribution(event)])
}

/// The good's event: a serial is given or made from the design key and a running number.
pub fn produce(
    state: &State,
    design: DesignRef,
    serial: Option<&str>,
    origin: &str,
    by: &str,
    now: Timestamp,
) -> Result<DistributionEvent, Rejection> {
    let serial = match serial.map(str::trim) {
        Some("") => return Err(Rejection::FieldRequired { field: "serial".into() }),
        Some(serial) => serial.to_string(),
        None => {
            // The design key and the next running number that no good holds yet (a coordinator
            // may have given a serial of that form by hand).
            let key = state.designs.get(design.design).map(|record| record.key.clone()).unwrap_or_default();
            let made = state.distribution.goods().filter(|good| good.design.design == design.design).count();
            (made + 1..)
                .map(|number| format!("{key}-{number:04}"))
                .find(|serial| state.distribution.find_good(serial).is_none())
                .unwrap_or_default()
        }
    };
    if state.distribution.find_good(&serial).is_some() || serial.parse::<crate::ids::GoodId>().is_ok() {
        return Err(Rejection::InvalidField {
            field: "serial".into(),
            message: format!("`{serial}` is already taken"),
        });
    }
    Ok(DistributionEvent::GoodProduced {
        good: Good {
            id: state.distribution.next_good_id(),
            serial,
            design,
            origin: origin.trim().to_string(),
            produced_by: by.to_string(),
            produced_at: now,
        },
    })
}

/// A release is two facts: the good leaves (distribution) and its cost is paid (credits).
fn distribute(state: &State, good: &str, to: &str, by: &str, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    require_participant(&state.people, "to", to)?;
    if by != to {
        // Participants claim what they are entitled to; handing a good to someone else is a
        // coordinator's act.
        require_coordinator(&state.people, "by", by, "release a good to someone else")?;
    }
    let good = state.distribution.find_good(good).ok_or_else(|| Rejection::UnknownGood { good: good.to_string() })?;
    if let Some(release) = state.distribution.release_of(good.id) {
        return Err(Rejection::GoodAlreadyReleased { good: good.id, to: release.to.clone() });
    }
    let entitlement = state
        .distribution
        .open_entitlement(to, good.design.design)
        .ok_or_else(|| Rejection::NoEntitlement { handle: to.to_string(), design: good.design.design })?;
    let balance = statement(&state.credits, to, now).balance;
    if balance < entitlement.cost_credits {
        return Err(Rejection::InsufficientCredits {
            handle: to.to_string(),
            balance,
            needed: entitlement.cost_credits,
        });
    }
    let release = Release {
        good: good.id,
        to: to.to_string(),
        entitlement: entitlement.id,
        cost_credits: entitlement.cost_credits,
        by: by.to_string(),
        at: now,
    };
    let spent = payment_of(&release);
    Ok(std::iter::once(Event::Distribution(DistributionEvent::GoodReleased { release })).chain(spent).collect())
}

/// The recipient's payment for a release; nothing for a free entitlement. Also how a release of
/// a ledger written before payments were their own fact is read.
pub fn payment_of(release: &Release) -> Option<Event> {
    (release.cost_credits > Milli::ZERO).then(|| {
        Event::Credits(CreditsEvent::CreditsSpent {
            handle: release.to.clone(),
            credits: release.cost_credits,
            what: release.good.to_string(),
            at: release.at,
        })
    })
}

/// The origin a plan's unit carries as a good.
pub fn unit_origin(plan: PlanId, unit: u32) -> String {
    format!("{plan}#{unit}")
}

/// The good a unit already became, under this plan or a plan it continues (a unit finished before
/// a replan is carried, verified, into the new plan and must not become a second good).
fn good_of_unit<'a>(state: &'a State, plan: &crate::plan::Plan, unit: u32) -> Option<&'a Good> {
    let mut origins = vec![unit_origin(plan.id, unit)];
    let mut continued = plan.proposal.continues;
    // Each plan continues an older one, so the chain ends; the bound guards a corrupt ledger.
    while let Some(older) = continued.filter(|_| origins.len() <= state.plans.plans().count()) {
        origins.push(unit_origin(older, unit));
        continued = state.plans.plan(older).and_then(|plan| plan.proposal.continues);
    }
    state.distribution.goods().find(|good| origins.contains(&good.origin))
}

/// Every task of the unit must be verified, and the unit must not be a good already.
fn produce_unit(
    state: &State,
    plan_id: PlanId,
    unit: u32,
    by: &str,
    now: Timestamp,
) -> Result<DistributionEvent, Rejection> {
    let plan = state.plans.plan(plan_id).ok_or(Rejection::UnknownPlan { plan: plan_id })?;
    let origin = unit_origin(plan_id, unit);
    let not_finished = |message: String| Rejection::InvalidField { field: "unit".into(), message };
    if unit == 0 || unit > plan.proposal.qty {
        return Err(not_finished(format!("{plan_id} plans units 1–{}, not {unit}", plan.proposal.qty)));
    }
    if let Some(good) = good_of_unit(state, plan, unit) {
        return Err(not_finished(format!("{plan_id} unit {unit} is already a good ({})", good.id)));
    }
    for operation in plan.proposal.operations.iter().filter(|operation| operation.unit == unit) {
        let task = TaskRef { plan: plan_id, operation: operation.operation.clone(), unit };
        let record = state.execution.task(&task);
        if record.status != TaskStatus::Verified {
            return Err(not_finished(format!(
                "{plan_id} unit {unit} is not finished: {task} is {}",
                record.status.as_str()
            )));
        }
    }
    produce(state, plan.proposal.design, None, &origin, by, now)
}

/// The good a verification finishes: when `verified` is the last unverified task of its unit and
/// the unit is not a good yet, the unit becomes one, produced by the verifier.
pub fn good_of_finished_unit(
    state: &State,
    plan: &crate::plan::Plan,
    verified: &TaskRef,
    by: &str,
    now: Timestamp,
) -> Result<Option<DistributionEvent>, Rejection> {
    let origin = unit_origin(plan.id, verified.unit);
    if good_of_unit(state, plan, verified.unit).is_some() {
        return Ok(None);
    }
    let unit_finished =
        plan.proposal.operations.iter().filter(|operation| operation.unit == verified.unit).all(|operation| {
            operation.operation == verified.operation
                || state
                    .execution
                    .task(&TaskRef { plan: plan.id, operation: operation.operation.clone(), unit: verified.unit })
                    .status
                    == TaskStatus::Verified
        });
    if !unit_finished {
        return Ok(None);
    }
    produce(state, plan.proposal.design, None, &origin, by, now).map(Some)
}

fn known_design(state: &State, selector: DesignSelector) -> Result<DesignRef, Rejection> {
    let record = state.designs.get(selector.design).ok_or(Rejection::UnknownDesign { design: selector })?;
    let version = match selector.version {
        Some(version) => record.version(version).ok_or(Rejection::UnknownDesign { design: selector })?.version,
        None => record.latest_certified().unwrap_or(record.latest()).version,
    };
    Ok(DesignRef { design: selector.design, version })
}

fn certified(state: &State, selector: DesignSelector) -> Result<DesignRef, Rejection> {
    let design = known_design(state, selector)?;
    let status = state.designs.version(design).map(|version| version.status).unwrap_or(DesignStatus::Draft);
    if status != DesignStatus::Certified {
        return Err(Rejection::DesignNotCertified { design, status: status.as_str() });
    }
    Ok(design)
}
