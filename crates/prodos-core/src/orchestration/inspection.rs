//! Recording an inspection and what it gates. A check falls due when its operation's task is
//! completed for a unit; the core judges the measurement, an out-of-tolerance result opens a
//! nonconformance in the same decision, and a measured check's chart is scanned with the new
//! sample so a rule that fires becomes a signal in the ledger. Verification waits until every
//! due check conforms, or its nonconformance was accepted as is.

use super::quality::settings;
use super::task_work::{Located, locate};
use crate::design::{CheckKind, QualityCheck};
use crate::event::Event;
use crate::execution::TaskStatus;
use crate::ids::TaskRef;
use crate::measure::{Conformity, Measurement};
use crate::people::qualification::require_participant;
use crate::quality::model::Context;
use crate::quality::series::{chart_with, shared_context};
use crate::quality::{Disposition, Inspection, QualityCommand, QualityEvent, SeriesKey, SignalRecord};
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;

pub fn record(state: &State, command: &QualityCommand, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let QualityCommand::RecordInspection { task, check, measurement, unit, by, instrument, note } = command else {
        return Ok(Vec::new());
    };
    if let Some(reworked) = task.reworked() {
        return Err(Rejection::InvalidField {
            field: "task".into(),
            message: format!("a rework task has no checks of its own: inspect {reworked} once {task} is verified"),
        });
    }
    let located = locate(state, task)?;
    require_not_scrapped(task, &located, "inspected")?;
    if located.record.status != TaskStatus::Done {
        return Err(Rejection::TaskWrongStatus {
            task: task.to_string(),
            status: located.record.status.as_str(),
            action: "inspect",
        });
    }
    let spec = find_check(&located, check.trim())?;
    if let Some(unit) = unit.as_deref().map(str::trim)
        && unit != spec.unit
    {
        let wanted =
            if spec.unit.is_empty() { "has no unit".to_string() } else { format!("is measured in {}", spec.unit) };
        return Err(Rejection::InvalidField {
            field: "unit".into(),
            message: format!("`{}` {wanted}, not in {unit}", spec.name),
        });
    }
    let conformity =
        spec.judge(measurement).map_err(|(field, message)| Rejection::InvalidField { field: field.into(), message })?;
    require_participant(&state.people, "by", by)?;
    if spec.independent && located.record.crew.iter().any(|member| member == by) {
        return Err(Rejection::IndependentCheck {
            check: spec.name.clone(),
            task: task.to_string(),
            handle: by.clone(),
        });
    }
    for order in state.quality.reworks_of(task) {
        let status = state.execution.task(&order.task).status;
        if status != TaskStatus::Verified {
            return Err(Rejection::QualityOutstanding {
                task: task.to_string(),
                action: "inspected",
                message: format!(
                    "its rework {} is {}; re-inspect once the rework is verified",
                    order.task,
                    status.as_str()
                ),
            });
        }
    }
    let key = spec.key();
    if let Some(latest) = state.quality.latest(task, &key)
        && let Some(ncr) = state.quality.opened_by(latest.id)
        && ncr.disposed.is_none()
    {
        return Err(Rejection::QualityOutstanding {
            task: task.to_string(),
            action: "inspected",
            message: format!("{} on `{}` awaits a disposition (`prodos ncr dispose {}`)", ncr.id, spec.name, ncr.id),
        });
    }
    let mut lots: Vec<_> = located.record.consumed.iter().map(|consumption| consumption.lot).collect();
    lots.dedup();
    let inspection = Inspection {
        id: state.quality.next_inspection(),
        task: task.clone(),
        design: located.plan.proposal.design,
        series: SeriesKey {
            design: located.plan.proposal.design.design,
            operation: task.operation.clone(),
            check: key,
        },
        measurement: measurement.clone(),
        conformity,
        by: by.clone(),
        at: now,
        instrument: instrument.as_deref().map(str::trim).filter(|text| !text.is_empty()).map(str::to_string),
        note: note.trim().to_string(),
        context: Context { crew: located.record.crew.clone(), tools: located.operation.tools.clone(), lots },
    };
    let mut events = vec![Event::Quality(QualityEvent::InspectionRecorded { inspection: inspection.clone() })];
    if conformity == Conformity::OutOfTolerance {
        events.push(Event::Quality(QualityEvent::NonconformanceOpened {
            ncr: state.quality.next_nonconformance(),
            inspection: inspection.id,
            task: task.clone(),
            summary: format!("`{}` {}, spec {}", spec.name, measured_text(measurement, &spec.unit), spec.spec_text()),
            at: now,
        }));
    }
    if spec.kind == CheckKind::Measured {
        events.extend(new_signals(state, spec, &inspection, now).into_iter().map(Event::Quality));
    }
    let raised =
        events.iter().filter(|event| matches!(event, Event::Quality(QualityEvent::ReviewRaised { .. }))).count();
    let next = crate::ids::ReviewId(state.quality.next_review().0 + raised as u32);
    events.extend(super::review::raised_by_yield(state, &inspection, next).map(Event::Quality));
    Ok(events)
}

/// The signals that fire at the new sample (a run already signalled and still holding is the
/// same signal, not a new one).
fn new_signals(state: &State, spec: &QualityCheck, inspection: &Inspection, now: Timestamp) -> Vec<QualityEvent> {
    let Some(chart) = chart_with(&state.quality, &inspection.series, &settings(spec), inspection) else {
        return Vec::new();
    };
    let last = chart.inspections.len() - 1;
    let find = |id| if id == inspection.id { Some(inspection) } else { state.quality.inspection(id) };
    let mut next = state.quality.next_signal();
    let mut events = Vec::new();
    let mut review_raised = false;
    for signal in chart.analysis.signals.iter().filter(|signal| signal.at == last) {
        let samples: Vec<_> = signal.samples.iter().map(|index| chart.inspections[*index]).collect();
        let shared = shared_context(samples.iter().filter_map(|id| find(*id)));
        let record = SignalRecord {
            id: next,
            series: inspection.series.clone(),
            rule: signal.rule.name().to_string(),
            chart: chart_name(signal.chart).to_string(),
            samples,
            shared,
            at: now,
        };
        next.0 += 1;
        // The first signal of a version's check opens its design review; later ones while it is
        // open are evidence already on the chart.
        let review = if review_raised {
            None
        } else {
            super::review::raised_by(state, inspection.design, &record, state.quality.next_review())
        };
        events.push(QualityEvent::SignalRaised { signal: record });
        if let Some(review) = review {
            review_raised = true;
            events.push(review);
        }
    }
    events
}

pub fn chart_name(chart: prodos_spc::Chart) -> &'static str {
    match chart {
        prodos_spc::Chart::Individuals => "individuals",
        prodos_spc::Chart::MovingRange => "moving range",
        prodos_spc::Chart::Mean => "mean",
        prodos_spc::Chart::Range => "range",
    }
}

fn measured_text(measurement: &Measurement, unit: &str) -> String {
    match measurement {
        Measurement::Attribute { passed: true } => "passed".into(),
        Measurement::Attribute { passed: false } => "failed".into(),
        Measurement::Values(values) => {
            let values: Vec<String> = values.iter().map(|value| value.to_string()).collect();
            format!("measured {} {unit}", values.join(", "))
        }
    }
}

fn find_check<'a>(located: &'a Located<'_>, key: &str) -> Result<&'a QualityCheck, Rejection> {
    located.operation.check(key).ok_or_else(|| {
        let known: Vec<String> = located.operation.checks.iter().map(QualityCheck::key).collect();
        let message = if known.is_empty() {
            format!("operation `{}` has no quality checks", located.operation.id)
        } else {
            format!("operation `{}` has no check `{key}`; its checks: {}", located.operation.id, known.join(", "))
        };
        Rejection::InvalidField { field: "check".into(), message }
    })
}

pub(crate) fn require_not_scrapped(
    task: &TaskRef,
    located: &Located<'_>,
    action: &'static str,
) -> Result<(), Rejection> {
    match located.scrapped {
        Some(ncr) => Err(Rejection::QualityOutstanding {
            task: task.to_string(),
            action,
            message: format!("unit {} was scrapped ({ncr})", task.unit),
        }),
        None => Ok(()),
    }
}

/// Verification waits for every due check: recorded, and conforming or accepted as is. Rework
/// tasks have no checks of their own.
pub(crate) fn require_checks_cleared(state: &State, task: &TaskRef, located: &Located<'_>) -> Result<(), Rejection> {
    require_not_scrapped(task, located, "verified")?;
    let outstanding =
        |message: String| Rejection::QualityOutstanding { task: task.to_string(), action: "verified", message };
    for check in &located.operation.checks {
        let key = check.key();
        let Some(latest) = state.quality.latest(task, &key) else {
            return Err(outstanding(format!(
                "check `{}` is due: record it with `prodos inspect record {task} --check {key} …`",
                check.name
            )));
        };
        if latest.conformity == Conformity::InTolerance {
            continue;
        }
        let ncr = state.quality.opened_by(latest.id);
        match ncr.and_then(|ncr| ncr.disposed.as_ref().map(|disposed| (ncr.id, &disposed.disposition))) {
            Some((_, Disposition::UseAsIs { .. })) => {}
            Some((ncr, Disposition::Rework { task: rework, .. })) => {
                return Err(outstanding(format!(
                    "`{}` was out of tolerance ({ncr}): finish rework {rework}, then re-inspect",
                    check.name
                )));
            }
            Some((ncr, Disposition::Scrap { .. })) => return Err(outstanding(format!("{ncr} scrapped the unit"))),
            None => {
                let named = ncr.map_or_else(|| latest.id.to_string(), |ncr| ncr.id.to_string());
                return Err(outstanding(format!(
                    "`{}` is out of tolerance and {named} awaits a disposition",
                    check.name
                )));
            }
        }
    }
    Ok(())
}
