//! The quality record: every inspection in order, the nonconformances they opened and how each
//! was disposed, rework orders, scrapped units, and per check series its stages and signals.

use super::incoming::{IncomingPlan, LotInspection};
use super::review::Review;
use crate::ids::{
    DesignId, DesignRef, InspectionId, LotId, LotInspectionId, NonconformanceId, PlanId, ReviewId, SignalId, TaskRef,
};
use crate::measure::{Conformity, Measurement};
use crate::provenance::Provenance;
use crate::time::Timestamp;
use crate::units::{Milli, Millicents};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One check's series across units and versions of a design: what a control chart draws.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SeriesKey {
    pub design: DesignId,
    pub operation: String,
    pub check: String,
}

impl std::fmt::Display for SeriesKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.design, self.operation, self.check)
    }
}

/// What the measured unit had in common with others: who built it, with which tools, from which
/// lots. A signal names what all its samples share.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Context {
    pub crew: Vec<String>,
    pub tools: Vec<String>,
    pub lots: Vec<LotId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    pub id: InspectionId,
    pub task: TaskRef,
    /// The design version the task built.
    pub design: DesignRef,
    pub series: SeriesKey,
    pub measurement: Measurement,
    pub conformity: Conformity,
    pub by: String,
    pub at: Timestamp,
    pub instrument: Option<String>,
    pub note: String,
    pub context: Context,
}

/// Material written off with a scrapped unit, with where it came from and what it cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteOff {
    pub lot: LotId,
    pub material: String,
    pub qty: Milli,
    pub provenance: Provenance,
    pub cost: Millicents,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    Rework { task: TaskRef, duration_min: i64, note: String },
    UseAsIs { reason: String },
    Scrap { reason: String, written_off: Vec<WriteOff>, cost: Millicents },
}

impl Disposition {
    pub fn as_str(&self) -> &'static str {
        match self {
            Disposition::Rework { .. } => "rework",
            Disposition::UseAsIs { .. } => "use as is",
            Disposition::Scrap { .. } => "scrap",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disposed {
    pub disposition: Disposition,
    pub by: String,
    pub at: Timestamp,
}

/// What a nonconformance is about: a unit's task that failed a check, or a received lot that
/// failed its sampling inspection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NcrSubject {
    Unit { task: TaskRef, inspection: InspectionId },
    Lot { lot: LotId, inspection: LotInspectionId },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nonconformance {
    pub id: NonconformanceId,
    pub subject: NcrSubject,
    pub summary: String,
    pub opened_at: Timestamp,
    pub disposed: Option<Disposed>,
}

impl Nonconformance {
    /// The unit's task, for a unit's nonconformance.
    pub fn task(&self) -> Option<&TaskRef> {
        match &self.subject {
            NcrSubject::Unit { task, .. } => Some(task),
            NcrSubject::Lot { .. } => None,
        }
    }
    /// The inspection of a unit that opened it.
    pub fn inspection(&self) -> Option<InspectionId> {
        match &self.subject {
            NcrSubject::Unit { inspection, .. } => Some(*inspection),
            NcrSubject::Lot { .. } => None,
        }
    }
    pub fn lot(&self) -> Option<LotId> {
        match &self.subject {
            NcrSubject::Lot { lot, .. } => Some(*lot),
            NcrSubject::Unit { .. } => None,
        }
    }
}

/// A rework task: which task it reworks, for which nonconformance, for how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReworkOrder {
    pub task: TaskRef,
    pub of: TaskRef,
    pub ncr: NonconformanceId,
    pub duration_min: i64,
}

/// Where a stage of a series begins (as a count of the series' samples before it), and its
/// frozen limits once a quality engineer validated them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageMark {
    pub start: usize,
    pub label: String,
    pub frozen: Option<(f64, f64)>,
}

/// A control-chart rule that fired, with the inspections involved and what they share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalRecord {
    pub id: SignalId,
    pub series: SeriesKey,
    /// The rule's short name (`nelson2`, `we4`).
    pub rule: String,
    pub chart: String,
    pub samples: Vec<InspectionId>,
    pub shared: Context,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quality {
    pub(crate) inspections: Vec<Inspection>,
    pub(crate) by_task: BTreeMap<TaskRef, Vec<usize>>,
    pub(crate) series: BTreeMap<SeriesKey, Vec<usize>>,
    pub(crate) stages: BTreeMap<SeriesKey, Vec<StageMark>>,
    pub(crate) nonconformances: Vec<Nonconformance>,
    pub(crate) reworks: BTreeMap<TaskRef, ReworkOrder>,
    pub(crate) scrapped: BTreeMap<(PlanId, u32), NonconformanceId>,
    pub(crate) signals: Vec<SignalRecord>,
    pub(crate) reviews: Vec<Review>,
    pub(crate) field_reports: Vec<super::field::FieldReport>,
    pub(crate) incoming: BTreeMap<String, IncomingPlan>,
    pub(crate) lot_inspections: Vec<LotInspection>,
}

impl Quality {
    pub fn inspections(&self) -> &[Inspection] {
        &self.inspections
    }
    pub fn next_inspection(&self) -> InspectionId {
        InspectionId(self.inspections.len() as u32 + 1)
    }
    pub fn inspection(&self, id: InspectionId) -> Option<&Inspection> {
        self.inspections.get((id.0 as usize).checked_sub(1)?)
    }
    /// A task's inspections, oldest first.
    pub fn of_task<'a>(&'a self, task: &TaskRef) -> impl Iterator<Item = &'a Inspection> + 'a {
        self.by_task.get(task).into_iter().flatten().map(|index| &self.inspections[*index])
    }
    /// The latest inspection of one check of a task.
    pub fn latest(&self, task: &TaskRef, check: &str) -> Option<&Inspection> {
        self.of_task(task).filter(|inspection| inspection.series.check == check).last()
    }
    /// A series' inspections in the order they were recorded.
    pub fn series<'a>(&'a self, key: &SeriesKey) -> impl Iterator<Item = &'a Inspection> + 'a {
        self.series.get(key).into_iter().flatten().map(|index| &self.inspections[*index])
    }
    pub fn series_keys(&self) -> impl Iterator<Item = &SeriesKey> {
        self.series.keys()
    }
    pub fn stage_marks(&self, key: &SeriesKey) -> &[StageMark] {
        self.stages.get(key).map_or(&[], Vec::as_slice)
    }
    pub fn nonconformances(&self) -> &[Nonconformance] {
        &self.nonconformances
    }
    pub fn next_nonconformance(&self) -> NonconformanceId {
        NonconformanceId(self.nonconformances.len() as u32 + 1)
    }
    pub fn nonconformance(&self, id: NonconformanceId) -> Option<&Nonconformance> {
        self.nonconformances.get((id.0 as usize).checked_sub(1)?)
    }
    /// The nonconformance an inspection opened, if it opened one.
    pub fn opened_by(&self, inspection: InspectionId) -> Option<&Nonconformance> {
        self.nonconformances.iter().rev().find(|ncr| ncr.inspection() == Some(inspection))
    }
    /// Whether a task has inspections or rework orders (as the reworked task or the rework).
    pub fn has_records(&self, task: &TaskRef) -> bool {
        self.by_task.contains_key(task) || self.reworks.values().any(|order| &order.task == task || &order.of == task)
    }
    /// Files a task's inspections and rework orders under the task that carries it on.
    pub(crate) fn carry(&mut self, from: &TaskRef, to: &TaskRef) {
        if let Some(indices) = self.by_task.remove(from) {
            self.by_task.entry(to.clone()).or_default().extend(indices);
        }
        if let Some(mut order) = self.reworks.remove(from) {
            order.task = to.clone();
            self.reworks.insert(to.clone(), order);
        }
        for order in self.reworks.values_mut().filter(|order| &order.of == from) {
            order.of = to.clone();
        }
    }
    /// How lots of a material are sampled on receipt, if they are.
    pub fn incoming_plan(&self, material: &str) -> Option<&IncomingPlan> {
        self.incoming.get(material)
    }
    pub fn incoming_plans(&self) -> impl Iterator<Item = (&str, &IncomingPlan)> {
        self.incoming.iter().map(|(material, plan)| (material.as_str(), plan))
    }
    pub fn lot_inspections(&self) -> &[LotInspection] {
        &self.lot_inspections
    }
    pub fn next_lot_inspection(&self) -> LotInspectionId {
        LotInspectionId(self.lot_inspections.len() as u32 + 1)
    }
    pub fn rework(&self, task: &TaskRef) -> Option<&ReworkOrder> {
        self.reworks.get(task)
    }
    pub fn reworks(&self) -> impl Iterator<Item = &ReworkOrder> {
        self.reworks.values()
    }
    /// The rework orders of one task, oldest first.
    pub fn reworks_of<'a>(&'a self, task: &'a TaskRef) -> impl Iterator<Item = &'a ReworkOrder> + 'a {
        self.reworks.values().filter(move |order| &order.of == task)
    }
    /// The nonconformance that scrapped a unit of a plan.
    pub fn scrapped(&self, plan: PlanId, unit: u32) -> Option<NonconformanceId> {
        self.scrapped.get(&(plan, unit)).copied()
    }
    pub fn scrapped_units(&self, plan: PlanId) -> impl Iterator<Item = u32> + '_ {
        self.scrapped.range((plan, 0)..=(plan, u32::MAX)).map(|((_, unit), _)| *unit)
    }
    pub fn signals(&self) -> &[SignalRecord] {
        &self.signals
    }
    pub fn next_signal(&self) -> SignalId {
        SignalId(self.signals.len() as u32 + 1)
    }
    pub fn reviews(&self) -> &[Review] {
        &self.reviews
    }
    pub fn review(&self, id: ReviewId) -> Option<&Review> {
        self.reviews.get((id.0 as usize).checked_sub(1)?)
    }
    pub(crate) fn review_mut(&mut self, id: ReviewId) -> Option<&mut Review> {
        self.reviews.get_mut((id.0 as usize).checked_sub(1)?)
    }
    pub fn field_reports(&self) -> &[super::field::FieldReport] {
        &self.field_reports
    }
    pub fn next_field_report(&self) -> crate::ids::FieldReportId {
        crate::ids::FieldReportId(self.field_reports.len() as u32 + 1)
    }
    pub fn next_review(&self) -> ReviewId {
        ReviewId(self.reviews.len() as u32 + 1)
    }
    /// The open review of a design version about its field failures, if one is open.
    pub fn open_field_review(&self, design: DesignRef) -> Option<&Review> {
        self.reviews.iter().find(|review| {
            review.is_open()
                && review.flag.design == design
                && matches!(review.flag.reason, super::review::ReviewReason::FieldFailures { .. })
        })
    }
    /// The latest review of a design version about its yield, open or not.
    pub fn last_yield_review(&self, design: DesignRef) -> Option<&Review> {
        self.reviews.iter().rev().find(|review| {
            review.flag.design == design && matches!(review.flag.reason, super::review::ReviewReason::LowYield { .. })
        })
    }
    /// The open review of a design version about a series, if one is open.
    pub fn open_review(&self, design: DesignRef, series: &SeriesKey) -> Option<&Review> {
        self.reviews.iter().find(|review| {
            review.is_open()
                && review.flag.design == design
                && matches!(&review.flag.reason, super::review::ReviewReason::Signal { series: flagged, .. } if flagged == series)
        })
    }
}
