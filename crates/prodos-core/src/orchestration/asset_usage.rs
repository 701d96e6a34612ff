//! Meters fed by production: a completed task held one unit of each registered tool or
//! workstation it needs for its whole working time, so that unit's hours meter gains that time
//! and its cycles meter one unit produced. Which unit is not recorded by the plan; the least-used
//! usable one is charged, as a shop rotating its units would, so wear spreads and the record stays
//! deterministic. A preventive order falls due from these readings as from typed ones.

use super::maintenance::due_orders;
use crate::design::OperationSpec;
use crate::event::Event;
use crate::execution::TaskRecord;
use crate::maintenance::MaintenanceEvent;
use crate::state::State;
use crate::time::Timestamp;

/// The meter readings (and any preventive orders they make due) of completing a task.
pub fn usage_events(
    state: &State,
    operation: &OperationSpec,
    record: &TaskRecord,
    by: &str,
    now: Timestamp,
) -> Vec<Event> {
    let Some(started) = record.started_at else { return Vec::new() };
    let hours = state.capacity.calendar.working_min_between(started, now) as f64 / 60.0;
    let mut used = Vec::new();
    for tool in &operation.tools {
        let maintenance = &state.maintenance;
        let unit = maintenance
            .assets()
            .iter()
            .filter(|asset| asset.kind == *tool && maintenance.unavailable(asset).is_none())
            .min_by(|a, b| a.meters.hours.total_cmp(&b.meters.hours).then(a.id.cmp(&b.id)));
        if let Some(unit) = unit {
            let mut after = unit.clone();
            after.meters.hours = ((after.meters.hours + hours) * 1000.0).round() / 1000.0;
            after.meters.cycles += 1;
            used.push(after);
        }
    }
    let mut events: Vec<Event> = used
        .iter()
        .map(|asset| {
            Event::Maintenance(MaintenanceEvent::MeterRead {
                asset: asset.id,
                meters: asset.meters,
                by: by.into(),
                at: now,
            })
        })
        .collect();
    events.extend(due_orders(state, &used, now));
    events
}
