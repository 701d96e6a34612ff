//! A participant's credit statement at `now`, computed purely from their entries and the policy
//! history: the deterministic decay model lives here.
//!
//! Model (monthly step): the time line is cut at every 30-day boundary since the epoch. At each
//! boundary the running balance loses `ceil(balance × rate_bp / 10 000)` (never more than the
//! balance), with the decay rate in force at that boundary. Earned credits add, spending subtracts
//! (decide refuses spending beyond the balance). So the balance is never negative, never grows
//! without labor, and equals Σ earned − Σ decayed − Σ spent. Rounding the loss up makes small
//! balances reach zero instead of lingering forever.

use super::model::{CreditEntry, Credits, DECAY_PERIOD_MS, LaborRecord};
use crate::time::Timestamp;
use crate::units::Milli;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Earned,
    Decayed,
    Spent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementRow {
    pub at: Timestamp,
    pub kind: RowKind,
    /// Positive for earned, negative for decayed and spent.
    pub change: Milli,
    pub balance: Milli,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Statement {
    pub rows: Vec<StatementRow>,
    pub earned: Milli,
    pub decayed: Milli,
    pub spent: Milli,
    pub balance: Milli,
}

/// The loss at one boundary: `ceil(balance × rate / 10 000)`, at most the balance.
pub fn decay_step(balance: Milli, rate_bp: u32) -> Milli {
    if balance <= Milli::ZERO || rate_bp == 0 {
        return Milli::ZERO;
    }
    let loss = (i128::from(balance.0) * i128::from(rate_bp.min(10_000)) + 9_999) / 10_000;
    Milli((loss as i64).min(balance.0))
}

/// The statement of one participant as of `now`.
pub fn statement(credits: &Credits, handle: &str, now: Timestamp) -> Statement {
    fold(
        credits.entries_of(handle),
        credits.labor(),
        |boundary| credits.policy_at(boundary).decay_rate_per_period_bp,
        now,
    )
}

/// Folds entries (in ledger order) with the decay rate in force at each boundary.
pub fn fold(
    entries: &[CreditEntry],
    labor: &[LaborRecord],
    rate_at: impl Fn(Timestamp) -> u32,
    now: Timestamp,
) -> Statement {
    let mut statement = Statement::default();
    let mut cursor: Option<Timestamp> = None;
    for entry in entries {
        // An entry stamped earlier than the one before (clock skew between writers) counts as
        // happening at the cursor, so time never runs backwards in the fold.
        let at = cursor.map_or(entry.at(), |cursor| cursor.max(entry.at()));
        if let Some(from) = cursor {
            decay_between(&mut statement, from, at, &rate_at);
        }
        cursor = Some(at);
        match entry {
            CreditEntry::Earned { labor: index, credits, .. } => {
                statement.earned += *credits;
                statement.balance += *credits;
                let what = labor.get(*index).map(describe_labor).unwrap_or_default();
                statement.rows.push(StatementRow {
                    at,
                    kind: RowKind::Earned,
                    change: *credits,
                    balance: statement.balance,
                    what,
                });
            }
            CreditEntry::Spent { credits, what, .. } => {
                statement.spent += *credits;
                statement.balance -= *credits;
                statement.rows.push(StatementRow {
                    at,
                    kind: RowKind::Spent,
                    change: Milli(-credits.0),
                    balance: statement.balance,
                    what: what.clone(),
                });
            }
        }
    }
    if let Some(from) = cursor {
        decay_between(&mut statement, from, now, &rate_at);
    }
    statement
}

/// Applies every boundary in `(from, to]`.
fn decay_between(statement: &mut Statement, from: Timestamp, to: Timestamp, rate_at: &impl Fn(Timestamp) -> u32) {
    let first = from.millis().div_euclid(DECAY_PERIOD_MS) + 1;
    let last = to.millis().div_euclid(DECAY_PERIOD_MS);
    for period in first..=last {
        if statement.balance <= Milli::ZERO {
            return;
        }
        let boundary = Timestamp::from_millis(period * DECAY_PERIOD_MS);
        let loss = decay_step(statement.balance, rate_at(boundary));
        if loss > Milli::ZERO {
            statement.decayed += loss;
            statement.balance -= loss;
            statement.rows.push(StatementRow {
                at: boundary,
                kind: RowKind::Decayed,
                change: Milli(-loss.0),
                balance: statement.balance,
                what: "decay".to_string(),
            });
        }
    }
}

fn describe_labor(record: &LaborRecord) -> String {
    let task = record.task.as_deref().map(|task| format!(" on {task}")).unwrap_or_default();
    format!("{} h {}:{}{task}, verified by {}", record.hours, record.skill, record.level, record.verified_by)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decay_rounds_the_loss_up_and_never_below_zero() {
        assert_eq!(decay_step(Milli(10_000), 500), Milli(500));
        assert_eq!(decay_step(Milli(1), 500), Milli(1));
        assert_eq!(decay_step(Milli(7), 10_000), Milli(7));
        assert_eq!(decay_step(Milli(7), 0), Milli::ZERO);
    }
}
