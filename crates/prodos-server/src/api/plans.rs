//! `/api/plans`: propose a plan for a mandate (explosion, netting, procurement, schedule,
//! verdict), read it with its Gantt chart and current cost, commit it or cancel it. Plan reads
//! are cached per ledger head (`cache`), since the dashboard and scripts read them far more often
//! than the ledger moves.

use crate::api::extract::{ApiJson, ApiPath, ApiQuery};
use crate::api::{ReceiptBody, command_id, execute};
use crate::auth::Principal;
use crate::cache::Rendering;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use prodos_app::CommandMeta;
use prodos_app::planning::{ProposeOptions, plan_detail, propose_plan};
use prodos_app::queries;
use prodos_app::views::{CostView, PlanDetailView, PlanSummaryView};
use prodos_core::PlanCommand;
use prodos_core::{Command, MandateId, PlanId};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The longest search a request may ask for; the request timeout must leave room to record it.
pub const MAX_TIME_LIMIT_S: f64 = 20.0;
pub const MAX_SCHEDULES: u64 = 1_000_000;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeRequest {
    /// `MAN-0001`.
    pub mandate: String,
    /// Schedules the search may generate (default 1000); not with `time_limit_s`.
    pub schedules: Option<u64>,
    /// Seconds the search may run (0 < s ≤ 20); also allows exact search on small plans.
    pub time_limit_s: Option<f64>,
    #[serde(default)]
    pub seed: u64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProposedBody {
    /// The new plan, e.g. `PROD-0032`.
    pub plan: String,
    pub search_ms: u64,
    pub receipt: ReceiptBody,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PlanFilter {
    /// `proposed`, `committed`, `superseded` or `cancelled`.
    pub status: Option<String>,
}

pub fn plan_id(text: &str) -> Result<PlanId, ApiError> {
    text.parse().map_err(|error: prodos_core::IdParseError| ApiError::BadRequest {
        code: "bad_plan_id",
        message: error.to_string(),
        field: Some("plan".into()),
    })
}

fn mandate_id(text: &str) -> Result<MandateId, ApiError> {
    text.parse().map_err(|error: prodos_core::IdParseError| ApiError::invalid("mandate", error.to_string()))
}

fn options(request: &ProposeRequest) -> Result<ProposeOptions, ApiError> {
    let time_limit = match request.time_limit_s {
        Some(seconds) if !(seconds > 0.0 && seconds <= MAX_TIME_LIMIT_S) => {
            return Err(ApiError::invalid(
                "time_limit_s",
                format!("must be a number of seconds in (0, {MAX_TIME_LIMIT_S}], got {seconds}"),
            ));
        }
        Some(seconds) => Some(Duration::from_secs_f64(seconds)),
        None => None,
    };
    let max_schedules = match (request.schedules, time_limit) {
        (Some(_), Some(_)) => return Err(ApiError::invalid("schedules", "give schedules or time_limit_s, not both")),
        (Some(n), None) if n == 0 || n > MAX_SCHEDULES => {
            return Err(ApiError::invalid("schedules", format!("must be in 1..={MAX_SCHEDULES}, got {n}")));
        }
        (Some(n), None) => Some(n),
        (None, Some(_)) => None,
        (None, None) => ProposeOptions::default().max_schedules,
    };
    Ok(ProposeOptions { max_schedules, time_limit, seed: request.seed })
}

#[utoipa::path(get, path = "/api/plans", tag = "plans", params(PlanFilter),
    responses((status = 200, body = Vec<PlanSummaryView>), (status = 401, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, ApiQuery(filter): ApiQuery<PlanFilter>) -> Json<Vec<PlanSummaryView>> {
    Json(queries::plans(&state.node, filter.status.as_deref()))
}

#[utoipa::path(post, path = "/api/plans", tag = "plans", request_body = ProposeRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ProposedBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn propose(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ProposeRequest>,
) -> Result<Json<ProposedBody>, ApiError> {
    let mandate = mandate_id(&request.mandate)?;
    let options = options(&request)?;
    let meta = CommandMeta {
        command_id: command_id(&headers, &principal)?,
        actor: prodos_core::Actor::Account(principal.handle),
        now: state.now(),
    };
    // The search runs outside the node's lock, on the blocking pool.
    let proposed = state.blocking(move |state| Ok(propose_plan(&state.node, mandate, &options, &meta)?)).await?;
    if !proposed.receipt.replayed {
        state.announce();
    }
    Ok(Json(ProposedBody {
        plan: proposed.plan.to_string(),
        search_ms: proposed.search_time.as_millis() as u64,
        receipt: ReceiptBody::of(&proposed.receipt, &state),
    }))
}

/// The plan's detail as JSON bytes, from the cache when the ledger has not moved.
pub fn detail_json(state: &AppState, plan: PlanId) -> Result<Bytes, ApiError> {
    state.plan_cache.get_or_render(
        plan,
        Rendering::DetailJson,
        || state.node.head().seq,
        || {
            let detail = plan_detail(&state.node, plan)?;
            serde_json::to_vec(&detail).map(Bytes::from).map_err(ApiError::internal)
        },
    )
}

/// The plan's Gantt chart, from the cache when the ledger has not moved.
pub fn gantt_svg(state: &AppState, plan: PlanId) -> Result<Bytes, ApiError> {
    state.plan_cache.get_or_render(
        plan,
        Rendering::GanttSvg,
        || state.node.head().seq,
        || Ok(Bytes::from(prodos_app::views::gantt::svg(&plan_detail(&state.node, plan)?))),
    )
}

#[utoipa::path(get, path = "/api/plans/{plan}", tag = "plans",
    params(("plan" = String, Path, description = "`PROD-0031`")),
    responses((status = 200, description = "Verdict, materials, purchases, schedule and current cost", body = PlanDetailView),
              (status = 404, body = ErrorBody)))]
pub async fn show(State(state): State<AppState>, ApiPath(plan): ApiPath<String>) -> Result<Response, ApiError> {
    let bytes = detail_json(&state, plan_id(&plan)?)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], bytes).into_response())
}

#[utoipa::path(get, path = "/api/plans/{plan}/gantt.svg", tag = "plans",
    params(("plan" = String, Path, description = "`PROD-0031`")),
    responses((status = 200, description = "The Gantt chart, critical path in red", content_type = "image/svg+xml", body = String),
              (status = 404, body = ErrorBody)))]
pub async fn gantt(State(state): State<AppState>, ApiPath(plan): ApiPath<String>) -> Result<Response, ApiError> {
    let bytes = gantt_svg(&state, plan_id(&plan)?)?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], bytes).into_response())
}

#[utoipa::path(get, path = "/api/plans/{plan}/cost", tag = "plans",
    params(("plan" = String, Path, description = "`PROD-0031`")),
    responses((status = 200, description = "Priced from current stock, catalogs and rates; the plan's own holdings count as stock", body = CostView),
              (status = 404, body = ErrorBody)))]
pub async fn cost(State(state): State<AppState>, ApiPath(plan): ApiPath<String>) -> Result<Json<CostView>, ApiError> {
    let detail: PlanDetailView = plan_detail(&state.node, plan_id(&plan)?)?;
    Ok(Json(detail.cost))
}

#[utoipa::path(post, path = "/api/plans/{plan}/commit", tag = "plans",
    params(("plan" = String, Path, description = "`PROD-0031`"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Reserved the netted materials; supersedes the mandate's previous plan", body = ReceiptBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn commit(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(plan): ApiPath<String>,
) -> Result<Json<ReceiptBody>, ApiError> {
    execute(&state, &principal, &headers, Command::Plan(PlanCommand::CommitPlan { plan: plan_id(&plan)? })).await
}

#[utoipa::path(post, path = "/api/plans/{plan}/cancel", tag = "plans",
    params(("plan" = String, Path, description = "`PROD-0031`"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Released what the plan held and closed it", body = ReceiptBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn cancel(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(plan): ApiPath<String>,
) -> Result<Json<ReceiptBody>, ApiError> {
    execute(&state, &principal, &headers, Command::Plan(PlanCommand::CancelPlan { plan: plan_id(&plan)? })).await
}
