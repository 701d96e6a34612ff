//! Stages: each has its own limits, no run or moving range crosses a boundary, frozen limits
//! are never recomputed, and the range charts only ever get rule 1.

mod common;

use common::repeat;
use prodos_spc::{Baseline, Chart, Rule, Stage, individuals, xbar_r};

fn frozen(start: usize, label: &str) -> Stage {
    Stage::new(start, Baseline::Frozen { center: 0.0, sigma: 1.0 }, label)
}

#[test]
fn each_stage_has_its_own_limits_and_moving_ranges_stop_at_boundaries() {
    // Stage A: 10, 12, 10, … (mean 11, every MR 2). Stage B: 20, 21, … (mean 20.5, every MR 1).
    let mut values: Vec<f64> = (0..10).map(|i| if i % 2 == 0 { 10.0 } else { 12.0 }).collect();
    values.extend((0..10).map(|i| if i % 2 == 0 { 20.0 } else { 21.0 }));
    let stages = [Stage::new(0, Baseline::First(10), "before"), Stage::new(10, Baseline::First(10), "after")];
    let a = individuals(&values, &stages, &[]).unwrap();
    let (before, after) = (&a.stages[0], &a.stages[1]);
    assert_eq!((before.start, before.end, after.start, after.end), (0, 10, 10, 20));
    assert_eq!((before.main.center, after.main.center), (11.0, 20.5));
    // The jump 12 → 20 is not a moving range of stage B: MR̄ is exactly 1, not (8 + 9)/10.
    assert_eq!((before.range.center, after.range.center), (2.0, 1.0));
    assert_eq!(a.ranges[0], None);
    assert_eq!(a.ranges[10], None);
    assert_eq!(a.ranges[11], Some(1.0));
    assert!((after.main.sigma - 1.0 / 1.128).abs() < 1e-12);
    assert_eq!(a.sigma_within, after.sigma_within);
    assert!(a.points[..10].iter().all(|p| p.stage == 0 && p.limits == before.main));
    assert!(a.points[10..].iter().all(|p| p.stage == 1 && p.limits == after.main));
}

#[test]
fn a_run_does_not_cross_a_stage_boundary() {
    let values = repeat(0.5, 10);
    let split = [frozen(0, "a"), frozen(5, "b")];
    assert!(individuals(&values, &split, &[Rule::Nelson2]).unwrap().signals.is_empty());
    // The same ten points in one stage are a run of ten.
    let whole = individuals(&values, &[frozen(0, "a")], &[Rule::Nelson2]).unwrap();
    assert_eq!(whole.signals.len(), 1);
    assert_eq!(whole.signals[0].at, 8);
}

#[test]
fn signals_use_series_indices_and_their_stage_limits() {
    // Stage b is centred at 10: its 10.5s are a high-side run there, not outliers as they would
    // be against stage a's limits, and the jump 0 → 10.5 is no moving range (so no MR signal).
    let mut values = repeat(0.0, 5);
    values.extend(repeat(10.5, 9));
    let stages = [frozen(0, "a"), Stage::new(5, Baseline::Frozen { center: 10.0, sigma: 1.0 }, "b")];
    let a = individuals(&values, &stages, &[Rule::Nelson1, Rule::Nelson2]).unwrap();
    let got: Vec<_> = a.signals.iter().map(|s| (s.chart, s.rule, s.at, s.samples.clone())).collect();
    assert_eq!(got, vec![(Chart::Individuals, Rule::Nelson2, 13, (5..14).collect())]);
}

#[test]
fn first_n_baseline_ignores_later_points_and_frozen_is_never_recomputed() {
    let values = [1.0, 3.0, 2.0, 100.0, -50.0];
    let a = individuals(&values, &[Stage::new(0, Baseline::First(3), "trial")], &[]).unwrap();
    assert_eq!(a.stages[0].baseline_points, 3);
    assert_eq!(a.stages[0].main.center, 2.0);
    assert_eq!(a.stages[0].range.center, 1.5); // (2 + 1) / 2
    let f = individuals(&values, &[Stage::new(0, Baseline::Frozen { center: 5.0, sigma: 0.25 }, "v")], &[]).unwrap();
    let l = f.stages[0].main;
    assert_eq!((l.center, l.sigma, l.lcl, l.ucl), (5.0, 0.25, 4.25, 5.75));
    assert!(f.stages[0].frozen);
    assert!((f.stages[0].range.center - 1.128 * 0.25).abs() < 1e-15);
}

#[test]
fn moving_range_chart_only_gets_rule_one() {
    // Frozen sigma 1 → MR̄ = 1.128, MR UCL = 3.267 × 1.128 = 3.685. Every moving range below is
    // 1.5 (above MR̄): a run that would fire rules 2 and WE4 on the MR chart if they applied.
    let mut values: Vec<f64> = (0..20).map(|i| if i % 2 == 0 { 0.0 } else { 1.5 }).collect();
    let quiet = individuals(&values, &[frozen(0, "a")], &Rule::ALL).unwrap();
    assert!(quiet.signals.iter().all(|s| s.chart == Chart::Individuals), "{:?}", quiet.signals);
    values.push(-2.5); // MR of 4 > 3.685
    let loud = individuals(&values, &[frozen(0, "a")], &Rule::ALL).unwrap();
    let on_mr: Vec<_> = loud.signals.iter().filter(|s| s.chart == Chart::MovingRange).collect();
    assert_eq!(on_mr.len(), 1);
    assert_eq!((on_mr[0].rule, on_mr[0].at, on_mr[0].samples.clone()), (Rule::Nelson1, 20, vec![20]));
    // Without rule 1 selected the moving-range chart stays silent.
    let others: Vec<Rule> = Rule::ALL.into_iter().filter(|r| *r != Rule::Nelson1).collect();
    let silent = individuals(&values, &[frozen(0, "a")], &others).unwrap();
    assert!(silent.signals.iter().all(|s| s.chart == Chart::Individuals));
}

#[test]
fn range_chart_only_gets_rule_one() {
    // Frozen sigma 1, n = 2 → R̄ = 1.128, R UCL = 3.685; ranges of 2 are above R̄ every time.
    let mut groups: Vec<Vec<f64>> = (0..12).map(|_| vec![-1.0, 1.0]).collect();
    let stages = [Stage::new(0, Baseline::Frozen { center: 0.0, sigma: 1.0 }, "v")];
    let quiet = xbar_r(&groups, &stages, &Rule::ALL).unwrap();
    assert!(quiet.signals.iter().all(|s| s.chart == Chart::Mean), "{:?}", quiet.signals);
    groups.push(vec![-2.0, 2.0]); // range 4 > 3.685, mean 0
    let loud = xbar_r(&groups, &stages, &Rule::ALL).unwrap();
    let on_r: Vec<_> = loud.signals.iter().filter(|s| s.chart == Chart::Range).collect();
    assert_eq!(on_r.len(), 1);
    assert_eq!((on_r[0].rule, on_r[0].at), (Rule::Nelson1, 12));
}
