//! A check's series as a control chart: the measured inspections of one (design, operation,
//! check) in recorded order, split into stages (one per design version, plus those a quality
//! engineer starts), each with limits from its baseline or frozen, scanned with the check's rules.
//! Both the decision that raises signals and the `spc show` view chart through here.

use super::model::{Context, Inspection, Quality, SeriesKey};
use crate::ids::InspectionId;
use crate::measure::Measurement;
use prodos_spc::{Analysis, Baseline, Rule, Stage};
use std::collections::BTreeMap;

/// How a check wants its chart drawn, from the design (the quality area does not read designs).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSettings {
    pub rules: Vec<Rule>,
    /// First samples of a stage that set its limits.
    pub baseline: usize,
    /// Measurements per unit: 1 draws I–MR, more draw X̄–R.
    pub samples: usize,
}

/// The default rules: Western Electric 1–4 (Nelson 1, 5, 6 and eight in a row on one side).
pub const DEFAULT_RULES: [Rule; 4] = [Rule::Nelson1, Rule::Nelson5, Rule::Nelson6, Rule::WesternElectric4];

/// A charted series: the analysis and, per point, the inspection it plots.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesChart {
    pub key: SeriesKey,
    pub inspections: Vec<InspectionId>,
    pub analysis: Analysis,
}

/// Charts a series, or `None` while it has fewer than two usable samples (no limits yet).
pub fn chart(quality: &Quality, key: &SeriesKey, settings: &ChartSettings) -> Option<SeriesChart> {
    chart_of(quality, key, settings, quality.series(key).collect())
}

/// Charts a series with one more inspection not yet recorded, as the decision that records it
/// sees the series.
pub fn chart_with(
    quality: &Quality,
    key: &SeriesKey,
    settings: &ChartSettings,
    next: &Inspection,
) -> Option<SeriesChart> {
    let mut inspections: Vec<&Inspection> = quality.series(key).collect();
    inspections.push(next);
    chart_of(quality, key, settings, inspections)
}

fn chart_of(
    quality: &Quality,
    key: &SeriesKey,
    settings: &ChartSettings,
    all: Vec<&Inspection>,
) -> Option<SeriesChart> {
    // Only measured results of the check's current sample count chart; a stage mark counts the
    // series' samples before it, so marks are mapped through the kept positions.
    let kept: Vec<(usize, &Inspection, &Vec<f64>)> = all
        .iter()
        .enumerate()
        .filter_map(|(position, inspection)| match &inspection.measurement {
            Measurement::Values(values) if values.len() == settings.samples.max(1) => {
                Some((position, *inspection, values))
            }
            _ => None,
        })
        .collect();
    if kept.len() < 2 {
        return None;
    }
    let stages = stages(quality, key, settings, &kept);
    let analysis = if settings.samples <= 1 {
        let values: Vec<f64> = kept.iter().map(|(_, _, values)| values[0]).collect();
        prodos_spc::individuals(&values, &stages, &settings.rules).ok()?
    } else {
        let subgroups: Vec<Vec<f64>> = kept.iter().map(|(_, _, values)| (*values).clone()).collect();
        prodos_spc::xbar_r(&subgroups, &stages, &settings.rules).ok()?
    };
    let inspections = kept.iter().map(|(_, inspection, _)| inspection.id).collect();
    Some(SeriesChart { key: key.clone(), inspections, analysis })
}

/// Stage boundaries: each new design version, and each stage a quality engineer started or
/// froze (a mark counts the series' samples before it). A stage without frozen limits needs two
/// samples before it has limits of its own; until then its samples are judged against the stage
/// before.
fn stages(
    quality: &Quality,
    key: &SeriesKey,
    settings: &ChartSettings,
    kept: &[(usize, &Inspection, &Vec<f64>)],
) -> Vec<Stage> {
    let version_label = |index: usize| format!("v{}", kept[index].1.design.version);
    let mut boundaries: BTreeMap<usize, (String, Option<(f64, f64)>)> = BTreeMap::new();
    boundaries.insert(0, (version_label(0), None));
    for index in 1..kept.len() {
        if kept[index - 1].1.design.version != kept[index].1.design.version {
            boundaries.insert(index, (version_label(index), None));
        }
    }
    for mark in quality.stage_marks(key) {
        if let Some(index) = kept.iter().position(|(position, ..)| *position >= mark.start) {
            boundaries.insert(index, (mark.label.clone(), mark.frozen));
        }
    }
    let starts: Vec<_> = boundaries.into_iter().collect();
    let mut stages: Vec<Stage> = Vec::new();
    for (i, (start, (label, frozen))) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(kept.len(), |next| next.0);
        let baseline = match frozen {
            Some((center, sigma)) => Baseline::Frozen { center: *center, sigma: *sigma },
            None if end - start < 2 && !stages.is_empty() => continue,
            None => Baseline::First(settings.baseline.max(2)),
        };
        stages.push(Stage::new(*start, baseline, label.clone()));
    }
    stages
}

/// The series position (count of the series' samples before it) where a chart's last stage
/// begins: where a freeze applies.
pub fn last_stage_start(quality: &Quality, chart: &SeriesChart) -> Option<(usize, String)> {
    let stage = chart.analysis.stages.last()?;
    let first = chart.inspections.get(stage.start)?;
    let position = quality.series(&chart.key).position(|inspection| inspection.id == *first)?;
    Some((position, stage.label.clone()))
}

/// What every inspection among `samples` shares: the same person, tool or lot behind a run of
/// points is the first place to look for its cause.
pub fn shared_context<'a>(samples: impl IntoIterator<Item = &'a Inspection>) -> Context {
    let mut samples = samples.into_iter();
    let Some(first) = samples.next() else { return Context::default() };
    let mut shared = first.context.clone();
    for inspection in samples {
        shared.crew.retain(|member| inspection.context.crew.contains(member));
        shared.tools.retain(|tool| inspection.context.tools.contains(tool));
        shared.lots.retain(|lot| inspection.context.lots.contains(lot));
    }
    shared
}
