//! `/api/resources`: the node's production capacity as planning sees it — tools and workstations,
//! skill headcounts per level, labor and tool rates — read by members, declared by coordinators,
//! as `prodos resources` does.

use crate::api::extract::ApiJson;
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::CapacityView;
use prodos_core::PlanCommand;
use prodos_core::{Command, Millicents};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ToolCountRequest {
    pub tool: String,
    /// Units the node owns; 0 removes the tool from planning.
    pub count: i64,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillHeadcountRequest {
    pub skill: String,
    /// 1–5.
    pub level: i64,
    /// People holding the skill at exactly this level. A declared headcount replaces the
    /// certified participants for that skill; 0 at every level goes back to the participants.
    pub headcount: i64,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LaborRateRequest {
    pub skill: String,
    /// 1–5; work at higher levels without a rate uses the nearest lower level's.
    pub level: i64,
    /// Currency per hour, e.g. 32.50.
    pub rate: f64,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ToolRateRequest {
    pub tool: String,
    /// Currency per hour of use (wear, energy, depreciation).
    pub rate: f64,
}

/// A rate in currency per hour, read as `prodos resources labor-rate --rate` reads it.
fn money(rate: f64) -> Result<Millicents, ApiError> {
    Millicents::from_currency(rate)
        .ok_or_else(|| ApiError::invalid("rate", format!("{rate} is not an amount of money")))
}

#[utoipa::path(get, path = "/api/resources", tag = "resources",
    responses((status = 200, description = "Tools, skill headcounts, the working calendar and rates", body = CapacityView),
              (status = 401, body = ErrorBody)))]
pub async fn show(State(state): State<AppState>) -> Json<CapacityView> {
    Json(queries::capacity(&state.node))
}

#[utoipa::path(post, path = "/api/resources/tools", tag = "resources", request_body = ToolCountRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 422, body = ErrorBody)))]
pub async fn tool(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ToolCountRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let command = Command::Plan(PlanCommand::DeclareToolCount { tool: request.tool, count: request.count });
    execute(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/resources/skills", tag = "resources", request_body = SkillHeadcountRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 422, body = ErrorBody)))]
pub async fn skill(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<SkillHeadcountRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let command = Command::Plan(PlanCommand::DeclareSkillHeadcount {
        skill: request.skill,
        level: request.level,
        headcount: request.headcount,
    });
    execute(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/resources/labor-rates", tag = "resources", request_body = LaborRateRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 422, body = ErrorBody)))]
pub async fn labor_rate(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LaborRateRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let command = Command::Plan(PlanCommand::SetLaborRate {
        skill: request.skill,
        level: request.level,
        rate_per_hour: money(request.rate)?,
    });
    execute(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/resources/tool-rates", tag = "resources", request_body = ToolRateRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 422, body = ErrorBody)))]
pub async fn tool_rate(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ToolRateRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let command = Command::Plan(PlanCommand::SetToolRate { tool: request.tool, rate_per_hour: money(request.rate)? });
    execute(&state, &principal, &headers, command).await
}
