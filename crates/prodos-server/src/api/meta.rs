//! Routes about the node rather than its production: health, the API description, and the
//! public operational record (what was produced, by whom, with what, and the ledger head).

use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use prodos_app::views::PublicRecordView;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HealthBody {
    pub status: &'static str,
    pub head_seq: u64,
}

#[utoipa::path(get, path = "/api/health", tag = "meta", responses((status = 200, body = HealthBody)))]
pub async fn health(State(state): State<AppState>) -> Json<HealthBody> {
    Json(HealthBody { status: "ok", head_seq: state.node.head().seq })
}

#[utoipa::path(get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, description = "This document", body = serde_json::Value)))]
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(crate::openapi::document())
}

#[utoipa::path(get, path = "/api/public/record", tag = "meta",
    responses((status = 200, description = "What the node produced, by whom, with what, and its ledger head", body = PublicRecordView),
              (status = 401, description = "The node does not publish its record", body = crate::error::ErrorBody)))]
pub async fn public_record(State(state): State<AppState>) -> Json<PublicRecordView> {
    Json(prodos_app::queries::public_record(&state.node))
}
