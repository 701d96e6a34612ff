//! What a crew slot costs when given to a person. Lower is better; the solver first fills as many
//! slots as possible (an empty slot costs more than any difference between people), then spends
//! these weights: balance load, prefer people who need hours, keep a unit's consecutive steps
//! with the same people, and save higher-level people for work only they can do.

/// All in "minutes of load" so they can be compared: a weight of 480 is worth a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostWeights {
    /// Per minute the person already holds (existing commitments plus this proposal so far).
    pub per_load_minute: i64,
    /// Per credit of balance (a credit is roughly an hour of weighted work).
    pub per_credit: i64,
    /// Subtracted when the person worked on a direct predecessor of the same unit.
    pub continuity_bonus: i64,
    /// Per level held above the level the instance needs.
    pub per_level_above: i64,
}

impl Default for CostWeights {
    /// Continuity is worth a day of load, a credit an hour, an extra level two hours: the same
    /// people stay on a unit unless that would leave them a day ahead of the others.
    fn default() -> Self {
        CostWeights { per_load_minute: 1, per_credit: 60, continuity_bonus: 480, per_level_above: 120 }
    }
}

/// Real costs are clamped to this so that the solver's sentinel costs always dominate them.
pub const MAX_REAL_COST: i64 = 100_000_000;

/// The cost of an empty slot in a component of `rows` slots: dearer than any rearrangement of
/// real choices, so a cheapest assignment is always a largest one.
pub fn unfilled_cost(rows: usize) -> i64 {
    (rows as i64 + 1) * 2 * MAX_REAL_COST + 1
}

pub struct Factors {
    pub load_minutes: u64,
    pub credit_balance_milli: i64,
    pub continues_unit: bool,
    pub levels_above: u8,
}

pub fn cost(weights: &CostWeights, factors: &Factors) -> i64 {
    let load = i64::try_from(factors.load_minutes).unwrap_or(i64::MAX).saturating_mul(weights.per_load_minute);
    let credits = (factors.credit_balance_milli.max(0) / 1000).saturating_mul(weights.per_credit);
    let continuity = if factors.continues_unit { weights.continuity_bonus } else { 0 };
    let level = i64::from(factors.levels_above).saturating_mul(weights.per_level_above);
    load.saturating_add(credits).saturating_add(level).saturating_sub(continuity).clamp(-MAX_REAL_COST, MAX_REAL_COST)
}
