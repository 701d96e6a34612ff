//! Facts of the quality loop. An inspection carries the core's verdict; a nonconformance is
//! opened by the out-of-tolerance result in the same decision and closed by its disposition.

use super::field::FieldReport;
use super::incoming::{IncomingPlan, LotInspection};
use super::model::{
    Disposed, Disposition, Inspection, NcrSubject, Nonconformance, Quality, ReworkOrder, SeriesKey, SignalRecord,
    StageMark,
};
use super::review::{Resolution, Review, ReviewFlag};
use crate::ids::{InspectionId, NonconformanceId, ReviewId, TaskRef};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum QualityEvent {
    InspectionRecorded {
        inspection: Inspection,
    },
    NonconformanceOpened {
        ncr: NonconformanceId,
        inspection: InspectionId,
        task: TaskRef,
        summary: String,
        at: Timestamp,
    },
    NonconformanceDisposed {
        ncr: NonconformanceId,
        disposition: Disposition,
        by: String,
        at: Timestamp,
    },
    SignalRaised {
        signal: SignalRecord,
    },
    /// The stage starting at series position `start` (named `label`) keeps these limits.
    LimitsFrozen {
        series: SeriesKey,
        start: usize,
        label: String,
        center: f64,
        sigma: f64,
        by: String,
        at: Timestamp,
    },
    StageStarted {
        series: SeriesKey,
        label: String,
        by: String,
        at: Timestamp,
    },
    ReviewRaised {
        flag: ReviewFlag,
    },
    ReviewResolved {
        review: ReviewId,
        resolution: Resolution,
        by: String,
        at: Timestamp,
    },
    CapaClosed {
        review: ReviewId,
        by: String,
        at: Timestamp,
    },
    FieldReported {
        report: FieldReport,
    },
    /// Lots of `material` from outside the node are sampled on receipt (or, with `None`, no
    /// longer).
    IncomingInspectionSet {
        material: String,
        plan: Option<IncomingPlan>,
        by: String,
        at: Timestamp,
    },
    /// A received lot's sampling inspection; a rejection opens the nonconformance it names.
    LotInspected {
        inspection: LotInspection,
    },
    /// A replan moved these tasks to the plan that continues theirs: their inspections and
    /// rework orders are found under the new task from now on.
    RecordsCarried {
        moves: Vec<(TaskRef, TaskRef)>,
    },
}

impl QualityEvent {
    /// The stable name stored in the ledger's kind column.
    pub fn kind(&self) -> &'static str {
        match self {
            QualityEvent::InspectionRecorded { .. } => "InspectionRecorded",
            QualityEvent::NonconformanceOpened { .. } => "NonconformanceOpened",
            QualityEvent::NonconformanceDisposed { .. } => "NonconformanceDisposed",
            QualityEvent::SignalRaised { .. } => "SignalRaised",
            QualityEvent::LimitsFrozen { .. } => "LimitsFrozen",
            QualityEvent::StageStarted { .. } => "StageStarted",
            QualityEvent::ReviewRaised { .. } => "ReviewRaised",
            QualityEvent::ReviewResolved { .. } => "ReviewResolved",
            QualityEvent::CapaClosed { .. } => "CapaClosed",
            QualityEvent::FieldReported { .. } => "FieldReported",
            QualityEvent::IncomingInspectionSet { .. } => "IncomingInspectionSet",
            QualityEvent::LotInspected { .. } => "LotInspected",
            QualityEvent::RecordsCarried { .. } => "RecordsCarried",
        }
    }
}

impl Quality {
    pub(crate) fn apply(&mut self, event: &QualityEvent) {
        match event {
            QualityEvent::InspectionRecorded { inspection } => {
                let index = self.inspections.len();
                self.by_task.entry(inspection.task.clone()).or_default().push(index);
                self.series.entry(inspection.series.clone()).or_default().push(index);
                self.inspections.push(inspection.clone());
            }
            QualityEvent::NonconformanceOpened { ncr, inspection, task, summary, at } => {
                self.nonconformances.push(Nonconformance {
                    id: *ncr,
                    subject: NcrSubject::Unit { task: task.clone(), inspection: *inspection },
                    summary: summary.clone(),
                    opened_at: *at,
                    disposed: None,
                });
            }
            QualityEvent::NonconformanceDisposed { ncr, disposition, by, at } => {
                let Some(record) = (ncr.0 as usize).checked_sub(1).and_then(|i| self.nonconformances.get_mut(i)) else {
                    return;
                };
                match disposition {
                    Disposition::Rework { task, duration_min, .. } => {
                        let Some(of) = record.task().cloned() else { return };
                        let order = ReworkOrder { task: task.clone(), of, ncr: *ncr, duration_min: *duration_min };
                        self.reworks.insert(task.clone(), order);
                    }
                    Disposition::Scrap { .. } => {
                        if let Some(task) = record.task() {
                            self.scrapped.insert((task.plan, task.unit), *ncr);
                        }
                    }
                    Disposition::UseAsIs { .. } => {}
                }
                record.disposed = Some(Disposed { disposition: disposition.clone(), by: by.clone(), at: *at });
            }
            QualityEvent::SignalRaised { signal } => self.signals.push(signal.clone()),
            QualityEvent::LimitsFrozen { series, start, label, center, sigma, .. } => {
                let marks = self.stages.entry(series.clone()).or_default();
                match marks.iter_mut().find(|mark| mark.start == *start) {
                    Some(mark) => mark.frozen = Some((*center, *sigma)),
                    None => {
                        marks.push(StageMark { start: *start, label: label.clone(), frozen: Some((*center, *sigma)) });
                        marks.sort_by_key(|mark| mark.start);
                    }
                }
            }
            QualityEvent::ReviewRaised { flag } => {
                self.reviews.push(Review { flag: flag.clone(), resolution: None, closed: None });
            }
            QualityEvent::ReviewResolved { review, resolution, by, at } => {
                if let Some(record) = self.review_mut(*review) {
                    record.resolution = Some((resolution.clone(), by.clone(), *at));
                }
            }
            QualityEvent::CapaClosed { review, by, at } => {
                if let Some(record) = self.review_mut(*review) {
                    record.closed = Some((by.clone(), *at));
                }
            }
            QualityEvent::FieldReported { report } => self.field_reports.push(report.clone()),
            QualityEvent::IncomingInspectionSet { material, plan, .. } => match plan {
                Some(plan) => {
                    self.incoming.insert(material.clone(), *plan);
                }
                None => {
                    self.incoming.remove(material);
                }
            },
            QualityEvent::RecordsCarried { moves } => {
                for (from, to) in moves {
                    self.carry(from, to);
                }
            }
            QualityEvent::LotInspected { inspection } => {
                if let Some(ncr) = inspection.ncr {
                    self.nonconformances.push(Nonconformance {
                        id: ncr,
                        subject: NcrSubject::Lot { lot: inspection.lot, inspection: inspection.id },
                        summary: format!("lot {} of {}: {}", inspection.lot, inspection.material, inspection.verdict()),
                        opened_at: inspection.at,
                        disposed: None,
                    });
                }
                self.lot_inspections.push(inspection.clone());
            }
            QualityEvent::StageStarted { series, label, .. } => {
                let start = self.series.get(series).map_or(0, Vec::len);
                let marks = self.stages.entry(series.clone()).or_default();
                marks.retain(|mark| mark.start != start);
                marks.push(StageMark { start, label: label.clone(), frozen: None });
            }
        }
    }
}
