//! `/api/mandates`: production mandates — build N units of a certified design by a date — and
//! `/api/production`, the seeds' per-plan progress block.

use crate::api::extract::{ApiJson, ApiQuery};
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::MandateView;
use prodos_app::views::people::ProductionView;
use prodos_core::PlanCommand;
use prodos_core::plan::Day;
use prodos_core::{Command, DecisionId, DesignSelector};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MandateRequest {
    /// `DES-0001` (latest certified version) or `DES-0001@v2`.
    pub design: String,
    /// Units to build (> 0).
    pub qty: i64,
    /// The last day the units may be finished, `YYYY-MM-DD` (today or later).
    pub due: String,
    /// The governance decision behind it, e.g. `DEC-0019`.
    pub decision: Option<String>,
    /// Higher first when mandates compete.
    #[serde(default)]
    pub priority: i32,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ProductionFilter {
    /// Only active plans: committed, with tasks not yet verified.
    #[serde(default)]
    pub active: bool,
}

#[utoipa::path(get, path = "/api/mandates", tag = "plans",
    responses((status = 200, body = Vec<MandateView>), (status = 401, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>) -> Json<Vec<MandateView>> {
    Json(queries::mandates(&state.node))
}

#[utoipa::path(post, path = "/api/mandates", tag = "plans", request_body = MandateRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<MandateRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let design: DesignSelector = request
        .design
        .parse()
        .map_err(|error: prodos_core::IdParseError| ApiError::invalid("design", error.to_string()))?;
    let due: Day = request.due.parse().map_err(|message: String| ApiError::invalid("due", message))?;
    let decision: Option<DecisionId> = request
        .decision
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|error: prodos_core::IdParseError| ApiError::invalid("decision", error.to_string()))?;
    let command = Command::Plan(PlanCommand::CreateMandate {
        design,
        qty: request.qty,
        due,
        decision,
        priority: request.priority,
    });
    execute(&state, &principal, &headers, command).await
}

#[utoipa::path(get, path = "/api/production", tag = "plans", params(ProductionFilter),
    responses((status = 200, description = "Per plan: tasks, labor events and materials consumed", body = Vec<ProductionView>)))]
pub async fn production(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<ProductionFilter>,
) -> Json<Vec<ProductionView>> {
    Json(queries::production(&state.node, filter.active))
}
