//! `/api/incidents`: the safety record over HTTP, the same query and commands as
//! `prodos incident`. Anyone who works here reports; suspending a certification after a serious
//! incident is a coordinator's (the core decides who was involved and what is suspended).

use crate::api::extract::{ApiJson, ApiPath};
use crate::api::quality::parse;
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::safety::SafetyView;
use prodos_core::execution::TaskRef;
use prodos_core::safety::{IncidentKind, IncidentSeverity, NewIncident, SafetyCommand};
use prodos_core::{AssetId, Command, IncidentId};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentRequest {
    pub description: String,
    /// `incident` (default) or `near_miss`.
    pub kind: Option<String>,
    /// `minor` (default) or `serious`.
    pub severity: Option<String>,
    /// `PROD-0001/cut#1`: its crew are the people involved unless `people` names them.
    pub task: Option<String>,
    pub operation: Option<String>,
    /// `AST-0001`.
    pub asset: Option<String>,
    #[serde(default)]
    pub people: Vec<String>,
    /// Default: the task's skill.
    pub skill: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuspendRequest {
    /// An involved participant whose certification in the incident's skill is suspended.
    pub handle: String,
}

fn kind(text: Option<&str>) -> Result<IncidentKind, ApiError> {
    match text.unwrap_or("incident") {
        "incident" => Ok(IncidentKind::Incident),
        "near_miss" => Ok(IncidentKind::NearMiss),
        other => Err(ApiError::invalid("kind", format!("`{other}` is not incident or near_miss"))),
    }
}

fn severity(text: Option<&str>) -> Result<IncidentSeverity, ApiError> {
    match text.unwrap_or("minor") {
        "minor" => Ok(IncidentSeverity::Minor),
        "serious" => Ok(IncidentSeverity::Serious),
        other => Err(ApiError::invalid("severity", format!("`{other}` is not minor or serious"))),
    }
}

#[utoipa::path(get, path = "/api/incidents", tag = "safety",
    responses((status = 200, description = "Incidents and near misses in reported order, with the rate per 1,000 labor hours", body = SafetyView)))]
pub async fn incidents(State(state): State<AppState>) -> Json<SafetyView> {
    Json(queries::safety(&state.node))
}

#[utoipa::path(post, path = "/api/incidents", tag = "safety", request_body = IncidentRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<IncidentRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let incident = NewIncident {
        kind: kind(request.kind.as_deref())?,
        severity: severity(request.severity.as_deref())?,
        description: request.description,
        operation: request.operation,
        task: request.task.as_deref().map(|task| parse::<TaskRef>("task", task)).transpose()?,
        asset: request.asset.as_deref().map(|asset| parse::<AssetId>("asset", asset)).transpose()?,
        people: request.people,
        skill: request.skill,
    };
    let command = SafetyCommand::ReportIncident { incident, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Safety(command)).await
}

#[utoipa::path(post, path = "/api/incidents/{incident}/suspend", tag = "safety", request_body = SuspendRequest,
    params(("incident" = String, Path, description = "`INC-0001`"), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Suspended until a training challenge in the skill is passed", body = ReceiptBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn suspend(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(incident): ApiPath<String>,
    ApiJson(request): ApiJson<SuspendRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let incident = parse::<IncidentId>("incident", &incident)?;
    let command = SafetyCommand::Suspend { incident, handle: request.handle, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Safety(command)).await
}
