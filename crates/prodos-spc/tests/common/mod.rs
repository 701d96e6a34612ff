//! Shared helpers for the integration tests: a unit-sigma frozen chart makes hand-made series
//! easy to read (a value is its distance from the center in sigmas).

#![allow(dead_code)]

use prodos_spc::{Baseline, Chart, Rule, Signal, Stage, individuals};

/// One stage from 0 with frozen center 0 and sigma 1.
pub fn unit_stage() -> Vec<Stage> {
    vec![Stage::new(0, Baseline::Frozen { center: 0.0, sigma: 1.0 }, "unit")]
}

/// Signals on the individuals chart of `values` against the unit chart.
pub fn fired(values: &[f64], rules: &[Rule]) -> Vec<Signal> {
    let analysis = individuals(values, &unit_stage(), rules).expect("valid hand-made series");
    analysis.signals.into_iter().filter(|s| s.chart == Chart::Individuals).collect()
}

/// `(at, samples)` of the signals of one rule, in order.
pub fn of_rule(values: &[f64], rule: Rule) -> Vec<(usize, Vec<usize>)> {
    fired(values, &[rule]).into_iter().filter(|s| s.rule == rule).map(|s| (s.at, s.samples)).collect()
}

/// `n` copies of `x`.
pub fn repeat(x: f64, n: usize) -> Vec<f64> {
    vec![x; n]
}
