//! What may be asked of the quality area: record an inspection, dispose of a nonconformance, and
//! (for a quality engineer) freeze a chart's validated limits or start a new stage after a change.

use super::field::FieldKind;
use super::incoming::IncomingPlan;
use super::model::SeriesKey;
use crate::calendar::Day;
use crate::ids::{LotId, NonconformanceId, ReviewId, TaskRef};
use crate::measure::Measurement;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum QualityCommand {
    /// One check of one completed task's unit. `unit`, when given, must be the check's unit (a
    /// value in inches for a millimetre check is refused, not converted silently).
    RecordInspection {
        task: TaskRef,
        check: String,
        measurement: Measurement,
        #[serde(default)]
        unit: Option<String>,
        by: String,
        #[serde(default)]
        instrument: Option<String>,
        #[serde(default)]
        note: String,
    },
    Dispose {
        ncr: NonconformanceId,
        disposition: DispositionChoice,
        by: String,
    },
    /// Freezes the current stage's limits: from now on they are these (or, without values, the
    /// ones its baseline gives today) and new samples never move them.
    FreezeLimits {
        series: SeriesKey,
        #[serde(default)]
        center: Option<f64>,
        #[serde(default)]
        sigma: Option<f64>,
        by: String,
    },
    /// Starts a new stage of the series at its next sample, with limits from its own baseline.
    StartStage {
        series: SeriesKey,
        label: String,
        by: String,
    },
    /// Answers a design-review flag.
    ResolveReview {
        review: ReviewId,
        resolution: ResolutionChoice,
        by: String,
    },
    /// Closes a review's corrective action once its effectiveness check holds.
    CloseCapa {
        review: ReviewId,
        by: String,
    },
    /// A report from the field about a distributed good, by its serial.
    FileFieldReport {
        serial: String,
        kind: FieldKind,
        #[serde(default)]
        item: Option<String>,
        on: Day,
        #[serde(default)]
        photo: Option<String>,
        note: String,
        by: String,
        /// Minutes spent repairing the failure; positive, failures only.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        repair_min: Option<i64>,
    },
    /// Lots of `material` received from a supplier or another node must pass this sampling
    /// inspection before they can be used; `None` stops sampling the material.
    SetIncomingInspection {
        material: String,
        plan: Option<IncomingPlan>,
        by: String,
    },
    /// The sampling inspection of a lot awaiting it: `inspected` items drawn (the plan's sample
    /// size), `defective` of them nonconforming. `lot_size`, the items in the lot, defaults to
    /// the received quantity for materials counted in pieces or sets.
    InspectLot {
        lot: LotId,
        #[serde(default)]
        lot_size: Option<u32>,
        inspected: u32,
        defective: u32,
        by: String,
        #[serde(default)]
        note: String,
    },
}

/// How a certifier answers a review flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolutionChoice {
    /// A later version of the design, with the check's nominal or tolerance, an operation or a
    /// part changed.
    NewVersion { version: u32 },
    /// The process is at fault: `owner` carries out `action` by `due`; the CAPA closes after
    /// `samples` further samples of the series without the signal recurring.
    Capa { owner: String, due: Day, action: String, samples: u32 },
}

/// What a qualified person decides for a nonconformance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DispositionChoice {
    /// A rework task in the same plan, under the operation's skill gate; `duration_min` defaults
    /// to the operation's duration.
    Rework {
        #[serde(default)]
        duration_min: Option<i64>,
        #[serde(default)]
        note: String,
    },
    UseAsIs {
        reason: String,
    },
    Scrap {
        reason: String,
    },
}
