//! Capability indices on hand-computed cases: two-sided, one-sided, the band boundaries and a
//! zero sigma.

use prodos_spc::{CapabilityBand, SpcError, SpecLimits, capability};

fn close(got: Option<f64>, want: f64) -> bool {
    got.is_some_and(|g| (g - want).abs() < 1e-12)
}

/// 9, 10, 11: mean 10, sample standard deviation √((1 + 0 + 1)/2) = 1.
const VALUES: [f64; 3] = [9.0, 10.0, 11.0];

#[test]
fn two_sided() {
    // σw = 0.5, spec 8..14: Cp = 6/3 = 2, CPU = 4/1.5, CPL = 2/1.5, Cpk = CPL;
    // σo = 1: Pp = 6/6 = 1, Ppk = min(4/3, 2/3) = 2/3.
    let c = capability(&VALUES, 0.5, &SpecLimits::two_sided(8.0, 14.0)).unwrap();
    assert_eq!((c.mean, c.sigma_overall, c.sigma_within), (10.0, 1.0, 0.5));
    assert!(close(c.cp, 2.0));
    assert!(close(c.cpu, 4.0 / 1.5));
    assert!(close(c.cpl, 2.0 / 1.5));
    assert!(close(c.cpk, 2.0 / 1.5));
    assert!(close(c.pp, 1.0));
    assert!(close(c.ppk, 2.0 / 3.0));
    assert_eq!(c.band, Some(CapabilityBand::Capable));
}

#[test]
fn one_sided() {
    let upper = capability(&VALUES, 0.5, &SpecLimits::upper_only(13.0)).unwrap();
    assert_eq!((upper.cp, upper.cpl, upper.pp), (None, None, None));
    assert!(close(upper.cpu, 2.0) && close(upper.cpk, 2.0) && close(upper.ppk, 1.0));
    let lower = capability(&VALUES, 1.0, &SpecLimits::lower_only(8.5)).unwrap();
    assert_eq!((lower.cp, lower.cpu), (None, None));
    assert!(close(lower.cpl, 0.5) && close(lower.cpk, 0.5));
    assert_eq!(lower.band, Some(CapabilityBand::NotCapable));
    let none = capability(&VALUES, 1.0, &SpecLimits { lower: None, upper: None }).unwrap();
    assert_eq!((none.cpk, none.ppk, none.band), (None, None, None));
}

#[test]
fn band_boundaries() {
    assert_eq!(CapabilityBand::of_cpk(1.33), CapabilityBand::Capable);
    assert_eq!(CapabilityBand::of_cpk(1.3299), CapabilityBand::Marginal);
    assert_eq!(CapabilityBand::of_cpk(1.0), CapabilityBand::Marginal);
    assert_eq!(CapabilityBand::of_cpk(0.9999), CapabilityBand::NotCapable);
    // Cpk = (13.99 − 10)/3 = 1.33 and (13 − 10)/3 = 1.00 as computed in floating point.
    let at_133 = capability(&VALUES, 1.0, &SpecLimits::upper_only(13.99)).unwrap();
    assert_eq!(at_133.band, Some(CapabilityBand::Capable), "{:?}", at_133.cpk);
    let at_100 = capability(&VALUES, 1.0, &SpecLimits::upper_only(13.0)).unwrap();
    assert_eq!(at_100.band, Some(CapabilityBand::Marginal), "{:?}", at_100.cpk);
}

#[test]
fn zero_sigma_gives_none_not_infinity() {
    let flat = capability(&[5.0, 5.0, 5.0], 0.0, &SpecLimits::two_sided(4.0, 6.0)).unwrap();
    assert_eq!((flat.cp, flat.cpk, flat.cpu, flat.cpl), (None, None, None, None));
    assert_eq!((flat.pp, flat.ppk, flat.band), (None, None, None));
    assert_eq!(flat.sigma_overall, 0.0);
    let single = capability(&[5.0], 0.5, &SpecLimits::two_sided(4.0, 6.0)).unwrap();
    assert_eq!((single.sigma_overall, single.pp), (0.0, None));
    assert!(close(single.cp, 2.0 / 3.0));
}

#[test]
fn bad_inputs_are_refused() {
    let spec = SpecLimits::two_sided(0.0, 1.0);
    assert_eq!(capability(&[], 1.0, &spec), Err(SpcError::NoData));
    assert_eq!(capability(&[0.5, f64::NAN], 1.0, &spec), Err(SpcError::NonFinite { index: 1 }));
    assert!(matches!(capability(&[0.5], -1.0, &spec), Err(SpcError::InvalidSigma { .. })));
    assert!(matches!(capability(&[0.5], 1.0, &SpecLimits::two_sided(1.0, 1.0)), Err(SpcError::InvalidSpec { .. })));
    assert!(matches!(
        capability(&[0.5], 1.0, &SpecLimits::upper_only(f64::INFINITY)),
        Err(SpcError::InvalidSpec { .. })
    ));
}
