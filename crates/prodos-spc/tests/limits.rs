//! Control limits against a published worked example, a hand computation and the constants
//! table itself.

use prodos_spc::{Baseline, Stage, constants, individuals, xbar_r};

/// Inside diameters (mm) of forged piston rings, 25 preliminary subgroups of 5: the phase-I
/// samples of the `pistonrings` data set of the R package qcc, which documents it as taken from
/// Montgomery, *Introduction to Statistical Quality Control*, 2nd ed. (1991), pp. 206–213.
const PISTON_RINGS: [[f64; 5]; 25] = [
    [74.030, 74.002, 74.019, 73.992, 74.008],
    [73.995, 73.992, 74.001, 74.011, 74.004],
    [73.988, 74.024, 74.021, 74.005, 74.002],
    [74.002, 73.996, 73.993, 74.015, 74.009],
    [73.992, 74.007, 74.015, 73.989, 74.014],
    [74.009, 73.994, 73.997, 73.985, 73.993],
    [73.995, 74.006, 73.994, 74.000, 74.005],
    [73.985, 74.003, 73.993, 74.015, 73.988],
    [74.008, 73.995, 74.009, 74.005, 74.004],
    [73.998, 74.000, 73.990, 74.007, 73.995],
    [73.994, 73.998, 73.994, 73.995, 73.990],
    [74.004, 74.000, 74.007, 74.000, 73.996],
    [73.983, 74.002, 73.998, 73.997, 74.012],
    [74.006, 73.967, 73.994, 74.000, 73.984],
    [74.012, 74.014, 73.998, 73.999, 74.007],
    [74.000, 73.984, 74.005, 73.998, 73.996],
    [73.994, 74.012, 73.986, 74.005, 74.007],
    [74.006, 74.010, 74.018, 74.003, 74.000],
    [73.984, 74.002, 74.003, 74.005, 73.997],
    [74.000, 74.010, 74.013, 74.020, 74.003],
    [73.988, 74.001, 74.009, 74.005, 73.996],
    [74.004, 73.999, 73.990, 74.006, 74.009],
    [74.010, 73.989, 73.990, 74.009, 74.014],
    [74.015, 74.008, 73.993, 74.000, 74.010],
    [73.982, 73.984, 73.995, 74.017, 74.013],
];

/// Montgomery's piston-ring X̄–R example (Example 6.1 in later editions) reports, to three
/// decimals: X̿ = 74.001, R̄ = 0.023, X̄ chart UCL = 74.014 and LCL = 73.988 (with A2 = 0.577
/// for n = 5). Unrounded from these data: ΣX̄ᵢ = 1850.0294 and ΣRᵢ = 0.569, so X̿ = 74.001176,
/// R̄ = 0.02276, UCL = 74.001176 + 0.577 × 0.02276 = 74.0143085, LCL = 73.9880435,
/// R chart UCL = 2.114 × 0.02276 = 0.0481146, σ_within = 0.02276 / 2.326 = 0.00978504.
#[test]
fn xbar_r_reproduces_the_piston_ring_example() {
    let groups: Vec<Vec<f64>> = PISTON_RINGS.iter().map(|g| g.to_vec()).collect();
    let a = xbar_r(&groups, &[], &[]).unwrap();
    let s = &a.stages[0];
    let published = [(s.main.center, 74.001), (s.range.center, 0.023), (s.main.ucl, 74.014), (s.main.lcl, 73.988)];
    for (got, want) in published {
        assert!((got - want).abs() < 0.0005, "{got} does not round to {want}");
    }
    let exact = [
        (s.main.center, 74.001176),
        (s.range.center, 0.02276),
        (s.main.ucl, 74.0143085),
        (s.main.lcl, 73.9880435),
        (s.range.ucl, 0.0481146),
        (s.range.lcl, 0.0),
        (a.sigma_within, 0.00978504),
    ];
    for (got, want) in exact {
        assert!((got - want).abs() < 1e-7, "{got} != {want}");
    }
    assert!((s.main.sigma - 0.577 * 0.02276 / 3.0).abs() < 1e-9);
}

/// A hand computation for I–MR: values 10, 12, 11, 13, 12 have mean 11.6 and moving ranges
/// 2, 1, 2, 1, so MR̄ = 1.5, σ = 1.5 / 1.128 = 1.329787…, UCL = 11.6 + 3σ = 15.589362,
/// LCL = 7.610638, MR chart UCL = 3.267 × 1.5 = 4.9005 and LCL = 0.
#[test]
fn individuals_limits_by_hand() {
    let a = individuals(&[10.0, 12.0, 11.0, 13.0, 12.0], &[], &[]).unwrap();
    let s = &a.stages[0];
    assert_eq!(a.ranges, vec![None, Some(2.0), Some(1.0), Some(2.0), Some(1.0)]);
    assert!((s.main.center - 11.6).abs() < 1e-12);
    assert!((s.main.sigma - 1.5 / 1.128).abs() < 1e-12);
    assert!((s.main.ucl - 15.589362).abs() < 1e-6);
    assert!((s.main.lcl - 7.610638).abs() < 1e-6);
    assert!((s.range.center - 1.5).abs() < 1e-12);
    assert!((s.range.ucl - 4.9005).abs() < 1e-12);
    assert_eq!(s.range.lcl, 0.0);
    assert!((s.main.line(2.0) - (11.6 + 2.0 * 1.5 / 1.128)).abs() < 1e-12);
}

#[test]
fn constants_match_the_textbook_and_each_other() {
    let two = constants(2).unwrap();
    assert_eq!((two.d2, two.big_d4, two.big_d3, two.a2), (1.128, 3.267, 0.0, 1.880));
    let five = constants(5).unwrap();
    assert_eq!((five.a2, five.d2, five.big_d3, five.big_d4), (0.577, 2.326, 0.0, 2.114));
    assert_eq!((constants(1), constants(11)), (None, None));
    // The tabulated factors are roundings of A2 = 3/(d2√n), D4 = 1 + 3·d3/d2 and
    // D3 = max(0, 1 − 3·d3/d2): a mistyped entry breaks one of these.
    for n in 2..=10 {
        let c = constants(n).unwrap();
        let ratio = 3.0 * c.d3 / c.d2;
        assert!((c.a2 - 3.0 / (c.d2 * (n as f64).sqrt())).abs() < 0.002, "A2({n})");
        assert!((c.big_d4 - (1.0 + ratio)).abs() < 0.002, "D4({n})");
        assert!((c.big_d3 - (1.0 - ratio).max(0.0)).abs() < 0.002, "D3({n})");
    }
    let d2: Vec<f64> = (2..=10).map(|n| constants(n).unwrap().d2).collect();
    assert!(d2.windows(2).all(|w| w[0] < w[1]), "d2 grows with n");
}

#[test]
fn freezing_a_computed_xbar_stage_reproduces_its_limits() {
    let groups: Vec<Vec<f64>> = PISTON_RINGS.iter().map(|g| g.to_vec()).collect();
    let computed = xbar_r(&groups, &[], &[]).unwrap();
    let s = &computed.stages[0];
    let frozen = [Stage::new(0, Baseline::Frozen { center: s.main.center, sigma: s.sigma_within }, "validated")];
    let again = xbar_r(&groups, &frozen, &[]).unwrap();
    let f = &again.stages[0];
    for (got, want) in [(f.main.ucl, s.main.ucl), (f.main.lcl, s.main.lcl), (f.range.ucl, s.range.ucl)] {
        assert!((got - want).abs() < 1e-12, "{got} != {want}");
    }
    assert_eq!(again.sigma_within, s.sigma_within);
}
