//! `/api/credits`: time credits earned from verified labor, their decay and spending, and
//! reputation shown in its parts. Every member may read every balance, as the ledger itself is
//! readable by every member. Labor done outside a plan's tasks is recorded by the one who
//! verifies it (never by the worker); `/api/credit-policy` holds the coordinators' settings:
//! decay, weights per skill and level, and contribution gates.

use crate::api::extract::{ApiJson, ApiPath};
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::CreditSettingsView;
use prodos_app::views::people::{CreditBalanceView, CreditRowView};
use prodos_core::credits::{CreditsCommand, Privilege};
use prodos_core::{Command, Milli};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LaborRequest {
    pub skill: String,
    /// 1–5: the level the work asked for.
    pub level: i64,
    /// Verified hours, more than 0 and at most 24 per record.
    pub hours: f64,
    #[serde(default)]
    pub note: String,
}

/// Fields left out keep their current values, as `prodos credits policy` does.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditPolicyRequest {
    /// Share lost at each 30-day boundary, in basis points (500 = 5 %).
    pub decay_rate_per_period_bp: Option<i64>,
    /// Credits per verified hour where no skill weight is set.
    pub default_weight_per_hour: Option<f64>,
    /// Credits an entitlement earned through the goods gate costs.
    pub earned_entitlement_cost_credits: Option<f64>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditWeightRequest {
    pub skill: String,
    /// 1–5; higher levels without a weight use the nearest lower level's.
    pub level: i64,
    /// Credits per verified hour of this work.
    pub weight_per_hour: f64,
}

/// The privilege a contribution gate guards.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GatedPrivilege {
    /// Taking operations from `from_level` up.
    Work,
    /// Receiving goods (earning entitlements).
    Goods,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GateRequest {
    pub privilege: GatedPrivilege,
    /// Verified hours needed within the window.
    pub min_hours: f64,
    /// The trailing window, 1–3650 days.
    pub window_days: i64,
    /// For `work`: operations from this level up are gated (default 4).
    pub from_level: Option<i64>,
}

fn milli(field: &str, value: f64) -> Result<Milli, ApiError> {
    Milli::from_f64(value).ok_or_else(|| ApiError::invalid(field, format!("{value} is not a number")))
}

async fn credits(
    state: &AppState,
    principal: &Principal,
    headers: &HeaderMap,
    command: CreditsCommand,
) -> Result<Json<ReceiptBody>, ApiError> {
    execute(state, principal, headers, Command::Credits(command)).await
}

#[utoipa::path(get, path = "/api/credits", tag = "credits",
    responses((status = 200, description = "Every participant's balance (earned − decayed − spent) and reputation parts", body = Vec<CreditBalanceView>)))]
pub async fn balances(State(state): State<AppState>) -> Json<Vec<CreditBalanceView>> {
    let now = state.now();
    Json(queries::credit_balances(&state.node, now))
}

#[utoipa::path(get, path = "/api/credits/{handle}", tag = "credits",
    params(("handle" = String, Path, description = "The participant")),
    responses((status = 200, body = CreditBalanceView), (status = 404, body = ErrorBody)))]
pub async fn balance(
    State(state): State<AppState>,
    ApiPath(handle): ApiPath<String>,
) -> Result<Json<CreditBalanceView>, ApiError> {
    Ok(Json(queries::credit_balance(&state.node, &handle, state.now())?))
}

#[utoipa::path(get, path = "/api/credits/{handle}/history", tag = "credits",
    params(("handle" = String, Path, description = "The participant")),
    responses((status = 200, description = "Every credit change: labor earned, monthly decay steps, goods paid for", body = Vec<CreditRowView>),
              (status = 404, body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    ApiPath(handle): ApiPath<String>,
) -> Result<Json<Vec<CreditRowView>>, ApiError> {
    Ok(Json(queries::credit_history(&state.node, &handle, state.now())?))
}

#[utoipa::path(post, path = "/api/credits/{handle}/labor", tag = "credits", request_body = LaborRequest,
    params(("handle" = String, Path, description = "Who did the work; never the caller"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Labor done outside a plan's tasks, verified by the caller (a coordinator or someone certified at its level)", body = ReceiptBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn labor(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(handle): ApiPath<String>,
    ApiJson(request): ApiJson<LaborRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let verified_by = principal.handle.clone();
    let command = CreditsCommand::RecordLabor {
        handle,
        skill: request.skill,
        level: request.level,
        hours: milli("hours", request.hours)?,
        verified_by,
        note: request.note,
    };
    credits(&state, &principal, &headers, command).await
}

#[utoipa::path(get, path = "/api/credit-policy", tag = "credits",
    responses((status = 200, description = "The credit policy, the weights per skill and level, and the contribution gates", body = CreditSettingsView),
              (status = 401, body = ErrorBody)))]
pub async fn settings(State(state): State<AppState>) -> Json<CreditSettingsView> {
    Json(queries::credit_settings(&state.node))
}

#[utoipa::path(post, path = "/api/credit-policy", tag = "credits", request_body = CreditPolicyRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Set by the caller, a coordinator (nothing recorded when unchanged)", body = ReceiptBody),
              (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_policy(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CreditPolicyRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let by = principal.handle.clone();
    let amount = |field: &str, value: Option<f64>| value.map(|value| milli(field, value)).transpose();
    let default_weight = amount("default_weight_per_hour", request.default_weight_per_hour)?;
    let earned_cost = amount("earned_entitlement_cost_credits", request.earned_entitlement_cost_credits)?;
    let command =
        queries::credit_policy_update(&state.node, request.decay_rate_per_period_bp, default_weight, earned_cost, by);
    execute(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/credit-policy/weights", tag = "credits", request_body = CreditWeightRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn weight(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CreditWeightRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let by = principal.handle.clone();
    let command = CreditsCommand::SetCreditWeight {
        skill: request.skill,
        level: request.level,
        weight_per_hour: milli("weight_per_hour", request.weight_per_hour)?,
        by,
    };
    credits(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/credit-policy/gates", tag = "credits", request_body = GateRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "The gate of this privilege, replacing the previous one", body = ReceiptBody),
              (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn gate(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<GateRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let by = principal.handle.clone();
    let privilege = match request.privilege {
        GatedPrivilege::Work => {
            let level = request.from_level.unwrap_or(4);
            let level = u8::try_from(level)
                .map_err(|_| ApiError::invalid("from_level", format!("{level} is not a skill level (1–5)")))?;
            Privilege::WorkFromLevel { level }
        }
        GatedPrivilege::Goods => Privilege::ReceiveGoods,
    };
    let command = CreditsCommand::SetGateRule {
        privilege,
        min_hours: milli("min_hours", request.min_hours)?,
        window_days: request.window_days,
        by,
    };
    credits(&state, &principal, &headers, command).await
}
