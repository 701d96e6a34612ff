//! Disposing of a nonconformance. A person qualified for the operation (certified in its skill at
//! its level, or a coordinator) and outside the crew chooses: rework (a rework task in the same
//! plan, under the same skill gate, its labor credited on verification), use as is (the reason
//! stays on the good's record), or scrap (the unit's consumed materials are written off with
//! their lots, provenance and cost; the unit's tasks stop and the plan reports the shortfall).

use super::labor_credits::verify_by;
use super::task_labor::require_outside_crew;
use super::task_work::{locate, skill_of};
use crate::event::Event;
use crate::ids::{NonconformanceId, TaskRef};
use crate::quality::{Disposition, DispositionChoice, NcrSubject, QualityEvent, WriteOff};
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;
use crate::units::Millicents;

/// A rework longer than a working week is a new build, not a rework.
pub const MAX_REWORK_MIN: i64 = 5 * 8 * 60;

pub fn dispose(
    state: &State,
    ncr: NonconformanceId,
    choice: &DispositionChoice,
    by: &str,
    now: Timestamp,
) -> Result<Vec<Event>, Rejection> {
    let record = state.quality.nonconformance(ncr).ok_or(Rejection::UnknownNonconformance { ncr })?;
    if let Some(disposed) = &record.disposed {
        return Err(Rejection::AlreadyDisposed {
            ncr,
            disposition: disposed.disposition.as_str().into(),
            by: disposed.by.clone(),
        });
    }
    let reason_of = |reason: &str| {
        let reason = reason.trim();
        if reason.is_empty() {
            Err(Rejection::FieldRequired { field: "reason".into() })
        } else {
            Ok(reason.to_string())
        }
    };
    let task = match &record.subject {
        NcrSubject::Unit { task, .. } => task,
        NcrSubject::Lot { lot, .. } => {
            let reason = match choice {
                DispositionChoice::UseAsIs { reason } | DispositionChoice::Scrap { reason } => reason_of(reason),
                DispositionChoice::Rework { .. } => Ok(String::new()),
            };
            return super::lot_inspection::dispose(state, ncr, *lot, choice, by, reason, now);
        }
    };
    let located = locate(state, task)?;
    require_outside_crew(state, &located.record, by, "dispose of a nonconformance on")?;
    if let Some((skill, level)) = skill_of(&located.operation) {
        let worker = located.record.worker.clone().unwrap_or_default();
        verify_by(state, &worker, by, skill, level, now)?;
    }
    let disposition = match choice {
        DispositionChoice::Rework { duration_min, note } => {
            let duration_min = duration_min.unwrap_or(located.operation.duration_min);
            if duration_min <= 0 {
                return Err(Rejection::CountMustBePositive { field: "duration_min".into(), value: duration_min });
            }
            if duration_min > MAX_REWORK_MIN {
                return Err(Rejection::InvalidField {
                    field: "duration_min".into(),
                    message: format!(
                        "{duration_min} min is more than a rework can take (at most {MAX_REWORK_MIN} min)"
                    ),
                });
            }
            let n = state.quality.reworks_of(task).count() as u32 + 1;
            Disposition::Rework { task: task.rework(n), duration_min, note: note.trim().to_string() }
        }
        DispositionChoice::UseAsIs { reason } => Disposition::UseAsIs { reason: reason_of(reason)? },
        DispositionChoice::Scrap { reason } => {
            let reason = reason_of(reason)?;
            let written_off = write_off(state, task);
            let cost =
                written_off.iter().fold(Millicents(0), |sum, line| Millicents(sum.0.saturating_add(line.cost.0)));
            Disposition::Scrap { reason, written_off, cost }
        }
    };
    let event = QualityEvent::NonconformanceDisposed { ncr, disposition, by: by.to_string(), at: now };
    Ok(vec![Event::Quality(event)])
}

/// Everything the unit's tasks (its reworks included) consumed, valued at each lot's cost.
fn write_off(state: &State, task: &TaskRef) -> Vec<WriteOff> {
    state
        .execution
        .touched_of(task.plan)
        .filter(|(other, _)| other.unit == task.unit)
        .flat_map(|(_, record)| record.consumed.iter())
        .map(|consumption| {
            let unit_cost = state.stock.lot(consumption.lot).map_or(Millicents(0), |lot| lot.unit_cost);
            WriteOff {
                lot: consumption.lot,
                material: consumption.material.clone(),
                qty: consumption.qty,
                provenance: consumption.provenance.clone(),
                cost: unit_cost.for_qty(consumption.qty),
            }
        })
        .collect()
}
