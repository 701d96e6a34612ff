//! A design version's lifetime score as the shells ask for it: gathers the version's field record,
//! repair times, first-pass yield and its checks' capability from the ledger's state, and hands
//! them to the pure arithmetic in `crate::score`.

use super::designs::selected;
use super::field::rollup;
use super::quality_summary::{first_pass_tasks, unit_yield};
use crate::Node;
use crate::score::{ScoreInputs, score};
use crate::views::design_score::DesignScoreView;
use prodos_core::design::{CheckKind, DesignSpec};
use prodos_core::orchestration::quality::series_chart;
use prodos_core::quality::{FieldKind, SeriesKey};
use prodos_core::{DesignId, DesignRef, DesignSelector, Rejection, State, Timestamp};

/// The score of one version (`DES-0001` means the latest), as of `now`: time in service runs to
/// today.
pub fn design_score(node: &Node, selector: DesignSelector, now: Timestamp) -> Result<DesignScoreView, Rejection> {
    node.read(|state| {
        let (design, _, version) = selected(state, selector)?;
        Ok(score_of(state, design, &version.spec, now))
    })
}

/// The score of every version of `design`, oldest first: the quality page's, whose charts span
/// them all.
pub fn design_scores(node: &Node, design: DesignId, now: Timestamp) -> Result<Vec<DesignScoreView>, Rejection> {
    node.read(|state| {
        let record = state
            .designs
            .get(design)
            .ok_or(Rejection::UnknownDesign { design: DesignSelector { design, version: None } })?;
        Ok(record
            .versions()
            .iter()
            .map(|version| score_of(state, DesignRef { design, version: version.version }, &version.spec, now))
            .collect())
    })
}

fn score_of(state: &State, design: DesignRef, spec: &DesignSpec, now: Timestamp) -> DesignScoreView {
    let tasks = first_pass_tasks(state, |inspection| inspection.design == design);
    let (units_inspected, units_first_pass) = unit_yield(&tasks);
    let repair_minutes = state
        .quality
        .field_reports()
        .iter()
        .filter(|report| report.design == design && report.kind == FieldKind::Failure)
        .filter_map(|report| report.repair_min)
        .collect();
    let inputs = ScoreInputs {
        design: design.to_string(),
        spec,
        field: rollup(state, design.design, design.version, now),
        repair_minutes,
        units_inspected,
        units_first_pass,
        measured_checks: measured_checks(spec).count(),
        worst_cpk: worst_cpk(state, design, spec),
    };
    score(&inputs)
}

fn measured_checks(spec: &DesignSpec) -> impl Iterator<Item = (&str, String)> {
    spec.operations.iter().flat_map(|operation| {
        operation
            .checks
            .iter()
            .filter(|check| check.kind == CheckKind::Measured)
            .map(|check| (operation.id.as_str(), check.key()))
    })
}

/// The lowest Cpk among the version's measured checks, each over this version's samples in its
/// chart's latest stage that holds them (a chart starts a stage at each version, and where a
/// quality engineer started one), with the stage's within-sigma; `None` while no check has one.
fn worst_cpk(state: &State, design: DesignRef, spec: &DesignSpec) -> Option<(String, f64)> {
    let mut worst: Option<(String, f64)> = None;
    for (operation, check) in measured_checks(spec) {
        let Some(limits) = spec.operation(operation).and_then(|op| op.check(&check)).map(|check| check.limits()) else {
            continue;
        };
        let series = SeriesKey { design: design.design, operation: operation.to_string(), check: check.clone() };
        let Ok(Some(chart)) = series_chart(state, &series) else { continue };
        let of_version = |index: usize| {
            chart
                .inspections
                .get(index)
                .and_then(|id| state.quality.inspection(*id))
                .is_some_and(|inspection| inspection.design == design)
        };
        let analysis = &chart.analysis;
        let Some(stage) = analysis.stages.iter().rev().find(|stage| (stage.start..stage.end).any(of_version)) else {
            continue;
        };
        let values: Vec<f64> = (stage.start..stage.end)
            .filter(|index| of_version(*index))
            .map(|index| analysis.points[index].value)
            .collect();
        let spec_limits = prodos_spc::SpecLimits { lower: limits.0, upper: limits.1 };
        let Some(cpk) = prodos_spc::capability(&values, stage.sigma_within, &spec_limits)
            .ok()
            .and_then(|capability| capability.cpk)
            .filter(|cpk| cpk.is_finite())
        else {
            continue;
        };
        if worst.as_ref().is_none_or(|(_, lowest)| cpk < *lowest) {
            worst = Some((format!("{operation}/{check}"), cpk));
        }
    }
    worst
}
