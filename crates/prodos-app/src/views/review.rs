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
    pub signal: String,
    pub rule: String,
    pub operation: String,
    pub check: String,
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
        let ReviewReason::Signal { signal, series, rule } = &review.flag.reason;
        let mut view = ReviewView {
            id: review.flag.id.to_string(),
            design: review.flag.design.to_string(),
            signal: signal.to_string(),
            rule: rule.clone(),
            operation: series.operation.clone(),
            check: series.check.clone(),
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
        match review.resolution.as_ref().map(|(resolution, ..)| resolution) {
            Some(Resolution::NewVersion { version }) => view.new_version = Some(*version),
            Some(Resolution::Capa(capa)) => {
                view.capa_owner = Some(capa.owner.clone());
                view.capa_due = Some(capa.due.to_string());
                view.capa_action = Some(capa.action.clone());
                view.capa_samples = Some(capa.samples);
                view.capa_samples_since = Some(state.quality.series(series).count().saturating_sub(capa.from_sample));
            }
            None => {}
        }
        view
    }
}
