//! Wire views of the quality loop: inspections, nonconformances with their dispositions, and a
//! check's control chart with its stages, signals and capability, for `--json`, the API and pages.

use prodos_core::State;
use prodos_core::measure::{Conformity, Measurement};
use prodos_core::quality::{Disposition, Inspection, NcrSubject, Nonconformance, SignalRecord};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionView {
    pub id: String,
    pub task: String,
    pub design: String,
    pub operation: String,
    pub check: String,
    /// The measured values; empty for a pass/fail check.
    pub values: Vec<f64>,
    /// For a pass/fail check: whether it passed.
    pub passed: Option<bool>,
    pub in_tolerance: bool,
    pub by: String,
    pub at_ms: i64,
    pub instrument: Option<String>,
    pub note: String,
    /// The nonconformance this result opened.
    pub ncr: Option<String>,
}

impl InspectionView {
    pub fn of(state: &State, inspection: &Inspection) -> InspectionView {
        let (values, passed) = match &inspection.measurement {
            Measurement::Values(values) => (values.clone(), None),
            Measurement::Attribute { passed } => (Vec::new(), Some(*passed)),
        };
        InspectionView {
            id: inspection.id.to_string(),
            task: inspection.task.to_string(),
            design: inspection.design.to_string(),
            operation: inspection.series.operation.clone(),
            check: inspection.series.check.clone(),
            values,
            passed,
            in_tolerance: inspection.conformity == Conformity::InTolerance,
            by: inspection.by.clone(),
            at_ms: inspection.at.millis(),
            instrument: inspection.instrument.clone(),
            note: inspection.note.clone(),
            ncr: state.quality.opened_by(inspection.id).map(|ncr| ncr.id.to_string()),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WriteOffView {
    pub lot: String,
    pub material: String,
    pub qty: String,
    pub provenance: String,
    pub cost: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NonconformanceView {
    pub id: String,
    /// What it is about: a unit's task (`PROD-0031/setup#2`) or a received lot (`lot L-0007`).
    pub subject: String,
    /// The unit's task, for a unit's nonconformance.
    pub task: Option<String>,
    /// The received lot, for a lot's.
    pub lot: Option<String>,
    /// The inspection that opened it (`INS-…` of a unit, `LIN-…` of a lot).
    pub inspection: String,
    pub summary: String,
    pub opened_at_ms: i64,
    /// `open`, `rework`, `use as is` or `scrap`.
    pub status: &'static str,
    pub disposed_by: Option<String>,
    pub disposed_at_ms: Option<i64>,
    /// The reason (use as is, scrap) or the rework's note.
    pub reason: Option<String>,
    /// The rework task, and its status, for a rework.
    pub rework_task: Option<String>,
    pub rework_status: Option<&'static str>,
    pub written_off: Vec<WriteOffView>,
    pub scrap_cost: Option<String>,
}

impl NonconformanceView {
    pub fn of(state: &State, ncr: &Nonconformance) -> NonconformanceView {
        let mut view = NonconformanceView {
            id: ncr.id.to_string(),
            subject: match &ncr.subject {
                NcrSubject::Unit { task, .. } => task.to_string(),
                NcrSubject::Lot { lot, .. } => format!("lot {lot}"),
            },
            task: ncr.task().map(ToString::to_string),
            lot: ncr.lot().map(|lot| lot.to_string()),
            inspection: match &ncr.subject {
                NcrSubject::Unit { inspection, .. } => inspection.to_string(),
                NcrSubject::Lot { inspection, .. } => inspection.to_string(),
            },
            summary: ncr.summary.clone(),
            opened_at_ms: ncr.opened_at.millis(),
            status: "open",
            disposed_by: None,
            disposed_at_ms: None,
            reason: None,
            rework_task: None,
            rework_status: None,
            written_off: Vec::new(),
            scrap_cost: None,
        };
        if let Some(disposed) = &ncr.disposed {
            view.status = disposed.disposition.as_str();
            view.disposed_by = Some(disposed.by.clone());
            view.disposed_at_ms = Some(disposed.at.millis());
            match &disposed.disposition {
                Disposition::Rework { task, note, .. } => {
                    view.reason = Some(note.clone()).filter(|note| !note.is_empty());
                    view.rework_task = Some(task.to_string());
                    view.rework_status = Some(state.execution.task(task).status.as_str());
                }
                Disposition::UseAsIs { reason } => view.reason = Some(reason.clone()),
                Disposition::Scrap { reason, written_off, cost } => {
                    view.reason = Some(reason.clone());
                    view.scrap_cost = Some(format!("{:.2}", cost.as_currency()));
                    view.written_off = written_off
                        .iter()
                        .map(|line| WriteOffView {
                            lot: line.lot.to_string(),
                            material: line.material.clone(),
                            qty: line.qty.to_string(),
                            provenance: line.provenance.to_string(),
                            cost: format!("{:.2}", line.cost.as_currency()),
                        })
                        .collect();
                }
            }
        }
        view
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignalView {
    pub id: String,
    /// `Nelson 2`, `Western Electric 4`, …
    pub rule: String,
    pub chart: String,
    /// The inspections involved.
    pub samples: Vec<String>,
    /// What every sample shares: people, tools, lots.
    pub shared_crew: Vec<String>,
    pub shared_tools: Vec<String>,
    pub shared_lots: Vec<String>,
    pub at_ms: i64,
}

impl SignalView {
    pub fn of(signal: &SignalRecord) -> SignalView {
        SignalView {
            id: signal.id.to_string(),
            rule: signal.rule.clone(),
            chart: signal.chart.clone(),
            samples: signal.samples.iter().map(ToString::to_string).collect(),
            shared_crew: signal.shared.crew.clone(),
            shared_tools: signal.shared.tools.clone(),
            shared_lots: signal.shared.lots.iter().map(ToString::to_string).collect(),
            at_ms: signal.at.millis(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChartPointView {
    pub inspection: String,
    pub value: f64,
    /// Moving range or subgroup range; none at a stage's first point of an I–MR chart.
    pub range: Option<f64>,
    pub stage: usize,
    /// Rules signalled at or involving this point.
    pub signalled: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChartStageView {
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub frozen: bool,
    pub baseline_points: usize,
    pub center: f64,
    pub sigma: f64,
    pub lcl: f64,
    pub ucl: f64,
    pub range_center: f64,
    pub range_ucl: f64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CapabilityView {
    pub cp: Option<f64>,
    pub cpk: Option<f64>,
    pub pp: Option<f64>,
    pub ppk: Option<f64>,
    /// `capable` (Cpk ≥ 1.33), `marginal` (1.00–1.33) or `not capable` (< 1.00).
    pub band: Option<&'static str>,
    pub mean: f64,
    pub sigma_within: f64,
    pub sigma_overall: f64,
}

/// A check's control chart: `spc show DESIGN CHECK`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpcView {
    pub design: String,
    pub operation: String,
    pub check: String,
    pub check_name: String,
    pub spec: String,
    pub unit: String,
    pub lower_spec: Option<f64>,
    pub upper_spec: Option<f64>,
    /// `individuals` (I–MR) or `mean` (X̄–R).
    pub chart: String,
    pub rules: Vec<String>,
    pub points: Vec<ChartPointView>,
    pub stages: Vec<ChartStageView>,
    /// Signals recorded in the ledger for this series, oldest first.
    pub signals: Vec<SignalView>,
    /// Of the current stage, against the specification.
    pub capability: Option<CapabilityView>,
}
