//! Quality: inspections of finished work against the design's checks, nonconformances and their
//! dispositions (rework, use as is, scrap), and the control-chart signals each check's series
//! raises. The area keeps the record; what an inspection or disposition needs from plans, tasks,
//! designs and people is decided in `crate::orchestration::inspection` and `::nonconformance`.

pub mod command;
pub mod event;
pub mod field;
pub mod incoming;
pub mod model;
pub mod review;
pub mod series;
pub mod yields;

pub use command::{DispositionChoice, QualityCommand, ResolutionChoice};
pub use event::QualityEvent;
pub use field::{FieldKind, FieldReport};
pub use incoming::{IncomingPlan, InspectionLevel, LotInspection, SamplingPlan};
pub use model::{
    Context, Disposed, Disposition, Inspection, NcrSubject, Nonconformance, Quality, ReworkOrder, SeriesKey,
    SignalRecord, StageMark, WriteOff,
};
pub use review::{Capa, Resolution, Review, ReviewFlag, ReviewReason};
