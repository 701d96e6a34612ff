//! Process capability (Cp, Cpk, Pp, Ppk) against spec limits: how the spread of a stable process
//! compares with what the customer allows. Indices are `None`, not infinite, when sigma is 0.

use serde::{Deserialize, Serialize};

use crate::error::SpcError;

/// Spec limits; either side may be absent (a one-sided spec such as "at most 0.5 mm").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SpecLimits {
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

impl SpecLimits {
    pub fn two_sided(lower: f64, upper: f64) -> Self {
        SpecLimits { lower: Some(lower), upper: Some(upper) }
    }
    pub fn lower_only(lower: f64) -> Self {
        SpecLimits { lower: Some(lower), upper: None }
    }
    pub fn upper_only(upper: f64) -> Self {
        SpecLimits { lower: None, upper: Some(upper) }
    }
}

/// Capability verdict from Cpk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapabilityBand {
    /// Cpk ≥ 1.33.
    Capable,
    /// 1.00 ≤ Cpk < 1.33.
    Marginal,
    /// Cpk < 1.00.
    NotCapable,
}

impl CapabilityBand {
    /// Thresholds compared with a 1e-9 allowance, so a Cpk that is 1.33 (or 1.00) up to
    /// floating-point rounding of the inputs lands in the higher band, as it would on paper.
    pub fn of_cpk(cpk: f64) -> Self {
        const SLACK: f64 = 1e-9;
        if cpk >= 1.33 - SLACK {
            CapabilityBand::Capable
        } else if cpk >= 1.0 - SLACK {
            CapabilityBand::Marginal
        } else {
            CapabilityBand::NotCapable
        }
    }
}

/// Capability indices. `cp`/`pp` need both spec limits; `cpu`/`cpl` need their side;
/// `cpk`/`ppk` are the smaller available side. All are `None` when their sigma is 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Capability {
    pub cp: Option<f64>,
    pub cpk: Option<f64>,
    pub cpu: Option<f64>,
    pub cpl: Option<f64>,
    pub pp: Option<f64>,
    pub ppk: Option<f64>,
    /// From `cpk`; `None` when `cpk` is.
    pub band: Option<CapabilityBand>,
    pub sigma_within: f64,
    /// Sample standard deviation of `values` (n − 1 divisor); 0 for a single value.
    pub sigma_overall: f64,
    pub mean: f64,
}

/// Capability of `values` (individual measurements) against `spec`. `sigma_within` is the
/// short-term sigma from a control chart (e.g. [`crate::Analysis::sigma_within`]).
pub fn capability(values: &[f64], sigma_within: f64, spec: &SpecLimits) -> Result<Capability, SpcError> {
    if values.is_empty() {
        return Err(SpcError::NoData);
    }
    if let Some(index) = values.iter().position(|x| !x.is_finite()) {
        return Err(SpcError::NonFinite { index });
    }
    if !sigma_within.is_finite() || sigma_within < 0.0 {
        return Err(SpcError::InvalidSigma { sigma: sigma_within });
    }
    let finite = |limit: Option<f64>| limit.is_none_or(f64::is_finite);
    let ordered = match (spec.lower, spec.upper) {
        (Some(l), Some(u)) => l < u,
        _ => true,
    };
    if !finite(spec.lower) || !finite(spec.upper) || !ordered {
        return Err(SpcError::InvalidSpec { lower: spec.lower, upper: spec.upper });
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let sigma_overall = if values.len() < 2 {
        0.0
    } else {
        (values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
    };
    let within = Indices::new(mean, sigma_within, spec);
    let overall = Indices::new(mean, sigma_overall, spec);
    Ok(Capability {
        cp: within.spread,
        cpk: within.worst,
        cpu: within.upper,
        cpl: within.lower,
        pp: overall.spread,
        ppk: overall.worst,
        band: within.worst.map(CapabilityBand::of_cpk),
        sigma_within,
        sigma_overall,
        mean,
    })
}

/// The indices for one sigma: Cp-like spread, upper and lower sides, and the worse side.
struct Indices {
    spread: Option<f64>,
    upper: Option<f64>,
    lower: Option<f64>,
    worst: Option<f64>,
}

impl Indices {
    fn new(mean: f64, sigma: f64, spec: &SpecLimits) -> Self {
        if sigma <= 0.0 {
            return Indices { spread: None, upper: None, lower: None, worst: None };
        }
        let upper = spec.upper.map(|u| (u - mean) / (3.0 * sigma));
        let lower = spec.lower.map(|l| (mean - l) / (3.0 * sigma));
        let spread = spec.lower.zip(spec.upper).map(|(l, u)| (u - l) / (6.0 * sigma));
        let worst = match (upper, lower) {
            (Some(u), Some(l)) => Some(u.min(l)),
            (one, other) => one.or(other),
        };
        Indices { spread, upper, lower, worst }
    }
}
