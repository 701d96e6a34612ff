//! Maintenance commands decided against the rest of the node: an asset must provide a tool or
//! workstation the node declares, a plan's skill is checked like any, a breakdown is reported
//! by a participant, and a work order is worked like a production task — started by someone
//! qualified for its skill, verified by someone else, its hours credited as labor.

use super::labor_credits::{LaborClaim, record_labor};
use crate::event::Event;
use crate::ids::WorkOrderId;
use crate::maintenance::model::{Asset, AssetStatus};
use crate::maintenance::{
    MaintenanceCommand, MaintenanceEvent, Meters, NewAsset, NewPmPlan, PmPlan, WorkOrder, WorkOrderKind,
    WorkOrderStatus, due_services,
};
use crate::people::qualification::{require_participant, require_qualified};
use crate::rejection::Rejection;
use crate::skill::{check_level, check_skill};
use crate::state::State;
use crate::time::Timestamp;
use crate::units::Milli;

fn invalid(field: &str, message: String) -> Rejection {
    Rejection::InvalidField { field: field.into(), message }
}

fn one(event: MaintenanceEvent) -> Vec<Event> {
    vec![Event::Maintenance(event)]
}

pub fn decide(state: &State, command: &MaintenanceCommand, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let maintenance = &state.maintenance;
    match command {
        MaintenanceCommand::RegisterAsset { asset, .. } => register(state, asset, now),
        MaintenanceCommand::RecordMeter { asset, hours, cycles, by } => {
            let known = maintenance.asset(*asset).ok_or(Rejection::UnknownAsset { asset: *asset })?;
            require_participant(&state.people, "by", by)?;
            let meters = read(known, *hours, *cycles)?;
            let mut events = one(MaintenanceEvent::MeterRead { asset: *asset, meters, by: by.clone(), at: now });
            let mut after = known.clone();
            after.meters = meters;
            events.extend(due_orders(state, std::slice::from_ref(&after), now));
            Ok(events)
        }
        MaintenanceCommand::SetPmPlan { plan, by } => {
            Ok(one(MaintenanceEvent::PmPlanSet { plan: pm_plan(state, plan)?, by: by.clone(), at: now }))
        }
        MaintenanceCommand::ReportBreakdown { asset, description, severity, estimate_min, by } => {
            let known = maintenance.asset(*asset).ok_or(Rejection::UnknownAsset { asset: *asset })?;
            require_participant(&state.people, "by", by)?;
            let description = description.trim();
            if description.is_empty() {
                return Err(Rejection::FieldRequired { field: "description".into() });
            }
            if let AssetStatus::Down { order, .. } = known.status {
                return Err(invalid("asset", format!("{asset} is already down, with {order} open")));
            }
            let kind =
                WorkOrderKind::Repair { description: description.into(), severity: *severity, reported_by: by.clone() };
            let skill = maintenance.plans_for(&known.kind).next().map(|plan| (plan.skill.clone(), plan.level));
            let estimate = match *estimate_min {
                Some(minutes) if !(1..=43_200).contains(&minutes) => {
                    return Err(invalid("estimate_min", format!("{minutes} min is not between 1 min and 30 days")));
                }
                minutes => minutes.unwrap_or(0) as u32,
            };
            let order = WorkOrder::open(maintenance.next_order(), *asset, kind, skill, estimate, now);
            Ok(one(MaintenanceEvent::WorkOrderOpened { order }))
        }
        MaintenanceCommand::IssueDueOrders { by } => {
            require_participant(&state.people, "by", by)?;
            Ok(due_orders(state, maintenance.assets(), now))
        }
        MaintenanceCommand::StartWorkOrder { order, worker } => {
            let record = order_in(state, *order, WorkOrderStatus::Open, "start")?;
            match &record.skill {
                Some((skill, level)) => {
                    require_qualified(&state.people, "worker", worker, skill, *level, now)?;
                }
                None => {
                    require_participant(&state.people, "worker", worker)?;
                }
            }
            Ok(one(MaintenanceEvent::WorkOrderStarted { order: *order, worker: worker.clone(), at: now }))
        }
        MaintenanceCommand::CompleteWorkOrder { order, by, hours, note } => {
            let record = order_in(state, *order, WorkOrderStatus::InProgress, "complete")?;
            if record.worker.as_deref() != Some(by.as_str()) {
                return Err(invalid(
                    "by",
                    format!("{order} is worked by {}, not {by}", record.worker.as_deref().unwrap_or("nobody")),
                ));
            }
            let hours = match hours {
                Some(hours) if !hours.is_finite() || *hours <= 0.0 || *hours > 24.0 => {
                    return Err(invalid("hours", format!("{hours} is not between 0 and 24 hours")));
                }
                Some(hours) => *hours,
                None => {
                    let started = record.started_at.unwrap_or(now);
                    state.capacity.calendar.working_min_between(started, now).max(1) as f64 / 60.0
                }
            };
            let event = MaintenanceEvent::WorkOrderCompleted {
                order: *order,
                by: by.clone(),
                hours,
                note: note.trim().into(),
                at: now,
            };
            Ok(one(event))
        }
        MaintenanceCommand::VerifyWorkOrder { order, by } => {
            let record = order_in(state, *order, WorkOrderStatus::Done, "verify")?;
            let worker = record.worker.clone().unwrap_or_default();
            if worker == *by {
                return Err(Rejection::SelfApproval { handle: by.clone(), action: "verify".into() });
            }
            let mut events = one(MaintenanceEvent::WorkOrderVerified { order: *order, by: by.clone(), at: now });
            if let Some((skill, level)) = &record.skill {
                let hours = Milli((record.hours.unwrap_or(0.0) * 1000.0).round() as i64);
                let claim = LaborClaim {
                    handle: &worker,
                    skill,
                    level: *level,
                    hours,
                    verified_by: by,
                    task: Some(order.to_string()),
                    note: "maintenance work order",
                };
                events.push(Event::Credits(record_labor(state, &claim, now)?));
            } else {
                require_participant(&state.people, "by", by)?;
            }
            Ok(events)
        }
        MaintenanceCommand::LockOut { asset, reason, by } => {
            maintenance.asset(*asset).ok_or(Rejection::UnknownAsset { asset: *asset })?;
            require_participant(&state.people, "by", by)?;
            let reason = required("reason", reason)?;
            if let Some(lockout) = maintenance.lockout(*asset) {
                return Err(invalid(
                    "asset",
                    format!("{asset} is already locked out by {}: {}", lockout.by, lockout.reason),
                ));
            }
            Ok(one(MaintenanceEvent::AssetLockedOut { asset: *asset, reason, by: by.clone(), at: now }))
        }
        MaintenanceCommand::ClearLockout { asset, inspection, by } => {
            maintenance.asset(*asset).ok_or(Rejection::UnknownAsset { asset: *asset })?;
            let inspection = required("inspection", inspection)?;
            if maintenance.lockout(*asset).is_none() {
                return Err(invalid("asset", format!("{asset} is not locked out")));
            }
            Ok(one(MaintenanceEvent::LockoutCleared { asset: *asset, inspection, by: by.clone(), at: now }))
        }
    }
}

/// The trimmed text of a field that must say something.
fn required(field: &str, text: &str) -> Result<String, Rejection> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Rejection::FieldRequired { field: field.into() });
    }
    Ok(text.into())
}

fn register(state: &State, asset: &NewAsset, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let kind = asset.kind.trim();
    if state.capacity.tool_count(kind) == 0 {
        let known: Vec<&str> = state.capacity.tools().map(|(tool, _)| tool).collect();
        return Err(invalid(
            "kind",
            format!("`{kind}` is not a tool or workstation the node declares (known: {})", known.join(", ")),
        ));
    }
    if asset.name.trim().is_empty() {
        return Err(Rejection::FieldRequired { field: "name".into() });
    }
    if let Some(years) = asset.service_life_years.filter(|years| *years <= 0) {
        return Err(invalid("service_life_years", format!("service life must be positive, got {years}")));
    }
    if asset.acquired > crate::calendar::Day::of(now) {
        return Err(invalid("acquired", format!("{} is in the future", asset.acquired)));
    }
    let record = Asset {
        id: state.maintenance.next_asset(),
        kind: kind.into(),
        name: asset.name.trim().into(),
        location: asset.location.trim().into(),
        acquired: asset.acquired,
        service_life_years: asset.service_life_years,
        spare_parts: asset.spare_parts.clone(),
        meters: Meters::default(),
        read_at: None,
        status: AssetStatus::Up,
        serviced: Default::default(),
    };
    Ok(one(MaintenanceEvent::AssetRegistered { asset: record }))
}

/// The new totals, refused when a meter would run backwards.
fn read(asset: &Asset, hours: Option<f64>, cycles: Option<u64>) -> Result<Meters, Rejection> {
    if hours.is_none() && cycles.is_none() {
        return Err(Rejection::FieldRequired { field: "hours".into() });
    }
    let mut meters = asset.meters;
    if let Some(hours) = hours {
        if !hours.is_finite() || hours < asset.meters.hours {
            return Err(invalid(
                "hours",
                format!("{hours} h is below the last reading of {} h: meters do not run backwards", asset.meters.hours),
            ));
        }
        meters.hours = hours;
    }
    if let Some(cycles) = cycles {
        if cycles < asset.meters.cycles {
            return Err(invalid(
                "cycles",
                format!("{cycles} is below the last reading of {}: meters do not run backwards", asset.meters.cycles),
            ));
        }
        meters.cycles = cycles;
    }
    Ok(meters)
}

fn pm_plan(state: &State, plan: &NewPmPlan) -> Result<PmPlan, Rejection> {
    let key = plan.key.trim();
    if key.is_empty() || key.chars().any(char::is_whitespace) {
        return Err(invalid("key", format!("`{key}` must be a slug without spaces")));
    }
    if state.capacity.tool_count(plan.kind.trim()) == 0 {
        return Err(invalid("kind", format!("`{}` is not a tool or workstation the node declares", plan.kind)));
    }
    let interval = |field: &str, value: Option<i64>| -> Result<Option<u32>, Rejection> {
        match value {
            Some(value) if !(1..=1_000_000).contains(&value) => {
                Err(invalid(field, format!("an interval must be 1 or more, got {value}")))
            }
            value => Ok(value.map(|value| value as u32)),
        }
    };
    let every_hours = interval("every_hours", plan.every_hours)?;
    let every_cycles = interval("every_cycles", plan.every_cycles)?.map(u64::from);
    let every_days = interval("every_days", plan.every_days)?;
    if every_hours.is_none() && every_cycles.is_none() && every_days.is_none() {
        return Err(invalid("every_hours", "a plan needs an interval: every_hours, every_cycles or every_days".into()));
    }
    check_skill("skill", &plan.skill)?;
    let level = check_level("level", plan.level)?;
    if !(1..=5 * 8 * 60).contains(&plan.duration_min) {
        return Err(invalid(
            "duration_min",
            format!("{} min is not between 1 min and a working week", plan.duration_min),
        ));
    }
    if plan.procedure.trim().is_empty() {
        return Err(Rejection::FieldRequired { field: "procedure".into() });
    }
    Ok(PmPlan {
        key: key.into(),
        kind: plan.kind.trim().into(),
        every_hours,
        every_cycles,
        every_days,
        procedure: plan.procedure.trim().into(),
        skill: plan.skill.clone(),
        level,
        duration_min: plan.duration_min as u32,
        parts: plan.parts.clone(),
    })
}

/// Preventive orders for the plans due on `assets` that have none open.
pub(crate) fn due_orders(state: &State, assets: &[Asset], now: Timestamp) -> Vec<Event> {
    let scratch = crate::maintenance::Maintenance {
        assets: assets.to_vec(),
        plans: state.maintenance.plans().to_vec(),
        orders: Vec::new(),
        lockouts: Default::default(),
    };
    let mut next = state.maintenance.next_order();
    let mut events = Vec::new();
    for due in due_services(&scratch, now) {
        if state.maintenance.open_preventive(due.asset.id, &due.plan.key).is_some() {
            continue;
        }
        let kind = WorkOrderKind::Preventive { plan: due.plan.key.clone(), reason: due.reason.clone() };
        let skill = Some((due.plan.skill.clone(), due.plan.level));
        let order = WorkOrder::open(next, due.asset.id, kind, skill, due.plan.duration_min, now);
        next = WorkOrderId(next.0 + 1);
        events.push(Event::Maintenance(MaintenanceEvent::WorkOrderOpened { order }));
    }
    events
}

fn order_in<'a>(
    state: &'a State,
    order: WorkOrderId,
    wanted: WorkOrderStatus,
    action: &'static str,
) -> Result<&'a WorkOrder, Rejection> {
    let record = state.maintenance.order(order).ok_or(Rejection::UnknownWorkOrder { order })?;
    if record.status != wanted {
        return Err(Rejection::TaskWrongStatus { task: order.to_string(), status: record.status.as_str(), action });
    }
    Ok(record)
}
