//! Why an analysis was refused: every variant names the sample, subgroup or stage at fault, so a
//! caller can point a quality engineer at the offending row instead of a generic "bad input".

use std::fmt;

/// An input the crate will not compute on. Limits drawn from bad data are worse than no limits.
#[derive(Debug, Clone, PartialEq)]
pub enum SpcError {
    /// There were no samples (or no subgroups) at all.
    NoData,
    /// A sample is NaN or infinite.
    NonFinite { index: usize },
    /// A value inside a subgroup is NaN or infinite.
    NonFiniteInSubgroup { subgroup: usize, position: usize },
    /// X̄–R needs subgroups of 2 to 10 values (the range of the constants table).
    UnsupportedSubgroupSize { subgroup: usize, size: usize },
    /// All subgroups of an X̄–R chart must have the size of the first.
    SubgroupSizeMismatch { subgroup: usize, size: usize, expected: usize },
    /// The first stage must start at sample 0 so every sample belongs to a stage.
    FirstStageNotAtZero { label: String, start: usize },
    /// Stage starts must be strictly increasing (an empty stage has no limits).
    StagesNotIncreasing { stage: usize, label: String, start: usize, previous: usize },
    /// A stage starts at or after the last sample, so it would be empty.
    StageBeyondData { stage: usize, label: String, start: usize, len: usize },
    /// A `Baseline::First` stage has fewer than two points to estimate limits from.
    TooFewBaselinePoints { label: String, available: usize, needed: usize },
    /// A frozen baseline has a non-finite center or a negative or non-finite sigma.
    InvalidFrozenBaseline { label: String },
    /// The data are so large that the limits overflowed to infinity.
    LimitsNotFinite { label: String },
    /// Capability was asked for with a negative or non-finite within-subgroup sigma.
    InvalidSigma { sigma: f64 },
    /// A spec limit is non-finite, or the lower spec limit is not below the upper.
    InvalidSpec { lower: Option<f64>, upper: Option<f64> },
}

impl fmt::Display for SpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoData => write!(f, "no samples to analyse"),
            Self::NonFinite { index } => write!(f, "sample {index} is not a finite number"),
            Self::NonFiniteInSubgroup { subgroup, position } => {
                write!(f, "value {position} of subgroup {subgroup} is not a finite number")
            }
            Self::UnsupportedSubgroupSize { subgroup, size } => {
                write!(f, "subgroup {subgroup} has {size} values; X̄–R charts need 2 to 10")
            }
            Self::SubgroupSizeMismatch { subgroup, size, expected } => {
                write!(f, "subgroup {subgroup} has {size} values but the first subgroup has {expected}")
            }
            Self::FirstStageNotAtZero { label, start } => {
                write!(f, "the first stage \"{label}\" starts at {start}; it must start at 0")
            }
            Self::StagesNotIncreasing { stage, label, start, previous } => write!(
                f,
                "stage {stage} \"{label}\" starts at {start}, not after the previous stage's start {previous}"
            ),
            Self::StageBeyondData { stage, label, start, len } => {
                write!(f, "stage {stage} \"{label}\" starts at {start} but there are only {len} samples")
            }
            Self::TooFewBaselinePoints { label, available, needed } => write!(
                f,
                "stage \"{label}\" has {available} baseline point(s); at least {needed} are needed to estimate limits"
            ),
            Self::InvalidFrozenBaseline { label } => write!(
                f,
                "stage \"{label}\" has frozen limits with a non-finite center or a negative or non-finite sigma"
            ),
            Self::LimitsNotFinite { label } => write!(f, "the limits of stage \"{label}\" are not finite"),
            Self::InvalidSigma { sigma } => write!(f, "within sigma {sigma} is negative or not finite"),
            Self::InvalidSpec { lower, upper } => {
                write!(f, "spec limits {lower:?}..{upper:?} are not finite or lower is not below upper")
            }
        }
    }
}

impl std::error::Error for SpcError {}
