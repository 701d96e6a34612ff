//! Stages of a series (before and after a process change) and where each stage's limits come
//! from; validated once here so the chart code can trust every span it is given.

use serde::{Deserialize, Serialize};

use crate::error::SpcError;

/// Where a stage's limits come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Baseline {
    /// Computed from the first `n` points of the stage (all of them when the stage is shorter).
    First(usize),
    /// Validated limits frozen by a quality engineer: never recomputed from new samples.
    /// `sigma` is the process (within) sigma of one individual value, for both chart kinds.
    Frozen { center: f64, sigma: f64 },
}

/// One stage of a series: starts at point `start` (an index into the series) and runs to the
/// next stage's start, with its own baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub start: usize,
    pub baseline: Baseline,
    pub label: String,
}

impl Stage {
    pub fn new(start: usize, baseline: Baseline, label: impl Into<String>) -> Self {
        Stage { start, baseline, label: label.into() }
    }
}

/// A validated stage with its end (exclusive).
pub(crate) struct Span<'a> {
    pub stage: &'a Stage,
    pub start: usize,
    pub end: usize,
}

/// The single stage used when the caller gives none: everything, limits from everything.
pub(crate) fn whole_series() -> Stage {
    Stage::new(0, Baseline::First(usize::MAX), "all")
}

/// Checks the stages cover `0..len` in order and pairs each with its end.
pub(crate) fn spans(stages: &[Stage], len: usize) -> Result<Vec<Span<'_>>, SpcError> {
    let mut spans: Vec<Span<'_>> = Vec::with_capacity(stages.len());
    for (i, stage) in stages.iter().enumerate() {
        match spans.last_mut() {
            None if stage.start != 0 => {
                return Err(SpcError::FirstStageNotAtZero { label: stage.label.clone(), start: stage.start });
            }
            Some(previous) if stage.start <= previous.start => {
                return Err(SpcError::StagesNotIncreasing {
                    stage: i,
                    label: stage.label.clone(),
                    start: stage.start,
                    previous: previous.start,
                });
            }
            Some(previous) => previous.end = stage.start,
            None => {}
        }
        if stage.start >= len {
            return Err(SpcError::StageBeyondData { stage: i, label: stage.label.clone(), start: stage.start, len });
        }
        spans.push(Span { stage, start: stage.start, end: len });
    }
    Ok(spans)
}

/// How many points of a `First` baseline are usable, or the error naming the stage.
pub(crate) fn baseline_len(span: &Span<'_>, wanted: usize) -> Result<usize, SpcError> {
    const NEEDED: usize = 2;
    let available = wanted.min(span.end - span.start);
    if available < NEEDED {
        return Err(SpcError::TooFewBaselinePoints { label: span.stage.label.clone(), available, needed: NEEDED });
    }
    Ok(available)
}

/// The frozen center and sigma, if usable.
pub(crate) fn frozen(span: &Span<'_>, center: f64, sigma: f64) -> Result<(f64, f64), SpcError> {
    if center.is_finite() && sigma.is_finite() && sigma >= 0.0 {
        Ok((center, sigma))
    } else {
        Err(SpcError::InvalidFrozenBaseline { label: span.stage.label.clone() })
    }
}
