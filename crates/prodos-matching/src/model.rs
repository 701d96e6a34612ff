//! The matcher's input and output. Times are milliseconds since the epoch, days are whole days
//! since 1970-01-01 (UTC), people and instances are indices into the problem's vectors.

use crate::cost::CostWeights;

/// A certification a person may work under: `skill` at `level`, usable for work that ends
/// before `expires_at` (ms; `None` never expires).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cert {
    pub skill: String,
    pub level: u8,
    pub expires_at: Option<i64>,
}

/// Time a person is already committed to (another plan's crew, or a crew already confirmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    pub start: i64,
    pub end: i64,
    /// Working minutes on each day it touches.
    pub day_minutes: Vec<(i64, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub handle: String,
    pub certs: Vec<Cert>,
    /// Minutes offered per weekday, Monday first.
    pub weekly_minutes: [u32; 7],
    /// Days away, both ends included.
    pub absences: Vec<(i64, i64)>,
    /// Time-credit balance in milli-credits: the lower, the more the person needs hours.
    pub credit_balance_milli: i64,
    pub busy: Vec<Busy>,
}

/// One operation of one unit, scheduled at `[start, end)`, needing `crew` people holding
/// `skill` at `level` or above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub start: i64,
    pub end: i64,
    pub day_minutes: Vec<(i64, u32)>,
    pub skill: String,
    pub level: u8,
    pub crew: u32,
    /// Instances of the same unit that come directly before this one: their people are kept on
    /// where possible.
    pub predecessors: Vec<usize>,
    /// People already in the crew (confirmed earlier); they count toward `crew`.
    pub fixed: Vec<usize>,
    /// People who may not be proposed (they declined it).
    pub excluded: Vec<usize>,
    /// The crew the planner named when it found the plan staffable: the fallback that keeps a
    /// plan the planner called feasible from coming out short here.
    pub planned: Vec<usize>,
}

impl Instance {
    pub fn minutes(&self) -> u32 {
        self.day_minutes.iter().map(|(_, minutes)| minutes).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problem {
    pub instances: Vec<Instance>,
    pub people: Vec<Person>,
    pub weights: CostWeights,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnfilledReason {
    /// Nobody holds a usable certification in the skill at the level.
    NobodyCertified,
    /// Some people are qualified (`qualified` counts the crew too), but each other one is away or
    /// offers too few hours that day, is busy at that time, or declined it.
    QualifiedUnavailable { qualified: u32, away: u32, busy: u32, declined: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfilled {
    pub instance: usize,
    pub missing: u32,
    pub reason: UnfilledReason,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Per instance, the people newly proposed for it (beyond its `fixed` ones).
    pub crews: Vec<Vec<usize>>,
    pub unfilled: Vec<Unfilled>,
    /// The summed cost of the proposal (lower is better), for comparing runs.
    pub total_cost: i64,
}
