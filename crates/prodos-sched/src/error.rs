//! The crate's one error enum: model validation, PSPLIB parsing and reference-file problems.

/// Ordered by precedence: model-shape errors first, then parse errors, then solve-time errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SchedError {
    #[error("the project has no activities")]
    NoActivities,
    #[error("activity {activity_idx} has no modes")]
    NoModes { activity_idx: usize },
    #[error("activity {activity_idx} mode {mode_idx} has negative duration {duration}")]
    NegativeDuration { activity_idx: usize, mode_idx: usize, duration: i64 },
    #[error("activity {activity_idx} mode {mode_idx} uses {usage_len} resources, the project has {n_resources}")]
    UsageLengthMismatch { activity_idx: usize, mode_idx: usize, usage_len: usize, n_resources: usize },
    #[error("activity {activity_idx} mode {mode_idx} has negative usage {usage} of resource {resource_idx}")]
    NegativeUsage { activity_idx: usize, mode_idx: usize, resource_idx: usize, usage: i64 },
    #[error("resource {resource_idx} has negative capacity {capacity}")]
    NegativeCapacity { resource_idx: usize, capacity: i64 },
    #[error(
        "activity {activity_idx} has no mode within the renewable capacities (resource {resource_idx}: needs at least {usage}, capacity {capacity})"
    )]
    ExceedsCapacity { activity_idx: usize, resource_idx: usize, usage: i64, capacity: i64 },
    #[error("activity {activity_idx} has negative release date {release}")]
    NegativeRelease { activity_idx: usize, release: i64 },
    #[error("precedence {from} -> {to} names an activity outside 0..{n_activities}")]
    UnknownActivity { from: usize, to: usize, n_activities: usize },
    #[error("precedence {from} -> {to} has negative lag {lag}")]
    NegativeLag { from: usize, to: usize, lag: i64 },
    #[error("reservation {reservation_idx} {problem}: {reservation:?}")]
    InvalidReservation { reservation_idx: usize, reservation: crate::model::Reservation, problem: &'static str },
    #[error("the precedence graph has a cycle through activity {activity_idx}")]
    Cycle { activity_idx: usize },
    #[error("no mode assignment respects the nonrenewable resources")]
    NonrenewableInfeasible,
    #[error("line {line}: {message}")]
    Parse { line: usize, message: String },
    #[error("{0}")]
    InvalidBudget(String),
    #[error("workforce: {0}")]
    Workforce(String),
    #[error("activity {activity_idx} needs {needed} people of class {class}, only {qualified} hold it")]
    Unstaffable { activity_idx: usize, class: usize, needed: u32, qualified: usize },
}
