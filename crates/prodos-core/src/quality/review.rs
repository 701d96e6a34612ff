//! Design review: a systematic deviation (a control-chart signal, field failures, first-pass
//! yield below the design's minimum) flags the design version it was
//! built to, with the evidence. The flag is answered by a new design version (which must be
//! certified again) or by a recorded decision that the process is at fault: a corrective action
//! (CAPA) with an owner and a due date that closes only after an effectiveness check, when the
//! series has gone the stated number of samples without the signal recurring.

use crate::calendar::Day;
use crate::ids::{DesignRef, FieldReportId, ReviewId, SignalId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

use super::model::SeriesKey;

/// Why a design version is under review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewReason {
    /// A control-chart rule fired on one of its checks.
    Signal { signal: SignalId, series: SeriesKey, rule: String },
    /// Goods of the version failed in the field, repeatedly.
    FieldFailures { reports: Vec<FieldReportId> },
    /// First-pass yield over the design's window of inspected tasks fell below its minimum.
    LowYield { first_pass: u32, inspected: u32, threshold: f64 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewFlag {
    pub id: ReviewId,
    pub design: DesignRef,
    pub reason: ReviewReason,
    /// Inspections, people, tools and lots behind the flag, in words.
    pub evidence: Vec<String>,
    pub raised_at: Timestamp,
}

/// A corrective action on the process, and how its effectiveness is checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Capa {
    pub owner: String,
    pub due: Day,
    pub action: String,
    /// Samples of the flagged series (or, for field failures, goods of the design distributed)
    /// that must follow without the signal (or a failure) recurring.
    pub samples: u32,
    /// How many samples the series (or releases the node) held when the action was decided.
    pub from_sample: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The design changed: this version answers the flag.
    NewVersion { version: u32 },
    /// The process, not the design, is at fault.
    Capa(Capa),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub flag: ReviewFlag,
    pub resolution: Option<(Resolution, String, Timestamp)>,
    /// When a CAPA passed its effectiveness check, and who closed it.
    pub closed: Option<(String, Timestamp)>,
}

impl Review {
    /// `open`, `capa open`, `answered by v2`, `closed`.
    pub fn status(&self) -> String {
        match (&self.resolution, &self.closed) {
            (None, _) => "open".into(),
            (Some((Resolution::NewVersion { version }, ..)), _) => format!("answered by v{version}"),
            (Some((Resolution::Capa(_), ..)), None) => "capa open".into(),
            (Some((Resolution::Capa(_), ..)), Some(_)) => "closed".into(),
        }
    }
    pub fn is_open(&self) -> bool {
        self.resolution.is_none()
    }
}
