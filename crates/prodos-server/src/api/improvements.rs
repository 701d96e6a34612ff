//! `/api/improvements`: the upgrade loop over HTTP, the same queries and commands as
//! `prodos upgrade`. Anyone who works here proposes and closes; deciding is a coordinator's.

use crate::api::extract::{ApiJson, ApiPath, ApiQuery};
use crate::api::quality::parse;
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::improvement::{ImprovementView, LoopsWeekView};
use prodos_core::improvement::{ImprovementCommand, ImprovementKind, Metric, NewProposal};
use prodos_core::{Command, DesignId, ImprovementId};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalRequest {
    pub title: String,
    /// `jig`, `tool`, `process` (default) or `other`.
    pub kind: Option<String>,
    pub expected: String,
    /// `DES-0001`.
    pub design: String,
    pub operation: String,
    /// `throughput` or `defect_rate`.
    pub metric: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    pub approve: bool,
    pub note: String,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseRequest {
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct LoopsQuery {
    /// Calendar weeks back, this one included (default 8).
    pub weeks: Option<u32>,
}

#[utoipa::path(get, path = "/api/improvements", tag = "improvement",
    responses((status = 200, description = "Proposals in the order made, done ones with their measured before and after", body = Vec<ImprovementView>)))]
pub async fn list(State(state): State<AppState>) -> Json<Vec<ImprovementView>> {
    Json(queries::improvements(&state.node, state.now()))
}

#[utoipa::path(post, path = "/api/improvements", tag = "improvement", request_body = ProposalRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn propose(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ProposalRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let kind = match request.kind.as_deref().unwrap_or("process") {
        "jig" => ImprovementKind::Jig,
        "tool" => ImprovementKind::Tool,
        "process" => ImprovementKind::Process,
        "other" => ImprovementKind::Other,
        other => return Err(ApiError::invalid("kind", format!("`{other}` is not jig, tool, process or other"))),
    };
    let metric = match request.metric.as_str() {
        "throughput" => Metric::Throughput,
        "defect_rate" => Metric::DefectRate,
        other => return Err(ApiError::invalid("metric", format!("`{other}` is not throughput or defect_rate"))),
    };
    let proposal = NewProposal {
        title: request.title,
        kind,
        expected: request.expected,
        design: parse::<DesignId>("design", &request.design)?,
        operation: request.operation,
        metric,
    };
    let command = ImprovementCommand::Propose { proposal, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Improvement(command)).await
}

#[utoipa::path(post, path = "/api/improvements/{proposal}/decide", tag = "improvement", request_body = DecisionRequest,
    params(("proposal" = String, Path, description = "`IMP-0001`"), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(proposal): ApiPath<String>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let proposal = parse::<ImprovementId>("proposal", &proposal)?;
    let command = ImprovementCommand::Decide {
        proposal,
        approve: request.approve,
        note: request.note,
        by: principal.handle.clone(),
    };
    execute(&state, &principal, &headers, Command::Improvement(command)).await
}

#[utoipa::path(post, path = "/api/improvements/{proposal}/close", tag = "improvement", request_body = CloseRequest,
    params(("proposal" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "In use from now; its effect is measured from here", body = ReceiptBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn close(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(proposal): ApiPath<String>,
    ApiJson(request): ApiJson<CloseRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let proposal = parse::<ImprovementId>("proposal", &proposal)?;
    let command = ImprovementCommand::Close { proposal, note: request.note, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Improvement(command)).await
}

#[utoipa::path(get, path = "/api/loops", tag = "improvement", params(LoopsQuery),
    responses((status = 200, description = "Throughput, maintenance and upgrade per week", body = Vec<LoopsWeekView>),
              (status = 422, body = ErrorBody)))]
pub async fn loops(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<LoopsQuery>,
) -> Result<Json<Vec<LoopsWeekView>>, ApiError> {
    let weeks = query.weeks.unwrap_or(8);
    if !(1..=520).contains(&weeks) {
        return Err(ApiError::invalid("weeks", format!("{weeks} is not between 1 and 520")));
    }
    Ok(Json(queries::loops(&state.node, weeks, state.now())))
}
