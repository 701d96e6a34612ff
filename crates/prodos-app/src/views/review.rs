//! Wire view of a design-review flag: what raised it, the evidence, and how it was answered.

use prodos_core::State;
use prodos_core::quality::{Resolution, Review, ReviewReason};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewView {
    pub id: String,
    /// The flagged version, `DES-0001@v1`.
    pub design: String,
    /// `signal` (a control-chart rule) or `field failures`.
    pub reason: &'static str,
    /// For a signal: its id, rule, operation and check.
    pub signal: Option<String>,
    pub rule: Option<String>,
    pub operation: Option<String>,
    pub check: Option<String>,
    /// For field failures: the reports.
    pub field_reports: Vec<String>,
    pub evidence: Vec<String>,
    pub raised_at_ms: i64,
    /// `open`, `answered by v2`, `capa open`, `closed`.
    pub status: String,
    pub resolved_by: Option<String>,
    /// The answering version.
    pub new_version: Option<u32>,
    pub capa_owner: Option<String>,
    pub capa_due: Option<String>,
    pub capa_action: Option<String>,
    /// Samples the effectiveness check needs, and those recorded since the action.
    pub capa_samples: Option<u32>,
    pub capa_samples_since: Option<usize>,
}

impl ReviewView {
    pub fn of(state: &State, review: &Review) -> ReviewView {
        let mut view = ReviewView {
            id: review.flag.id.to_string(),
            design: review.flag.design.to_string(),
            reason: "signal",
            signal: None,
            rule: None,
            operation: None,
            check: None,
            field_reports: Vec::new(),
            evidence: review.flag.evidence.clone(),
            raised_at_ms: review.flag.raised_at.millis(),
            status: review.status(),
            resolved_by: review.resolution.as_ref().map(|(_, by, _)| by.clone()),
            new_version: None,
            capa_owner: None,
            capa_due: None,
            capa_action: None,
            capa_samples: None,
            capa_samples_since: None,
        };
        match &review.flag.reason {
            ReviewReason::Signal { signal, series, rule } => {
                view.signal = Some(signal.to_string());
                view.rule = Some(rule.clone());
                view.operation = Some(series.operation.clone());
                view.check = Some(series.check.clone());
            }
            ReviewReason::FieldFailures { reports } => {
                view.reason = "field failures";
                view.field_reports = reports.iter().map(ToString::to_string).collect();
            }
            ReviewReason::LowYield { .. } => view.reason = "low yield",
        }
        match review.resolution.as_ref().map(|(resolution, ..)| resolution) {
            Some(Resolution::NewVersion { version }) => view.new_version = Some(*version),
            Some(Resolution::Capa(capa)) => {
                view.capa_owner = Some(capa.owner.clone());
                view.capa_due = Some(capa.due.to_string());
                view.capa_action = Some(capa.action.clone());
                view.capa_samples = Some(capa.samples);
                let progress =
                    prodos_core::orchestration::review::progress(state, &review.flag.reason, review.flag.design);
                view.capa_samples_since = Some(progress.saturating_sub(capa.from_sample));
            }
            None => {}
        }
        view
    }
}
