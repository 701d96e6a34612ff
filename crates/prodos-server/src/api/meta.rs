//! Routes about the node rather than its production: health, the API description, and the
//! public operational record.

use crate::state::AppState;
use axum::Json;
use axum::extract::State;
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

/// A certified design the node can produce, as the public sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicDesign {
    pub design: String,
    pub key: String,
    pub name: String,
}

/// The public operational record: what the node can produce and the chain head that anyone can
/// compare with a copy of the ledger.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicRecord {
    pub head_seq: u64,
    pub head_hash: String,
    pub certified_designs: Vec<PublicDesign>,
}

#[utoipa::path(get, path = "/api/public/record", tag = "meta",
    responses((status = 200, body = PublicRecord),
              (status = 401, description = "The node does not publish its record", body = crate::error::ErrorBody)))]
pub async fn public_record(State(state): State<AppState>) -> Json<PublicRecord> {
    let head = state.node.head();
    let certified_designs = state.node.read(|node_state| {
        node_state
            .designs
            .iter()
            .filter_map(|record| {
                let certified = record.latest_certified()?;
                Some(PublicDesign {
                    design: prodos_core::DesignRef { design: record.id, version: certified.version }.to_string(),
                    key: record.key.clone(),
                    name: certified.spec.name.clone(),
                })
            })
            .collect()
    });
    Json(PublicRecord { head_seq: head.seq, head_hash: head.hash_hex(), certified_designs })
}
