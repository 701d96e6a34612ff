//! Refused inputs: each error names the sample, subgroup or stage at fault.

use prodos_spc::{Baseline, SpcError, Stage, individuals, xbar_r};

fn first(start: usize, n: usize, label: &str) -> Stage {
    Stage::new(start, Baseline::First(n), label)
}

#[test]
fn non_finite_value_names_its_index() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let err = individuals(&[1.0, 2.0, 3.0, bad, 5.0], &[], &[]).unwrap_err();
        assert_eq!(err, SpcError::NonFinite { index: 3 });
        assert!(err.to_string().contains("sample 3"), "{err}");
    }
    let err = xbar_r(&[vec![1.0, 2.0], vec![3.0, f64::NAN]], &[], &[]).unwrap_err();
    assert_eq!(err, SpcError::NonFiniteInSubgroup { subgroup: 1, position: 1 });
}

#[test]
fn empty_input() {
    assert_eq!(individuals(&[], &[], &[]), Err(SpcError::NoData));
    assert_eq!(xbar_r(&[], &[], &[]), Err(SpcError::NoData));
}

#[test]
fn bad_stage_order() {
    let values = [1.0; 10];
    let late = individuals(&values, &[first(2, 5, "late")], &[]).unwrap_err();
    assert_eq!(late, SpcError::FirstStageNotAtZero { label: "late".into(), start: 2 });
    let back = individuals(&values, &[first(0, 5, "a"), first(6, 5, "b"), first(6, 5, "c")], &[]).unwrap_err();
    assert_eq!(back, SpcError::StagesNotIncreasing { stage: 2, label: "c".into(), start: 6, previous: 6 });
    assert!(back.to_string().contains("\"c\""), "{back}");
    let beyond = individuals(&values, &[first(0, 5, "a"), first(10, 5, "b")], &[]).unwrap_err();
    assert_eq!(beyond, SpcError::StageBeyondData { stage: 1, label: "b".into(), start: 10, len: 10 });
}

#[test]
fn too_few_baseline_points_names_the_stage() {
    let values = [1.0, 2.0, 3.0, 4.0, 5.0];
    let err = individuals(&values, &[first(0, 5, "before"), first(3, 1, "after")], &[]).unwrap_err();
    assert_eq!(err, SpcError::TooFewBaselinePoints { label: "after".into(), available: 1, needed: 2 });
    assert!(err.to_string().contains("after"), "{err}");
    // A one-point stage cannot have computed limits, however many points were asked for.
    let err = individuals(&values, &[first(0, 5, "a"), first(4, 100, "tail")], &[]).unwrap_err();
    assert_eq!(err, SpcError::TooFewBaselinePoints { label: "tail".into(), available: 1, needed: 2 });
    let groups = vec![vec![1.0, 2.0]; 3];
    let err = xbar_r(&groups, &[first(0, 1, "one")], &[]).unwrap_err();
    assert_eq!(err, SpcError::TooFewBaselinePoints { label: "one".into(), available: 1, needed: 2 });
}

#[test]
fn invalid_frozen_baseline() {
    let frozen = [Stage::new(0, Baseline::Frozen { center: 0.0, sigma: -1.0 }, "v1")];
    let err = individuals(&[1.0, 2.0], &frozen, &[]).unwrap_err();
    assert_eq!(err, SpcError::InvalidFrozenBaseline { label: "v1".into() });
}

#[test]
fn subgroup_sizes() {
    let mismatch = xbar_r(&[vec![1.0, 2.0, 3.0], vec![1.0, 2.0, 3.0], vec![1.0, 2.0]], &[], &[]).unwrap_err();
    assert_eq!(mismatch, SpcError::SubgroupSizeMismatch { subgroup: 2, size: 2, expected: 3 });
    assert!(mismatch.to_string().contains("subgroup 2"), "{mismatch}");
    let single = xbar_r(&[vec![1.0], vec![2.0]], &[], &[]).unwrap_err();
    assert_eq!(single, SpcError::UnsupportedSubgroupSize { subgroup: 0, size: 1 });
    let eleven = xbar_r(&[vec![1.0; 11], vec![2.0; 11]], &[], &[]).unwrap_err();
    assert_eq!(eleven, SpcError::UnsupportedSubgroupSize { subgroup: 0, size: 11 });
    assert!(xbar_r(&[vec![1.0; 10], vec![2.0; 10]], &[], &[]).is_ok());
}

#[test]
fn huge_values_that_overflow_the_limits_are_refused() {
    let err = individuals(&[f64::MAX, -f64::MAX, f64::MAX], &[], &[]).unwrap_err();
    assert_eq!(err, SpcError::LimitsNotFinite { label: "all".into() });
}
