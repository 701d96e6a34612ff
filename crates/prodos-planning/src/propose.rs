//! `propose`: from a mandate and a snapshot of the state to a complete plan proposal — explosion,
//! netting, procurement, schedule, calendar dates and verdict. Pure: `now` and the search budget
//! (with its stop callback) are parameters.

use crate::calendar_time::on_calendar_time;
use crate::explode::explode;
use crate::model::{self, PlanningModel};
use crate::net::net;
use crate::procure::procure;
use crate::progress::Progress;
use crate::schedule::{SearchBudget, TimedSchedule, schedule};
use crate::sharing::{CommittedLoad, SharedLoad, shared_load};
use crate::staffing::Staffing;
use crate::stock_view::StockView;
use crate::verdict::{lateness, resource_loads, skill_hours};
use prodos_core::design::{DesignSpec, DesignStatus};
use prodos_core::plan::{
    Day, Mandate, MaterialNeed, PlanProposal, PurchaseProposal, ScheduledOperation, Verdict, WorkCalendar,
};
use prodos_core::units::Milli;
use prodos_core::{DesignSelector, MandateId, Rejection, State, Timestamp};
use std::collections::HashMap;

/// Proposes a plan for `mandate`. Refuses only what `RecordPlanProposal` would refuse (unknown
/// mandate, version no longer certified); everything else — shortages, missing skills or tools,
/// lateness — is part of the verdict.
pub fn propose(
    state: &State,
    mandate_id: MandateId,
    now: Timestamp,
    budget: SearchBudget<'_>,
) -> Result<PlanProposal, Rejection> {
    let mandate = state.plans.mandate(mandate_id).ok_or(Rejection::UnknownMandate { mandate: mandate_id })?;
    let version = state.designs.version(mandate.design).ok_or(Rejection::UnknownDesign {
        design: DesignSelector { design: mandate.design.design, version: Some(mandate.design.version) },
    })?;
    if version.status != DesignStatus::Certified {
        return Err(Rejection::DesignNotCertified { design: mandate.design, status: version.status.as_str() });
    }
    let spec = &version.spec;
    // Down assets are units the plan cannot count on until they are repaired.
    let (available, down_notes) = prodos_core::orchestration::asset_capacity::available_capacity(state);
    let capacity = &available;
    let start = capacity.calendar.next_working_instant(now);
    // A mandate under way is replanned from its progress, with what its committed plan holds.
    let committed = state.plans.committed_plan_of(mandate_id);
    let progress = Progress::of(state, committed, spec, start);
    let held_for = committed.map(|plan| plan.purpose());
    let stock = StockView::new(state, held_for.as_deref());
    let explosion =
        progress.remaining(explode(spec, mandate.qty, |material| state.stock.material(material).map(|m| m.unit)));
    let materials = net(state, &explosion, &stock);
    let (purchases, unsourced) = procure(&materials, &state.suppliers, Day::of(now), mandate.due);
    let mut material_problems = explosion.problems.clone();
    material_problems.extend(purchases.iter().filter(|p| !p.in_time).map(|p| {
        format!(
            "`{}`: the fastest offer ({}, {} days) arrives {}, after the due date",
            p.material, p.supplier_key, p.lead_time_days, p.arrives
        )
    }));
    // Unsourced shortages do not stop a plan (material may come from another node or be made),
    // but they keep it from being on time.
    let unsourced_count = unsourced.len();
    material_problems.extend(unsourced);
    let mut shared = shared_load(state, mandate, start);
    let offset_min = |at: Timestamp| capacity.calendar.working_min_between(start, at);
    // People's availability is counted over twice the longest the plan could take after its last
    // arrival and the committed load, so a schedule practically never runs past it.
    let last_arrival_min =
        purchases.iter().map(|p| capacity.calendar.working_min_between(start, p.arrives.start())).max().unwrap_or(0);
    let fixed_end_min = shared.fixed.iter().map(|load| load.to_min).max().unwrap_or(0);
    let window_min = 2 * (model::serial_work_min(spec, mandate.qty, capacity) + last_arrival_min.max(fixed_end_min));
    let mut staffing = Staffing::new(state, start, window_min);
    // Running tasks keep their crews and tools until they end.
    for ((op_idx, unit), task) in progress.running() {
        let operation = &spec.operations[op_idx];
        task.crew.iter().for_each(|member| staffing.occupy(member, offset_min(task.ends)));
        let declared_skill = operation.skill.clone().filter(|skill| operation.crew > 0 && staffing.is_declared(skill));
        shared.fixed.push(CommittedLoad {
            holder: format!("{}#{unit} (in progress)", operation.id),
            skill: declared_skill.map(|skill| (skill, model::level_of(operation.min_level), operation.crew)),
            tools: operation.tools.clone(),
            from_min: 0,
            to_min: offset_min(task.ends),
        });
    }
    let infeasible = model::infeasibilities(spec, capacity, &staffing);
    let units_left = |op_idx: usize| progress.units_left(op_idx, mandate.qty);
    let instances_left: u32 = (0..spec.operations.len()).map(units_left).sum();

    let mut verdict = Verdict {
        due: mandate.due,
        finish: None,
        on_time: false,
        late_by_work_days: 0,
        late_by_days: 0,
        makespan_work_min: 0,
        critical_path: Vec::new(),
        bottleneck: None,
        resource_loads: Vec::new(),
        skill_hours: skill_hours(spec, &units_left, capacity, &staffing, start, mandate.due),
        material_problems,
        infeasible,
        schedules_generated: 0,
        lower_bound_work_min: 0,
        capacity_notes: Vec::new(),
        displaces: Vec::new(),
    };
    if !shared.fixed_plans.is_empty() {
        verdict.capacity_notes.push(format!(
            "scheduled around committed plans of mandates with the same or a higher priority: {}",
            shared.fixed_plans.join(", ")
        ));
    }
    let skills: std::collections::BTreeSet<&str> =
        spec.operations.iter().filter(|op| op.crew > 0).filter_map(|op| op.skill.as_deref()).collect();
    verdict.capacity_notes.extend(skills.into_iter().map(|skill| staffing.source_note(skill)));
    verdict.capacity_notes.extend(progress.note(spec.operations.len() * mandate.qty as usize));
    verdict.capacity_notes.extend(down_notes);
    let mut operations = Vec::new();
    let carried_end = |op_idx: usize, unit: u32| progress.get(op_idx, unit).map(|task| offset_min(task.ends));
    // A schedule needs every skill and tool; a material nobody offers is assumed at hand from the
    // start, so the verdict can still say how the rest of the plan would go.
    if verdict.infeasible.is_empty() && instances_left == 0 {
        // Everything has begun: the plan is its carried work.
        operations = progress.operations(spec, &capacity.calendar, start);
        verdict.finish = operations.iter().map(|op| op.end).max();
        let (on_time, late_by_days, late_by_work_days) =
            lateness(capacity, verdict.finish.unwrap_or(start), mandate.due);
        verdict.on_time = on_time && unsourced_count == 0;
        (verdict.late_by_days, verdict.late_by_work_days) = (late_by_days, late_by_work_days);
    } else if verdict.infeasible.is_empty() {
        let release = releases(spec, mandate, &materials, &purchases, state, start, &progress);
        let built = model::build(spec, mandate.qty, capacity, &staffing, &shared, release, carried_end);
        match built.and_then(|m| schedule(&m, budget).map(|s| (m, s))) {
            Ok((model, found)) => {
                let calendar = &capacity.calendar;
                let (timed, elapsed) = match on_calendar_time(spec, &model, &found, calendar, start) {
                    Some(on_calendar) => (on_calendar.timed, on_calendar.elapsed_intervals),
                    None => (found, vec![None; model.instances.len()]),
                };
                operations = dated_operations(spec, &model, &timed, &elapsed, state, start);
                operations.extend(progress.operations(spec, calendar, start));
                operations.sort_by_key(|op| (op.start_work_min, op.unit, op.operation.clone()));
                fill_verdict(&mut verdict, &model, &timed, state, start, mandate.due);
                // An unattended step may end outside working hours, after the last working minute.
                verdict.finish = verdict.finish.max(operations.iter().map(|op| op.end).max());
                let (on_time, late_by_days, late_by_work_days) =
                    lateness(capacity, verdict.finish.unwrap_or(start), mandate.due);
                verdict.on_time = on_time && verdict.infeasible.is_empty();
                (verdict.late_by_days, verdict.late_by_work_days) = (late_by_days, late_by_work_days);
                verdict.displaces = displaced(&model, &timed, &shared, state, start);
                if timed.makespan_min > window_min {
                    let end = capacity.calendar.after_working_min(start, window_min);
                    verdict.capacity_notes.push(format!(
                        "the schedule runs past {}, up to which people's availability was counted; after it every \
                         certified participant is assumed present",
                        Day::of(end)
                    ));
                }
                verdict.on_time &= unsourced_count == 0;
                let faster = |p: &PurchaseProposal| faster_offer(p, &materials, state, Day::of(now), mandate.due);
                name_awaited_arrivals(&mut verdict, spec, &model, &timed, &purchases, &faster);
                name_awaited_capacity(&mut verdict, &model, &timed, calendar, start);
            }
            Err(error) => verdict.infeasible.push(format!("the scheduling model was refused: {error}")),
        }
    }
    Ok(PlanProposal {
        design: mandate.design,
        qty: mandate.qty,
        start,
        materials,
        purchases,
        operations,
        verdict,
        continues: progress.continues,
    })
}

/// Earliest start of each operation instance: units stock covers start at once; the others wait
/// for the purchase of every short material the operation consumes. Units count among those
/// still to be done when the mandate is replanned from progress.
fn releases<'a>(
    spec: &'a DesignSpec,
    mandate: &Mandate,
    materials: &'a [MaterialNeed],
    purchases: &'a [PurchaseProposal],
    state: &'a State,
    start: Timestamp,
    progress: &'a Progress,
) -> impl Fn(usize, u32) -> i64 + 'a {
    let calendar = &state.capacity.calendar;
    let all_units = mandate.qty;
    let unit_left = move |unit: u32| (0..spec.operations.len()).any(|op_idx| progress.get(op_idx, unit).is_none());
    let qty = (1..=all_units).filter(|&unit| unit_left(unit)).count() as i64;
    let arrival_min: HashMap<&str, i64> = purchases
        .iter()
        .map(|p| (p.material.as_str(), calendar.working_min_between(start, p.arrives.start())))
        .collect();
    let covered_units: HashMap<&str, i64> = materials
        .iter()
        .map(|need| {
            let covered = if need.required <= Milli::ZERO {
                qty
            } else {
                (need.from_stock.0 as i128 * qty as i128 / need.required.0 as i128) as i64
            };
            (need.material.as_str(), covered)
        })
        .collect();
    let consumed: Vec<Vec<&str>> = spec
        .operations
        .iter()
        .map(|op| op.consumes.iter().filter_map(|part| spec.part(part)).map(|part| part.material.as_str()).collect())
        .collect();
    move |op_idx, unit| {
        let rank = (1..=unit).filter(|&earlier| progress.get(op_idx, earlier).is_none()).count() as i64;
        consumed[op_idx]
            .iter()
            .filter(|material| rank > covered_units.get(*material).copied().unwrap_or(0))
            .filter_map(|material| arrival_min.get(material).copied())
            .max()
            .unwrap_or(0)
    }
}

/// Operations on the calendar. `elapsed[j]` is the real interval of an unattended step, which
/// runs through nights and weekends.
fn dated_operations(
    spec: &DesignSpec,
    model: &PlanningModel,
    timed: &TimedSchedule,
    elapsed: &[Option<(Timestamp, Timestamp)>],
    state: &State,
    start: Timestamp,
) -> Vec<ScheduledOperation> {
    let calendar = &state.capacity.calendar;
    let mut operations: Vec<ScheduledOperation> = model
        .instances
        .iter()
        .enumerate()
        .map(|(j, &(op_idx, unit))| ScheduledOperation {
            operation: spec.operations[op_idx].id.clone(),
            unit,
            start: elapsed[j].map_or_else(
                || calendar.next_working_instant(calendar.after_working_min(start, timed.start_min[j])),
                |(begins, _)| begins,
            ),
            end: elapsed[j].map_or_else(|| calendar.after_working_min(start, timed.end_min[j]), |(_, ends)| ends),
            start_work_min: timed.start_min[j],
            end_work_min: timed.end_min[j],
            slack_work_min: timed.slack_min[j],
            critical: timed.critical[j],
            resources: model.labels[op_idx].clone(),
            crew: crew_names(model, &timed.crews[j]),
            carried: None,
        })
        .collect();
    operations.sort_by_key(|op| (op.start_work_min, op.unit, op.operation.clone()));
    operations
}

/// The handles of a crew, in alphabetical order.
fn crew_names(model: &PlanningModel, crew: &[usize]) -> Vec<String> {
    let Some(workforce) = &model.workforce else { return Vec::new() };
    let mut names: Vec<String> = crew.iter().map(|&person| workforce.people[person].name.clone()).collect();
    names.sort_unstable();
    names
}

/// Lower-priority committed plans the schedule overlaps beyond what the capacity allows, each
/// with the resources and the first instant concerned.
fn displaced(
    model: &PlanningModel,
    timed: &TimedSchedule,
    shared: &SharedLoad,
    state: &State,
    start: Timestamp,
) -> Vec<String> {
    if model.displaceable.is_empty() {
        return Vec::new();
    }
    let mut all = timed.project.reservations().to_vec();
    all.extend(model.displaceable.iter().map(|(reservation, _)| *reservation));
    let Ok(with_all) = timed.project.clone().with_reservations(all) else { return Vec::new() };
    // holder -> (resource names, first time in grains)
    let mut taken: std::collections::BTreeMap<&str, (std::collections::BTreeSet<&str>, i64)> = Default::default();
    for violation in prodos_sched::checker::check(&with_all, &timed.schedule) {
        let prodos_sched::checker::Violation::RenewableCapacity { resource_idx, time, .. } = violation else {
            continue;
        };
        let holders =
            model.displaceable.iter().filter(|(r, _)| r.resource == resource_idx && r.start <= time && time < r.end);
        for (_, load_idx) in holders {
            let entry =
                taken.entry(shared.displaceable[*load_idx].holder.as_str()).or_insert((Default::default(), time));
            entry.0.insert(model.resource_names[resource_idx].as_str());
            entry.1 = entry.1.min(time);
        }
    }
    let calendar = &state.capacity.calendar;
    taken
        .into_iter()
        .map(|(holder, (resources, first))| {
            let at = calendar.after_working_min(start, first * model.grain_min);
            format!("{holder}: {} from {}", highest_levels(resources).join(", "), Day::of(at))
        })
        .collect()
}

/// When the critical path begins by waiting for a delivery, the delivery is its first link.
fn name_awaited_arrivals(
    verdict: &mut Verdict,
    spec: &DesignSpec,
    model: &PlanningModel,
    timed: &TimedSchedule,
    purchases: &[PurchaseProposal],
    faster: &dyn Fn(&PurchaseProposal) -> Option<PurchaseProposal>,
) {
    let Some(&first) = timed.critical_chain.first() else { return };
    let release = timed.project.activities()[first].release;
    if release == 0 || timed.schedule.starts[first] > release {
        return;
    }
    let (op_idx, _) = model.instances[first];
    let bought: Vec<&PurchaseProposal> = spec.operations[op_idx]
        .consumes
        .iter()
        .filter_map(|part| spec.part(part))
        .filter_map(|part| purchases.iter().find(|p| p.material == part.material))
        .collect();
    // Only the last delivery holds the operation back.
    let last = bought.iter().map(|p| p.arrives).max();
    let awaited: Vec<String> = bought
        .iter()
        .filter(|p| Some(p.arrives) == last)
        .map(|p| {
            let awaited = format!(
                "arrival of {} ({}, {} calendar days from {})",
                p.material, p.arrives, p.lead_time_days, p.supplier_key
            );
            match faster(p) {
                // The trade-off the plan is waiting on: a dearer supplier that arrives sooner.
                Some(quick) => format!(
                    "{awaited}; faster: {} by {} ({} calendar days) for {} instead of {}",
                    quick.supplier_key, quick.arrives, quick.lead_time_days, quick.cost, p.cost
                ),
                None => awaited,
            }
        })
        .collect();
    if !awaited.is_empty() {
        verdict.critical_path.insert(0, awaited.join(" + "));
    }
}

/// The fastest offer that arrives before `purchase`, if any supplier has one.
fn faster_offer(
    purchase: &PurchaseProposal,
    materials: &[MaterialNeed],
    state: &State,
    today: Day,
    due: Day,
) -> Option<PurchaseProposal> {
    let need = materials.iter().find(|need| need.material == purchase.material)?;
    crate::procure::offers(need, &state.suppliers, today, due)
        .into_iter()
        .filter(|offer| offer.arrives < purchase.arrives)
        .min_by_key(|offer| (offer.arrives, offer.cost, offer.supplier))
}

/// When the critical path begins by waiting for capacity that committed plans or people's time
/// off held, each holder is its first link: `capacity held by PROD-0002 (MAN-0002, priority 0):
/// finishing.spray≥4, free again 2027-01-12`.
fn name_awaited_capacity(
    verdict: &mut Verdict,
    model: &PlanningModel,
    timed: &TimedSchedule,
    calendar: &WorkCalendar,
    start: Timestamp,
) {
    let mut held: std::collections::BTreeMap<&str, (std::collections::BTreeSet<&str>, i64)> = Default::default();
    for &idx in &timed.critical_wait {
        let reservation = &timed.project.reservations()[idx];
        let entry = held.entry(model.reservation_holders[idx].as_str()).or_default();
        entry.0.insert(model.resource_names[reservation.resource].as_str());
        entry.1 = entry.1.max(reservation.end);
    }
    let waits: Vec<String> = held
        .into_iter()
        .map(|(holder, (resources, end))| {
            // The first working instant after the hold, not the close of its last day.
            let free = Day::of(calendar.next_working_instant(calendar.after_working_min(start, end * model.grain_min)));
            format!("capacity held by {holder}: {}, free again {free}", highest_levels(resources).join(", "))
        })
        .collect();
    if !waits.is_empty() {
        verdict.critical_path.insert(0, waits.join(" + "));
    }
}

/// Resource names with skill levels (`finishing.spray≥2`, `≥3`, `≥4`: work at level 4 takes a
/// person from all three) reduced to the highest level per skill, as a verdict names them; tools
/// stay as they are.
fn highest_levels(resources: std::collections::BTreeSet<&str>) -> Vec<String> {
    let mut highest: std::collections::BTreeMap<&str, Option<&str>> = Default::default();
    for name in resources {
        match name.split_once('≥') {
            Some((skill, level)) => {
                let kept = highest.entry(skill).or_default();
                if kept.is_none_or(|k| level.parse::<u8>().ok() > k.parse::<u8>().ok()) {
                    *kept = Some(level);
                }
            }
            None => {
                highest.insert(name, None);
            }
        }
    }
    highest.into_iter().map(|(name, level)| level.map_or(name.to_string(), |l| format!("{name}≥{l}"))).collect()
}

fn fill_verdict(
    verdict: &mut Verdict,
    model: &PlanningModel,
    timed: &TimedSchedule,
    state: &State,
    start: Timestamp,
    due: Day,
) {
    let capacity = &state.capacity;
    let finish = capacity.calendar.after_working_min(start, timed.makespan_min);
    let (on_time, late_by_days, late_by_work_days) = lateness(capacity, finish, due);
    let spec_ops = |j: usize| model.instances[j];
    verdict.finish = Some(finish);
    verdict.on_time = on_time && verdict.infeasible.is_empty();
    verdict.late_by_days = late_by_days;
    verdict.late_by_work_days = late_by_work_days;
    verdict.makespan_work_min = timed.makespan_min;
    verdict.lower_bound_work_min = timed.lower_bound_min;
    verdict.schedules_generated = timed.schedules_generated;
    verdict.resource_loads = resource_loads(model, timed);
    verdict.bottleneck = verdict.resource_loads.first().cloned();
    verdict.critical_path = timed
        .critical_chain
        .iter()
        .map(|&j| {
            let (op_idx, unit) = spec_ops(j);
            format!("{}#{unit}", model.op_ids[op_idx])
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::highest_levels;

    #[test]
    fn a_skill_held_at_several_levels_is_named_once_at_the_highest() {
        let held = ["finishing.spray≥2", "finishing.spray≥4", "finishing.spray≥3", "drying-rack"].into_iter().collect();
        assert_eq!(highest_levels(held), vec!["drying-rack", "finishing.spray≥4"]);
    }
}
