//! The quality area's commands, decided against plans, tasks, designs and people: an inspection
//! needs the task's status, crew and check; a disposition the operation's skill; a chart the
//! check's rules. Each step is its own file; this one routes and charts.

use crate::design::{CheckKind, DesignSpec, QualityCheck};
use crate::event::Event;
use crate::ids::DesignSelector;
use crate::quality::series::{ChartSettings, DEFAULT_RULES, SeriesChart, chart, last_stage_start};
use crate::quality::{QualityCommand, QualityEvent, SeriesKey};
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;

pub fn decide(state: &State, command: &QualityCommand, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    match command {
        QualityCommand::RecordInspection { .. } => super::inspection::record(state, command, now),
        QualityCommand::Dispose { ncr, disposition, by } => {
            super::nonconformance::dispose(state, *ncr, disposition, by, now)
        }
        QualityCommand::FreezeLimits { series, center, sigma, by } => {
            let check = series_check(state, series)?;
            let current = chart(&state.quality, series, &settings(check)).ok_or_else(|| Rejection::InvalidField {
                field: "series".into(),
                message: format!("{series} has fewer than two measurements: nothing to freeze yet"),
            })?;
            let (start, label) = last_stage_start(&state.quality, &current).unwrap_or((0, "stage 1".into()));
            let stage = current.analysis.stages.last();
            let center = center.or(stage.map(|stage| stage.main.center)).unwrap_or_default();
            let sigma = sigma.or(stage.map(|stage| stage.sigma_within)).unwrap_or_default();
            if !center.is_finite() {
                return Err(Rejection::InvalidField {
                    field: "center".into(),
                    message: format!("{center} is not a number"),
                });
            }
            if !sigma.is_finite() || sigma <= 0.0 {
                return Err(Rejection::InvalidField {
                    field: "sigma".into(),
                    message: format!("sigma must be a positive number, got {sigma}"),
                });
            }
            let event = QualityEvent::LimitsFrozen {
                series: series.clone(),
                start,
                label,
                center,
                sigma,
                by: by.clone(),
                at: now,
            };
            Ok(vec![Event::Quality(event)])
        }
        QualityCommand::ResolveReview { review, resolution, by } => {
            super::review::resolve(state, *review, resolution, by, now)
        }
        QualityCommand::CloseCapa { review, by } => super::review::close_capa(state, *review, by, now),
        QualityCommand::FileFieldReport { .. } => super::field_report::file(state, command, now),
        QualityCommand::SetIncomingInspection { material, plan, by } => {
            super::lot_inspection::set_plan(state, material, *plan, by, now)
        }
        QualityCommand::InspectLot { lot, lot_size, inspected, defective, by, note } => {
            let reading = super::lot_inspection::LotReading {
                lot: *lot,
                lot_size: *lot_size,
                inspected: *inspected,
                defective: *defective,
                by,
                note,
            };
            super::lot_inspection::inspect(state, &reading, now)
        }
        QualityCommand::StartStage { series, label, by } => {
            series_check(state, series)?;
            let label = label.trim();
            if label.is_empty() {
                return Err(Rejection::FieldRequired { field: "label".into() });
            }
            let event =
                QualityEvent::StageStarted { series: series.clone(), label: label.into(), by: by.clone(), at: now };
            Ok(vec![Event::Quality(event)])
        }
    }
}

/// The check a series charts, from the design's latest version that has it.
pub fn series_check<'a>(state: &'a State, series: &SeriesKey) -> Result<&'a QualityCheck, Rejection> {
    let unknown = Rejection::UnknownDesign { design: DesignSelector { design: series.design, version: None } };
    let record = state.designs.get(series.design).ok_or(unknown)?;
    record
        .versions()
        .iter()
        .rev()
        .find_map(|version| check_of(&version.spec, &series.operation, &series.check))
        .filter(|check| check.kind == CheckKind::Measured)
        .ok_or_else(|| Rejection::InvalidField {
            field: "check".into(),
            message: format!(
                "{} has no measured check `{}` in operation `{}`",
                series.design, series.check, series.operation
            ),
        })
}

fn check_of<'a>(spec: &'a DesignSpec, operation: &str, check: &str) -> Option<&'a QualityCheck> {
    spec.operation(operation)?.check(check)
}

/// How a check's chart is drawn: its rules (default Western Electric 1–4), baseline and samples.
pub fn settings(check: &QualityCheck) -> ChartSettings {
    let rules: Vec<_> = check.rules.iter().filter_map(|rule| prodos_spc::Rule::parse(rule)).collect();
    ChartSettings {
        rules: if rules.is_empty() { DEFAULT_RULES.to_vec() } else { rules },
        baseline: check
            .baseline
            .and_then(|baseline| usize::try_from(baseline).ok())
            .unwrap_or(crate::design::check::DEFAULT_BASELINE),
        samples: usize::try_from(check.samples).unwrap_or(1).max(1),
    }
}

/// A series' chart with its check's settings, for views.
pub fn series_chart(state: &State, series: &SeriesKey) -> Result<Option<SeriesChart>, Rejection> {
    let check = series_check(state, series)?;
    Ok(chart(&state.quality, series, &settings(check)))
}
