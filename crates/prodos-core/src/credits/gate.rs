//! The contribution gate ("no freeloading"): a privilege opens only to participants whose
//! verified labor within a trailing window reaches a threshold. Pure; a closed gate says how
//! many hours are missing.

use super::model::Credits;
use crate::rejection::Rejection;
use crate::time::Timestamp;
use crate::units::Milli;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Privilege {
    /// Taking operations that ask for `level` or above.
    WorkFromLevel { level: u8 },
    /// Receiving goods.
    ReceiveGoods,
}

impl Privilege {
    /// One rule per kind; setting a rule replaces the previous one of its kind.
    pub fn kind(self) -> &'static str {
        match self {
            Privilege::WorkFromLevel { .. } => "work",
            Privilege::ReceiveGoods => "goods",
        }
    }
}

impl fmt::Display for Privilege {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Privilege::WorkFromLevel { level } => write!(f, "take level-{level}+ operations"),
            Privilege::ReceiveGoods => write!(f, "receive goods"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateRule {
    pub privilege: Privilege,
    pub min_hours: Milli,
    pub window_days: u32,
}

/// Verified hours of `handle` in the `window_days` before `now` (`(now − window, now]`).
pub fn contribution_hours(credits: &Credits, handle: &str, window_days: u32, now: Timestamp) -> Milli {
    let since = now.plus_days(-i64::from(window_days));
    credits.labor_of(handle).filter(|record| record.at > since && record.at <= now).map(|record| record.hours).sum()
}

/// Whether `rule` lets `handle` through at `now`.
pub fn check(credits: &Credits, rule: &GateRule, handle: &str, now: Timestamp) -> Result<(), Rejection> {
    let have_hours = contribution_hours(credits, handle, rule.window_days, now);
    if have_hours >= rule.min_hours {
        return Ok(());
    }
    Err(Rejection::ContributionGateClosed {
        handle: handle.to_string(),
        privilege: rule.privilege.to_string(),
        have_hours,
        needed_hours: rule.min_hours,
        window_days: rule.window_days,
    })
}

/// The gate for work at `level`, when a work rule exists and covers that level.
pub fn require_work_privilege(credits: &Credits, handle: &str, level: u8, now: Timestamp) -> Result<(), Rejection> {
    match credits.gate_rule("work") {
        Some(rule @ GateRule { privilege: Privilege::WorkFromLevel { level: from }, .. }) if level >= *from => {
            check(credits, rule, handle, now)
        }
        _ => Ok(()),
    }
}

/// The gate for receiving goods, when a goods rule exists.
pub fn require_goods_privilege(credits: &Credits, handle: &str, now: Timestamp) -> Result<(), Rejection> {
    credits.gate_rule("goods").map_or(Ok(()), |rule| check(credits, rule, handle, now))
}
