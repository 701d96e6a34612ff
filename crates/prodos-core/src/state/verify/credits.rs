//! Value-accounting invariants for `State::check_invariants`: every participant's balance equals their
//! labor credits minus decay minus spending and is never negative along the way; every labor
//! record names known, distinct people; credits were earned only through labor records.

use crate::credits::account::{RowKind, statement};
use crate::credits::model::CreditEntry;
use crate::state::State;
use crate::time::Timestamp;
use crate::units::Milli;

pub(super) fn check(state: &State) -> Result<(), String> {
    let credits = &state.credits;
    for (index, record) in credits.labor().iter().enumerate() {
        if state.people.get(&record.handle).is_none() {
            return Err(format!("labor record {index} names unknown participant `{}`", record.handle));
        }
        if record.verified_by == record.handle {
            return Err(format!("labor record {index}: {} verified their own work", record.handle));
        }
        if !record.hours.is_positive() || record.credits < Milli::ZERO {
            return Err(format!("labor record {index} has {} h and {} credits", record.hours, record.credits));
        }
    }
    // Check as of the latest instant the ledger mentions, so decay up to then is included.
    let now = credits.labor().iter().map(|record| record.at).max().unwrap_or(Timestamp(0));
    for handle in credits.holders() {
        let earned_from_labor: Milli = credits.labor_of(handle).map(|record| record.credits).sum();
        let earned_entries: Milli = credits
            .entries_of(handle)
            .iter()
            .filter_map(|entry| match entry {
                CreditEntry::Earned { credits, .. } => Some(*credits),
                CreditEntry::Spent { .. } => None,
            })
            .sum();
        if earned_entries != earned_from_labor {
            return Err(format!("{handle} earned {earned_entries} credits but labor records give {earned_from_labor}"));
        }
        let account = statement(credits, handle, now);
        if account.balance != account.earned - account.decayed - account.spent {
            return Err(format!(
                "{handle}: balance {} ≠ {} earned − {} decayed − {} spent",
                account.balance, account.earned, account.decayed, account.spent
            ));
        }
        if let Some(row) = account.rows.iter().find(|row| row.balance < Milli::ZERO) {
            return Err(format!("{handle}'s balance went negative ({}) at {}", row.balance, row.at));
        }
        if account.rows.iter().any(|row| row.kind == RowKind::Decayed && row.change > Milli::ZERO) {
            return Err(format!("{handle}: decay added credits"));
        }
    }
    Ok(())
}
