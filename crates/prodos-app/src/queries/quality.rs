//! The quality questions the shells share: inspections by task or plan, nonconformances, and a
//! check's control chart with its signals and capability (`prodos spc show`, the quality page).

use crate::Node;
use crate::views::quality::{
    CapabilityView, ChartPointView, ChartStageView, InspectionView, NonconformanceView, SignalView, SpcView,
};
use prodos_core::execution::TaskRef;
use prodos_core::orchestration::quality::{series_chart, series_check, settings};
use prodos_core::quality::SeriesKey;
use prodos_core::{DesignId, DesignSelector, NonconformanceId, PlanId, Rejection, State};

/// Which inspections to list; every field narrows the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InspectionFilter {
    pub task: Option<TaskRef>,
    pub plan: Option<PlanId>,
}

/// Inspections in the order they were recorded.
pub fn inspections(node: &Node, filter: &InspectionFilter) -> Result<Vec<InspectionView>, Rejection> {
    node.read(|state| {
        if let Some(plan) = filter.plan
            && state.plans.plan(plan).is_none()
        {
            return Err(Rejection::UnknownPlan { plan });
        }
        Ok(state
            .quality
            .inspections()
            .iter()
            .filter(|inspection| filter.task.as_ref().is_none_or(|task| *task == inspection.task))
            .filter(|inspection| filter.plan.is_none_or(|plan| plan == inspection.task.plan))
            .map(|inspection| InspectionView::of(state, inspection))
            .collect())
    })
}

/// Nonconformances, oldest first; `open_only` keeps those awaiting a disposition.
pub fn nonconformances(node: &Node, open_only: bool) -> Vec<NonconformanceView> {
    node.read(|state| {
        state
            .quality
            .nonconformances()
            .iter()
            .filter(|ncr| !open_only || ncr.disposed.is_none())
            .map(|ncr| NonconformanceView::of(state, ncr))
            .collect()
    })
}

pub fn nonconformance(node: &Node, ncr: NonconformanceId) -> Result<NonconformanceView, Rejection> {
    node.read(|state| {
        let record = state.quality.nonconformance(ncr).ok_or(Rejection::UnknownNonconformance { ncr })?;
        Ok(NonconformanceView::of(state, record))
    })
}

/// A check's chart. `check` is its id or name; `operation` is needed only when two operations
/// of the design have a check of that id.
pub fn spc(node: &Node, design: DesignId, check: &str, operation: Option<&str>) -> Result<SpcView, Rejection> {
    node.read(|state| {
        let series = find_series(state, design, check, operation)?;
        spc_of(state, &series)
    })
}

/// The series keys of a design's measured checks, in build order, for its quality page.
pub fn design_series(node: &Node, design: DesignId) -> Result<Vec<SeriesKey>, Rejection> {
    node.read(|state| {
        let record = state
            .designs
            .get(design)
            .ok_or(Rejection::UnknownDesign { design: DesignSelector { design, version: None } })?;
        let spec = &record.latest().spec;
        Ok(spec
            .operations
            .iter()
            .flat_map(|operation| {
                operation
                    .checks
                    .iter()
                    .filter(|check| check.kind == prodos_core::design::CheckKind::Measured)
                    .map(|check| SeriesKey { design, operation: operation.id.clone(), check: check.key() })
            })
            .collect())
    })
}

fn find_series(state: &State, design: DesignId, check: &str, operation: Option<&str>) -> Result<SeriesKey, Rejection> {
    let record = state
        .designs
        .get(design)
        .ok_or(Rejection::UnknownDesign { design: DesignSelector { design, version: None } })?;
    let mut found: Vec<SeriesKey> = Vec::new();
    for version in record.versions().iter().rev() {
        for op in version.spec.operations.iter().filter(|op| operation.is_none_or(|wanted| wanted == op.id)) {
            if let Some(spec) = op.check(check) {
                let key = SeriesKey { design, operation: op.id.clone(), check: spec.key() };
                if !found.contains(&key) {
                    found.push(key);
                }
            }
        }
    }
    match found.len() {
        0 => Err(Rejection::InvalidField {
            field: "check".into(),
            message: format!(
                "{design} has no check `{check}`{}",
                operation.map(|op| format!(" in `{op}`")).unwrap_or_default()
            ),
        }),
        1 => Ok(found.remove(0)),
        _ => Err(Rejection::InvalidField {
            field: "operation".into(),
            message: format!(
                "`{check}` is a check of several operations ({}): name one with --operation",
                found.iter().map(|key| key.operation.as_str()).collect::<Vec<_>>().join(", ")
            ),
        }),
    }
}

pub fn spc_of(state: &State, series: &SeriesKey) -> Result<SpcView, Rejection> {
    let check = series_check(state, series)?;
    let settings = settings(check);
    let (lower_spec, upper_spec) = check.limits();
    let signals: Vec<_> = state.quality.signals().iter().filter(|signal| signal.series == *series).collect();
    let mut view = SpcView {
        design: series.design.to_string(),
        operation: series.operation.clone(),
        check: series.check.clone(),
        check_name: check.name.clone(),
        spec: check.spec_text(),
        unit: check.unit.clone(),
        lower_spec,
        upper_spec,
        chart: if settings.samples > 1 { "mean".into() } else { "individuals".into() },
        rules: settings.rules.iter().map(|rule| rule.name().to_string()).collect(),
        points: Vec::new(),
        stages: Vec::new(),
        signals: signals.iter().map(|signal| SignalView::of(signal)).collect(),
        capability: None,
    };
    let Some(chart) = series_chart(state, series)? else { return Ok(view) };
    let analysis = &chart.analysis;
    view.points = analysis
        .points
        .iter()
        .map(|point| {
            let inspection = chart.inspections[point.index];
            ChartPointView {
                inspection: inspection.to_string(),
                value: point.value,
                range: analysis.ranges.get(point.index).copied().flatten(),
                stage: point.stage,
                signalled: signals
                    .iter()
                    .filter(|signal| signal.samples.contains(&inspection))
                    .map(|signal| signal.rule.clone())
                    .collect(),
            }
        })
        .collect();
    view.stages = analysis
        .stages
        .iter()
        .map(|stage| ChartStageView {
            label: stage.label.clone(),
            start: stage.start,
            end: stage.end,
            frozen: stage.frozen,
            baseline_points: stage.baseline_points,
            center: stage.main.center,
            sigma: stage.main.sigma,
            lcl: stage.main.lcl,
            ucl: stage.main.ucl,
            range_center: stage.range.center,
            range_ucl: stage.range.ucl,
        })
        .collect();
    if let Some(stage) = analysis.stages.last() {
        let values: Vec<f64> = analysis.points[stage.start..stage.end].iter().map(|point| point.value).collect();
        let limits = prodos_spc::SpecLimits { lower: lower_spec, upper: upper_spec };
        view.capability =
            prodos_spc::capability(&values, stage.sigma_within, &limits).ok().map(|capability| CapabilityView {
                cp: capability.cp,
                cpk: capability.cpk,
                pp: capability.pp,
                ppk: capability.ppk,
                band: capability.band.map(|band| match band {
                    prodos_spc::CapabilityBand::Capable => "capable",
                    prodos_spc::CapabilityBand::Marginal => "marginal",
                    prodos_spc::CapabilityBand::NotCapable => "not capable",
                }),
                mean: capability.mean,
                sigma_within: capability.sigma_within,
                sigma_overall: capability.sigma_overall,
            });
    }
    Ok(view)
}

/// Design reviews, oldest first: of one design when named, only open ones when asked.
pub fn reviews(node: &Node, design: Option<DesignId>, open_only: bool) -> Vec<crate::views::review::ReviewView> {
    node.read(|state| {
        state
            .quality
            .reviews()
            .iter()
            .filter(|review| design.is_none_or(|design| review.flag.design.design == design))
            .filter(|review| !open_only || review.is_open())
            .map(|review| crate::views::review::ReviewView::of(state, review))
            .collect()
    })
}

pub fn review(node: &Node, review: prodos_core::ReviewId) -> Result<crate::views::review::ReviewView, Rejection> {
    node.read(|state| {
        let found = state.quality.review(review).ok_or(Rejection::UnknownReview { review })?;
        Ok(crate::views::review::ReviewView::of(state, found))
    })
}

/// Every measured check's chart of a design, in build order: its quality page.
pub fn design_charts(node: &Node, design: DesignId) -> Result<Vec<SpcView>, Rejection> {
    let series = design_series(node, design)?;
    node.read(|state| series.iter().map(|key| spc_of(state, key)).collect())
}

/// The nonconformances of a design's tasks, oldest first.
pub fn design_nonconformances(node: &Node, design: DesignId) -> Vec<NonconformanceView> {
    node.read(|state| {
        state
            .quality
            .nonconformances()
            .iter()
            .filter(|ncr| {
                ncr.task()
                    .and_then(|task| state.plans.plan(task.plan))
                    .is_some_and(|plan| plan.proposal.design.design == design)
            })
            .map(|ncr| NonconformanceView::of(state, ncr))
            .collect()
    })
}
