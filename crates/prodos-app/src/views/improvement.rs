//! The upgrade loop as the shells show it: proposals with their decision and measured effect,
//! and the three loops — throughput, maintenance, upgrade — side by side per week.

use prodos_core::improvement::{Improvement, Metric};
use prodos_core::series::{Effect, Window};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WindowView {
    /// Per week (throughput) or a share 0–1 (defect rate).
    pub value: Option<f64>,
    pub samples: u32,
    pub days: f64,
}

impl WindowView {
    fn of(window: &Window) -> WindowView {
        WindowView { value: window.value, samples: window.samples, days: (window.days * 10.0).round() / 10.0 }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImprovementView {
    pub id: String,
    pub title: String,
    /// `jig`, `tool`, `process` or `other`.
    pub kind: &'static str,
    pub expected: String,
    pub design: String,
    pub operation: String,
    /// `throughput` or `defect rate`.
    pub metric: &'static str,
    pub proposed_by: String,
    /// `proposed`, `approved`, `rejected` or `done`.
    pub status: &'static str,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
    pub done_at_ms: Option<i64>,
    /// Measured over the window before it was done and as long after (once done).
    pub before: Option<WindowView>,
    pub after: Option<WindowView>,
    pub improved: Option<bool>,
}

impl ImprovementView {
    pub fn of(improvement: &Improvement, effect: Option<&Effect>) -> ImprovementView {
        ImprovementView {
            id: improvement.id.to_string(),
            title: improvement.title.clone(),
            kind: improvement.kind.as_str(),
            expected: improvement.expected.clone(),
            design: improvement.design.to_string(),
            operation: improvement.operation.clone(),
            metric: match improvement.metric {
                Metric::Throughput => "throughput",
                Metric::DefectRate => "defect rate",
            },
            proposed_by: improvement.proposed_by.clone(),
            status: improvement.status.as_str(),
            decided_by: improvement.decision.as_ref().map(|decision| decision.by.clone()),
            decision_note: improvement.decision.as_ref().map(|decision| decision.note.clone()),
            done_at_ms: improvement.done.as_ref().map(|(_, at, _)| at.millis()),
            before: effect.map(|effect| WindowView::of(&effect.before)),
            after: effect.map(|effect| WindowView::of(&effect.after)),
            improved: effect.and_then(|effect| effect.improved),
        }
    }
}

/// One week of the three loops.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoopsWeekView {
    pub week: String,
    /// Loop A: production tasks completed (and since verified) in the week.
    pub tasks_done: u32,
    /// Loop B: work orders verified (repairs and preventive) and maintenance labor hours.
    pub work_orders_done: u32,
    pub maintenance_hours: f64,
    /// Loop C: improvements put into use.
    pub improvements_done: u32,
}
