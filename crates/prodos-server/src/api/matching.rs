//! Labor matching over HTTP: coordinators propose and confirm crews for a committed plan;
//! participants accept or decline their own places and offer them to someone else (swap).

use crate::api::extract::{ApiJson, ApiPath};
use crate::api::plans::plan_id;
use crate::api::task_path::task_ref;
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use prodos_app::matching::MatchView;
use prodos_app::queries;
use prodos_core::Command;
use prodos_core::execution::TaskRef;
use prodos_core::matching::MatchingCommand;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclineRequest {
    pub reason: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SwapRequest {
    /// Who takes the caller's place; they must accept it.
    pub with: String,
}

/// The path of a participant's own place, `/api/tasks/{plan}/{operation}/{unit}/…`, documented once
/// for the accept, decline and swap routes.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TaskPlace {
    /// `PROD-0031`
    plan: String,
    /// Operation id
    operation: String,
    /// Unit, from 1
    #[param(value_type = u32)]
    unit: String,
}

/// The place a participant acts on through `/api/tasks/{plan}/{operation}/{unit}/…`: the task the path
/// names and the caller's own handle, the same way for accept, decline and swap.
fn own_place(principal: &Principal, place: &TaskPlace) -> Result<(TaskRef, String), ApiError> {
    Ok((task_ref(&place.plan, &place.operation, &place.unit)?, principal.handle.clone()))
}

#[utoipa::path(get, path = "/api/plans/{plan}/match", tag = "matching",
    params(("plan" = String, Path, description = "`PROD-0031`")),
    responses((status = 200, description = "Crews per task: proposed, confirmed, accepted, declined, unfilled", body = Object),
              (status = 404, body = ErrorBody)))]
pub async fn show(State(state): State<AppState>, ApiPath(plan): ApiPath<String>) -> Result<Json<MatchView>, ApiError> {
    let plan = plan_id(&plan)?;
    Ok(Json(queries::match_view(&state.node, plan)?))
}

#[utoipa::path(post, path = "/api/plans/{plan}/match", tag = "matching",
    params(("plan" = String, Path, description = "`PROD-0031`"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "The matcher's crews, recorded as a proposal", body = ReceiptBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn propose(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(plan): ApiPath<String>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let plan = plan_id(&plan)?;
    let by = principal.handle.clone();
    let now = state.now();
    let run = queries::match_proposal(&state.node, plan, &by, now)?;
    execute(&state, &principal, &headers, run.command).await
}

#[utoipa::path(post, path = "/api/plans/{plan}/match/confirm", tag = "matching",
    params(("plan" = String, Path, description = "`PROD-0031`"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn confirm(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(plan): ApiPath<String>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let plan = plan_id(&plan)?;
    let by = principal.handle.clone();
    execute(&state, &principal, &headers, Command::Matching(MatchingCommand::ConfirmMatch { plan, by })).await
}

#[utoipa::path(post, path = "/api/tasks/{plan}/{operation}/{unit}/accept", tag = "matching",
    params(TaskPlace, ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "The caller accepted their place (or a swap offered to them)", body = ReceiptBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(place): ApiPath<TaskPlace>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let (task, handle) = own_place(&principal, &place)?;
    execute(&state, &principal, &headers, Command::Matching(MatchingCommand::Accept { task, handle })).await
}

#[utoipa::path(post, path = "/api/tasks/{plan}/{operation}/{unit}/decline", tag = "matching", request_body = DeclineRequest,
    params(TaskPlace, ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Declined; the matcher adds a replacement when anyone fits", body = ReceiptBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decline(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(place): ApiPath<TaskPlace>,
    ApiJson(request): ApiJson<DeclineRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let (task, handle) = own_place(&principal, &place)?;
    let now = state.now();
    let command = queries::decline(&state.node, &task, &handle, &request.reason, now)?;
    execute(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/tasks/{plan}/{operation}/{unit}/swap", tag = "matching", request_body = SwapRequest,
    params(TaskPlace, ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "The caller's place offered to `with`, who must accept it", body = ReceiptBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn swap(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(place): ApiPath<TaskPlace>,
    ApiJson(request): ApiJson<SwapRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    // Only one's own place can be given away; a coordinator re-matches instead.
    let (task, from) = own_place(&principal, &place)?;
    execute(&state, &principal, &headers, Command::Matching(MatchingCommand::Swap { task, from, to: request.with }))
        .await
}
