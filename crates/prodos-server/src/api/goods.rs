//! `/api/goods` and `/api/entitlements`: finished units as goods with serial numbers, who may
//! receive goods of which design, and the one-time release of a good to an entitled participant.

use crate::api::extract::{ApiJson, ApiPath};
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::people::{EntitlementView, GoodView};
use prodos_core::distribution::DistributionCommand;
use prodos_core::{Command, DesignSelector, Milli};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProduceRequest {
    /// `DES-0001` or `DES-0001@v2`.
    pub design: String,
    /// Defaults to DESIGN-KEY-NNNN.
    pub serial: Option<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DistributeRequest {
    /// The entitled participant who receives the good.
    pub to: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantEntitlementRequest {
    pub handle: String,
    pub design: String,
    /// Goods the entitlement covers (default 1).
    pub qty: Option<i64>,
    /// Credits each release costs (default 0).
    pub cost_credits: Option<f64>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EarnEntitlementRequest {
    /// The design of the good, earned for the caller through the contribution gate for goods.
    pub design: String,
}

fn design(text: &str) -> Result<DesignSelector, ApiError> {
    text.parse().map_err(|error: prodos_core::IdParseError| ApiError::invalid("design", error.to_string()))
}

async fn distribution(
    state: &AppState,
    principal: &Principal,
    headers: &HeaderMap,
    command: DistributionCommand,
) -> Result<Json<ReceiptBody>, ApiError> {
    execute(state, principal, headers, Command::Distribution(command)).await
}

#[utoipa::path(get, path = "/api/goods", tag = "goods",
    responses((status = 200, description = "Goods with their serial numbers and who received them", body = Vec<GoodView>)))]
pub async fn list(State(state): State<AppState>) -> Json<Vec<GoodView>> {
    Json(queries::goods(&state.node))
}

#[utoipa::path(post, path = "/api/goods", tag = "goods", request_body = ProduceRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn produce(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ProduceRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let by = principal.handle.clone();
    let command = DistributionCommand::ProduceGood {
        design: design(&request.design)?,
        serial: request.serial,
        note: request.note,
        by,
    };
    distribution(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/goods/{good}/distribute", tag = "goods", request_body = DistributeRequest,
    params(("good" = String, Path, description = "`GOOD-0001` or the serial number"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn distribute(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(good): ApiPath<String>,
    ApiJson(request): ApiJson<DistributeRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let by = principal.handle.clone();
    distribution(&state, &principal, &headers, DistributionCommand::Distribute { good, to: request.to, by }).await
}

#[utoipa::path(get, path = "/api/entitlements", tag = "goods",
    responses((status = 200, description = "Entitlements with how many goods each has left", body = Vec<EntitlementView>)))]
pub async fn entitlements(State(state): State<AppState>) -> Json<Vec<EntitlementView>> {
    Json(queries::entitlements(&state.node))
}

#[utoipa::path(post, path = "/api/entitlements", tag = "goods", request_body = GrantEntitlementRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn grant(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<GrantEntitlementRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let by = principal.handle.clone();
    let cost = request.cost_credits.unwrap_or(0.0);
    let cost_credits =
        Milli::from_f64(cost).ok_or_else(|| ApiError::invalid("cost_credits", format!("{cost} is out of range")))?;
    let command = DistributionCommand::GrantEntitlement {
        handle: request.handle,
        design: design(&request.design)?,
        qty: request.qty.unwrap_or(1),
        cost_credits,
        by,
    };
    distribution(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/entitlements/earn", tag = "goods", request_body = EarnEntitlementRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, description = "The contribution gate is closed", body = ErrorBody)))]
pub async fn earn(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<EarnEntitlementRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let handle = principal.handle.clone();
    let command = DistributionCommand::EarnEntitlement { handle, design: design(&request.design)? };
    distribution(&state, &principal, &headers, command).await
}
