//! Instants on the ledger's time line. The core never reads a clock: shells pass `now` in.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Milliseconds since the Unix epoch, UTC. Chosen over a calendar type so that the core stays
/// free of time-zone logic and events serialise as plain integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub const MS_PER_DAY: i64 = 86_400_000;

    pub fn from_millis(ms: i64) -> Self {
        Timestamp(ms)
    }
    pub fn millis(self) -> i64 {
        self.0
    }
    /// Whole days since the epoch (floor), the unit calendars and lead times work in.
    pub fn epoch_day(self) -> i64 {
        self.0.div_euclid(Self::MS_PER_DAY)
    }
    pub fn plus_days(self, days: i64) -> Self {
        Timestamp(self.0 + days * Self::MS_PER_DAY)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}ms", self.0)
    }
}
