//! A design's quality page: for each measured check its control chart (SVG drawn by
//! `prodos_app::views::quality_chart`), the limits of every stage, the capability of the current
//! one and the signals the rules raised; then the design's nonconformances and their dispositions.
//! Above them, each version's lifetime score.

use crate::api::extract::ApiPath;
use crate::auth::Principal;
use crate::error::ApiError;
use crate::pages::{Chrome, cached_page, render_bytes};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use prodos_app::queries;
use prodos_app::views::design_score::DesignScoreView;
use prodos_app::views::quality::{NonconformanceView, SignalView, SpcView};
use prodos_app::views::quality_chart::{control_chart_svg, format_value, precision};
use prodos_core::{DesignId, DesignSelector};

/// One stage's limits, formatted at the chart's precision.
struct StageRow {
    label: String,
    /// Sample numbers, 1-based: `1–20`.
    samples: String,
    frozen: bool,
    baseline_points: usize,
    center: String,
    sigma: String,
    lcl: String,
    ucl: String,
    range_center: String,
    range_ucl: String,
}

/// The current stage's capability; `–` where an index cannot be computed (a one-sided spec).
struct CapabilityRow {
    cp: String,
    cpk: String,
    pp: String,
    ppk: String,
    /// `capable`, `marginal`, `not capable`, or none without a Cpk.
    band: Option<&'static str>,
    /// The CSS class of the band: `capable`, `marginal`, `not-capable`.
    band_class: String,
    mean: String,
    sigma_within: String,
    sigma_overall: String,
}

/// One measured check of the design.
struct CheckSection {
    /// For the anchor and the JSON link: `setup-neck-relief`.
    anchor: String,
    chart: SpcView,
    /// `individuals (I–MR)` or `subgroup means (X̄–R)`.
    chart_kind: &'static str,
    svg: String,
    stages: Vec<StageRow>,
    capability: Option<CapabilityRow>,
    signals: Vec<SignalView>,
    signalled_points: usize,
}

/// A nonconformance with the plan its task belongs to, for the link.
struct NcrRow {
    ncr: NonconformanceView,
    plan: String,
    rework_plan: Option<String>,
}

#[derive(Template)]
#[template(path = "quality.html")]
struct QualityPage {
    chrome: Chrome,
    /// `DES-0001`, without a version: the series span every version.
    design: String,
    name: String,
    checks: Vec<CheckSection>,
    ncrs: Vec<NcrRow>,
    /// Each version's lifetime score, latest first.
    scores: Vec<DesignScoreView>,
}

fn optional(value: Option<f64>) -> String {
    value.filter(|value| value.is_finite()).map_or_else(|| "–".into(), |value| format!("{value:.2}"))
}

fn section(chart: SpcView) -> CheckSection {
    let digits = precision(&chart);
    let value = |value: f64| format_value(value, digits);
    let stages = chart
        .stages
        .iter()
        .map(|stage| StageRow {
            label: stage.label.clone(),
            samples: if stage.end > stage.start {
                format!("{}–{}", stage.start + 1, stage.end)
            } else {
                "none yet".into()
            },
            frozen: stage.frozen,
            baseline_points: stage.baseline_points,
            center: value(stage.center),
            sigma: value(stage.sigma),
            lcl: value(stage.lcl),
            ucl: value(stage.ucl),
            range_center: value(stage.range_center),
            range_ucl: value(stage.range_ucl),
        })
        .collect();
    let capability = chart.capability.as_ref().map(|capability| CapabilityRow {
        cp: optional(capability.cp),
        cpk: optional(capability.cpk),
        pp: optional(capability.pp),
        ppk: optional(capability.ppk),
        band: capability.band,
        band_class: capability.band.unwrap_or("unknown").replace(' ', "-"),
        mean: value(capability.mean),
        sigma_within: value(capability.sigma_within),
        sigma_overall: value(capability.sigma_overall),
    });
    CheckSection {
        anchor: format!("{}-{}", chart.operation, chart.check),
        chart_kind: if chart.chart == "mean" { "subgroup means (X̄–R)" } else { "individuals (I–MR)" },
        svg: control_chart_svg(&chart),
        stages,
        capability,
        signals: chart.signals.clone(),
        signalled_points: chart.points.iter().filter(|point| !point.signalled.is_empty()).count(),
        chart,
    }
}

/// The plan of a task reference `PROD-0010/fret#2`.
fn plan_of(task: &str) -> String {
    task.split('/').next().unwrap_or(task).to_string()
}

fn quality_page(state: &AppState, principal: &Principal, design: DesignId, name: String) -> Result<Bytes, ApiError> {
    let charts = queries::design_charts(&state.node, design);
    let ncrs = queries::design_nonconformances(&state.node, design);
    let mut scores = queries::design_scores(&state.node, design, state.now())?;
    scores.reverse();
    let checks = charts?.into_iter().map(section).collect();
    let ncrs = ncrs
        .into_iter()
        .map(|ncr| NcrRow { plan: plan_of(&ncr.subject), rework_plan: ncr.rework_task.as_deref().map(plan_of), ncr })
        .collect();
    let page = QualityPage {
        chrome: Chrome::new(state, Some(principal), true),
        design: design.to_string(),
        name,
        checks,
        ncrs,
        scores,
    };
    render_bytes(&page)
}

pub async fn quality(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiPath(design): ApiPath<String>,
) -> Result<Response, ApiError> {
    // The design page's lookup, so an unknown or malformed design answers as it does there.
    let axum::Json(detail) = crate::api::designs::show(State(state.clone()), ApiPath(design.clone())).await?;
    let selector: DesignSelector = design.parse().map_err(ApiError::internal)?;
    let id = selector.design;
    // The score counts time in service to today, so a page rendered yesterday is not today's.
    let today = prodos_core::calendar::Day::of(state.now());
    cached_page(&state, &principal, format!("/designs/{id}/quality@{today}"), || {
        quality_page(&state, &principal, id, detail.name)
    })
}
