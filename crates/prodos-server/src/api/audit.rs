//! `/api/audit`: the ledger as anyone in the node may read it, and the check that it is intact.

use crate::api::extract::ApiQuery;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use prodos_app::queries;
use prodos_app::views::{ChainCheckView, LedgerEntryView};
use serde::Deserialize;

/// A page of the log is bounded, so one request cannot make the server copy the whole ledger.
pub const MAX_LOG_LIMIT: usize = 1000;
pub const DEFAULT_LOG_LIMIT: usize = 100;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct LogQuery {
    /// First sequence number to show (1 when absent).
    pub since: Option<u64>,
    /// At most this many entries (100 when absent, at most 1000).
    pub limit: Option<usize>,
}

#[utoipa::path(get, path = "/api/audit/log", tag = "audit", params(LogQuery),
    responses((status = 200, description = "Ledger entries from `since`, oldest first", body = Vec<LedgerEntryView>),
              (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn log(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<LogQuery>,
) -> Result<Json<Vec<LedgerEntryView>>, ApiError> {
    let since = query.since.unwrap_or(1).max(1);
    let limit = query.limit.unwrap_or(DEFAULT_LOG_LIMIT);
    if !(1..=MAX_LOG_LIMIT).contains(&limit) {
        return Err(ApiError::invalid("limit", format!("must be 1–{MAX_LOG_LIMIT}, got {limit}")));
    }
    let entries = state
        .blocking(move |state| queries::ledger_entries(&state.node, since, limit).map_err(ApiError::internal))
        .await?;
    Ok(Json(entries))
}

#[utoipa::path(get, path = "/api/audit/verify", tag = "audit",
    responses((status = 200, description = "Whether the hash chain is intact, and its head", body = ChainCheckView),
              (status = 403, body = ErrorBody)))]
pub async fn verify(State(state): State<AppState>) -> Result<Json<ChainCheckView>, ApiError> {
    state.blocking(|state| Ok(Json(queries::check_chain(&state.node)))).await
}
