//! Incoming inspection over HTTP: which materials are sampled on receipt, the table's plan for
//! a lot, recording a lot's sampling inspection, and the record of them. Setting a material's
//! plan is a coordinator's; inspecting a lot is work (the core checks the lot is due and the
//! sample is the plan's).

use crate::api::extract::{ApiJson, ApiPath, ApiQuery};
use crate::api::quality::parse;
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::incoming::{IncomingPlanView, LotInspectionView, SamplingPlanView};
use prodos_core::quality::{IncomingPlan, InspectionLevel, QualityCommand};
use prodos_core::{Command, LotId};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomingRequest {
    /// Acceptable quality level in percent (a column of ISO 2859-1 Table 2-A); `null` stops
    /// sampling the material.
    pub aql: Option<f64>,
    /// General inspection level `I`, `II` (default) or `III`.
    pub level: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SamplingQuery {
    pub lot_size: u32,
    pub aql: f64,
    /// `I`, `II` (default) or `III`.
    pub level: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LotInspectRequest {
    /// Items drawn: must be the plan's sample size.
    pub inspected: u32,
    pub defective: u32,
    /// Items in the lot (default: its quantity, for materials counted in pieces or sets).
    pub lot_size: Option<u32>,
    #[serde(default)]
    pub note: String,
}

fn level(text: Option<&str>) -> Result<InspectionLevel, ApiError> {
    let text = text.unwrap_or("II");
    InspectionLevel::parse(text)
        .ok_or_else(|| ApiError::invalid("level", format!("`{text}` is not a general inspection level (I, II or III)")))
}

#[utoipa::path(get, path = "/api/incoming-plans", tag = "quality",
    responses((status = 200, description = "Materials sampled on receipt, with the lots awaiting inspection", body = Vec<IncomingPlanView>)))]
pub async fn plans(State(state): State<AppState>) -> Json<Vec<IncomingPlanView>> {
    Json(queries::incoming_plans(&state.node))
}

#[utoipa::path(put, path = "/api/materials/{material}/incoming-inspection", tag = "quality", request_body = IncomingRequest,
    params(("material" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_plan(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(material): ApiPath<String>,
    ApiJson(request): ApiJson<IncomingRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let level = level(request.level.as_deref())?;
    let plan = request.aql.map(|aql| IncomingPlan { aql, level });
    let command = QualityCommand::SetIncomingInspection { material, plan, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Quality(command)).await
}

#[utoipa::path(get, path = "/api/sampling-plan", tag = "quality", params(SamplingQuery),
    responses((status = 200, body = SamplingPlanView), (status = 422, body = ErrorBody)))]
pub async fn sampling(ApiQuery(query): ApiQuery<SamplingQuery>) -> Result<Json<SamplingPlanView>, ApiError> {
    let incoming = IncomingPlan { aql: query.aql, level: level(query.level.as_deref())? };
    Ok(Json(queries::sampling_plan(query.lot_size, &incoming)?))
}

#[utoipa::path(post, path = "/api/lots/{lot}/inspect", tag = "quality", request_body = LotInspectRequest,
    params(("lot" = String, Path, description = "`LOT-0007`"), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn inspect(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(lot): ApiPath<String>,
    ApiJson(request): ApiJson<LotInspectRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let lot = parse::<LotId>("lot", &lot)?;
    let command = QualityCommand::InspectLot {
        lot,
        lot_size: request.lot_size,
        inspected: request.inspected,
        defective: request.defective,
        by: principal.handle.clone(),
        note: request.note,
    };
    execute(&state, &principal, &headers, Command::Quality(command)).await
}

#[utoipa::path(get, path = "/api/lot-inspections", tag = "quality",
    responses((status = 200, description = "Lot inspections in recorded order", body = Vec<LotInspectionView>)))]
pub async fn inspections(State(state): State<AppState>) -> Json<Vec<LotInspectionView>> {
    Json(queries::lot_inspections(&state.node))
}
