//! The analysis entry points: I–MR and X̄–R charts of a staged series, with everything a caller
//! needs to draw them (points, per-stage limits and zones, ranges, signals).

use serde::{Deserialize, Serialize};

use crate::detect::{self, Signal};
use crate::error::SpcError;
use crate::limits::{self, Limits};
use crate::rules::{Chart, Rule};
use crate::stage::{self, Baseline, Span, Stage};

/// One plotted point of the main chart (an individual value or a subgroup mean).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub index: usize,
    pub value: f64,
    /// Index into [`Analysis::stages`].
    pub stage: usize,
    /// The main-chart limits of the point's stage, repeated so a point can be drawn alone.
    pub limits: Limits,
}

/// The limits of one stage, for drawing its center line, zones and control limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageLimits {
    pub label: String,
    pub start: usize,
    /// One past the stage's last point.
    pub end: usize,
    /// True when the limits were frozen, false when computed from the stage's first points.
    pub frozen: bool,
    /// How many points the limits were computed from (0 when frozen).
    pub baseline_points: usize,
    /// Individuals or X̄ chart.
    pub main: Limits,
    /// Moving-range or range chart.
    pub range: Limits,
    /// Process sigma of one individual value (MR̄/d2 or R̄/d2), for capability.
    pub sigma_within: f64,
}

/// The result of charting a series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub main_chart: Chart,
    pub range_chart: Chart,
    pub points: Vec<Point>,
    pub stages: Vec<StageLimits>,
    /// Moving range (I–MR) or subgroup range (X̄–R) per point; `None` at the first point of
    /// each I–MR stage, since a moving range never spans a stage boundary.
    pub ranges: Vec<Option<f64>>,
    /// Sorted by `at`, then chart, then rule.
    pub signals: Vec<Signal>,
    /// Sigma within of the last stage: the current process, for capability.
    pub sigma_within: f64,
}

/// Individuals and moving-range (I–MR) chart of `values`. No `stages` means one stage with
/// limits from all points. `rules` apply to the individuals chart; the moving-range chart only
/// ever gets rule 1, and only when it is among `rules`.
pub fn individuals(values: &[f64], stages: &[Stage], rules: &[Rule]) -> Result<Analysis, SpcError> {
    if values.is_empty() {
        return Err(SpcError::NoData);
    }
    if let Some(index) = values.iter().position(|x| !x.is_finite()) {
        return Err(SpcError::NonFinite { index });
    }
    let whole = [stage::whole_series()];
    let spans = stage::spans(if stages.is_empty() { &whole } else { stages }, values.len())?;
    let mut ranges = vec![None; values.len()];
    for span in &spans {
        for i in span.start + 1..span.end {
            ranges[i] = Some((values[i] - values[i - 1]).abs());
        }
    }
    let mut limits = Vec::with_capacity(spans.len());
    for span in &spans {
        let (center, sigma, mr_bar, used) = match span.stage.baseline {
            Baseline::First(wanted) => {
                let used = stage::baseline_len(span, wanted)?;
                let center = mean(values[span.start..span.start + used].iter().copied());
                // The baseline's moving ranges: the `used - 1` after its first point.
                let mr_bar = mean(ranges[span.start + 1..span.start + used].iter().flatten().copied());
                (center, mr_bar / limits::MR.d2, mr_bar, used)
            }
            Baseline::Frozen { center, sigma } => {
                let (center, sigma) = stage::frozen(span, center, sigma)?;
                (center, sigma, limits::MR.d2 * sigma, 0)
            }
        };
        let (main, range) = limits::individuals(center, sigma, mr_bar)
            .ok_or_else(|| SpcError::LimitsNotFinite { label: span.stage.label.clone() })?;
        limits.push(stage_limits(span, used, main, range, sigma));
    }
    Ok(assemble(Chart::Individuals, Chart::MovingRange, values.to_vec(), ranges, &spans, limits, rules))
}

/// X̄–R chart of equal-size `subgroups` (2 to 10 values each). Stages index subgroups. `rules`
/// apply to the X̄ chart; the R chart only ever gets rule 1, and only when it is among `rules`.
pub fn xbar_r(subgroups: &[Vec<f64>], stages: &[Stage], rules: &[Rule]) -> Result<Analysis, SpcError> {
    let size = subgroups.first().ok_or(SpcError::NoData)?.len();
    let constants = limits::constants(size).ok_or(SpcError::UnsupportedSubgroupSize { subgroup: 0, size })?;
    let mut means = Vec::with_capacity(subgroups.len());
    let mut ranges = Vec::with_capacity(subgroups.len());
    for (subgroup, group) in subgroups.iter().enumerate() {
        if group.len() != size {
            return Err(SpcError::SubgroupSizeMismatch { subgroup, size: group.len(), expected: size });
        }
        if let Some(position) = group.iter().position(|x| !x.is_finite()) {
            return Err(SpcError::NonFiniteInSubgroup { subgroup, position });
        }
        let (low, high) = group.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &x| (l.min(x), h.max(x)));
        means.push(mean(group.iter().copied()));
        ranges.push(Some(high - low));
    }
    let whole = [stage::whole_series()];
    let spans = stage::spans(if stages.is_empty() { &whole } else { stages }, subgroups.len())?;
    let mut limits = Vec::with_capacity(spans.len());
    for span in &spans {
        let (center, r_bar, sigma_within, used) = match span.stage.baseline {
            Baseline::First(wanted) => {
                let used = stage::baseline_len(span, wanted)?;
                let center = mean(means[span.start..span.start + used].iter().copied());
                let r_bar = mean(ranges[span.start..span.start + used].iter().flatten().copied());
                (center, r_bar, r_bar / constants.d2, used)
            }
            Baseline::Frozen { center, sigma } => {
                let (center, sigma) = stage::frozen(span, center, sigma)?;
                // R̄ implied by the frozen sigma, so frozen limits use the same A2·R̄ formula.
                (center, constants.d2 * sigma, sigma, 0)
            }
        };
        let (main, range) = limits::xbar_r(center, r_bar, sigma_within, &constants)
            .ok_or_else(|| SpcError::LimitsNotFinite { label: span.stage.label.clone() })?;
        limits.push(stage_limits(span, used, main, range, sigma_within));
    }
    Ok(assemble(Chart::Mean, Chart::Range, means, ranges, &spans, limits, rules))
}

fn stage_limits(span: &Span<'_>, used: usize, main: Limits, range: Limits, sigma_within: f64) -> StageLimits {
    StageLimits {
        label: span.stage.label.clone(),
        start: span.start,
        end: span.end,
        frozen: matches!(span.stage.baseline, Baseline::Frozen { .. }),
        baseline_points: used,
        main,
        range,
        sigma_within,
    }
}

/// Runs the rules stage by stage and lays out the result.
fn assemble(
    main_chart: Chart,
    range_chart: Chart,
    values: Vec<f64>,
    ranges: Vec<Option<f64>>,
    spans: &[Span<'_>],
    stages: Vec<StageLimits>,
    rules: &[Rule],
) -> Analysis {
    let mut rules = rules.to_vec();
    rules.sort();
    rules.dedup();
    let mut signals = Vec::new();
    for (span, limits) in spans.iter().zip(&stages) {
        let (start, end) = (span.start, span.end);
        detect::scan(&values[start..end], start, &limits.main, &rules, main_chart, &mut signals);
        if rules.contains(&Rule::Nelson1) {
            detect::scan_range(&ranges[start..end], start, &limits.range, range_chart, &mut signals);
        }
    }
    signals.sort_by_key(|s| (s.at, s.chart, s.rule));
    let mut points = Vec::with_capacity(values.len());
    for (stage, limits) in stages.iter().enumerate() {
        let stage_values = values[limits.start..limits.end].iter();
        points.extend(stage_values.enumerate().map(|(i, &value)| Point {
            index: limits.start + i,
            value,
            stage,
            limits: limits.main,
        }));
    }
    let sigma_within = stages.last().map_or(0.0, |s| s.sigma_within);
    Analysis { main_chart, range_chart, points, stages, ranges, signals, sigma_within }
}

/// Arithmetic mean; callers never pass an empty sequence (baselines have at least 2 points).
fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}
