//! `/api/stock`: materials and lots, and the moves a coordinator makes on them: receive, reserve,
//! release, consume, adjust; and lots received from a CSV file, as `prodos stock import` reads it.
//! Amounts are JSON numbers in the material's unit, as on the CLI.

use crate::api::extract::{ApiJson, ApiPath, TextBody};
use crate::api::imports::at_line;
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::{LotView, MaterialView};
use prodos_core::StockCommand;
use prodos_core::stock::{LotReceipt, Provenance};
use prodos_core::{Command, LotId, Milli, Millicents, Quantity, Unit};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceiveRequest {
    pub material: String,
    /// Readable material name, used when the material is new.
    pub name: Option<String>,
    pub qty: f64,
    pub unit: String,
    /// Cost per unit in currency, e.g. 12.5.
    pub cost: f64,
    /// Where the lot is kept; `store` when absent.
    pub location: Option<String>,
    /// `own` (default), `node` or `supplier`; the latter two need `source`.
    pub provenance: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReserveRequest {
    pub material: String,
    pub qty: f64,
    pub unit: String,
    /// What the material is held for, usually a plan id.
    pub purpose: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReleaseRequest {
    pub purpose: String,
    /// Only this material's holds; every hold of the purpose when absent.
    pub material: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsumeRequest {
    pub material: String,
    pub qty: f64,
    pub unit: String,
    /// Consume from this purpose's reservation first.
    pub purpose: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdjustRequest {
    /// Signed change in the material's unit, e.g. -2.5.
    pub delta: f64,
    pub reason: String,
}

fn milli(field: &str, value: f64) -> Result<Milli, ApiError> {
    Milli::from_f64(value).ok_or_else(|| ApiError::invalid(field, format!("{value} is out of range")))
}

fn quantity(qty: f64, unit: &str) -> Result<Quantity, ApiError> {
    let unit: Unit =
        unit.parse().map_err(|error: prodos_core::UnitError| ApiError::invalid("unit", error.to_string()))?;
    Ok(Quantity { amount: milli("qty", qty)?, unit })
}

fn provenance(kind: Option<&str>, source: Option<String>) -> Result<Provenance, ApiError> {
    match (kind.unwrap_or("own"), source) {
        ("own", _) => Ok(Provenance::Own),
        ("node", Some(node)) => Ok(Provenance::Node(node)),
        ("supplier", Some(supplier)) => Ok(Provenance::Supplier(supplier)),
        ("node" | "supplier", None) => Err(ApiError::invalid("source", "needed with provenance `node` or `supplier`")),
        (other, _) => Err(ApiError::invalid("provenance", format!("`{other}` is not own, node or supplier"))),
    }
}

#[utoipa::path(get, path = "/api/stock", tag = "stock",
    responses((status = 200, description = "Materials with on-hand, reserved and available quantities", body = Vec<MaterialView>),
              (status = 401, body = ErrorBody)))]
pub async fn materials(State(state): State<AppState>) -> Json<Vec<MaterialView>> {
    Json(queries::materials(&state.node))
}

#[utoipa::path(get, path = "/api/stock/lots", tag = "stock",
    responses((status = 200, description = "Every lot with its provenance", body = Vec<LotView>),
              (status = 401, body = ErrorBody)))]
pub async fn lots(State(state): State<AppState>) -> Json<Vec<LotView>> {
    Json(queries::lots(&state.node))
}

#[utoipa::path(post, path = "/api/stock/receive", tag = "stock", request_body = ReceiveRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 422, body = ErrorBody)))]
pub async fn receive(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ReceiveRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    if request.cost < 0.0 {
        return Err(ApiError::invalid("cost", format!("must not be negative, got {}", request.cost)));
    }
    let unit_cost = Millicents::from_currency(request.cost)
        .ok_or_else(|| ApiError::invalid("cost", format!("{} is out of range", request.cost)))?;
    let lot = LotReceipt {
        qty: quantity(request.qty, &request.unit)?,
        material: request.material,
        material_name: request.name,
        unit_cost,
        location: request.location.unwrap_or_else(|| "store".into()),
        provenance: provenance(request.provenance.as_deref(), request.source)?,
    };
    execute(&state, &principal, &headers, Command::Stock(StockCommand::ReceiveLots { lots: vec![lot] })).await
}

#[utoipa::path(post, path = "/api/stock/reserve", tag = "stock", request_body = ReserveRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn reserve(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ReserveRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let command = Command::Stock(StockCommand::ReserveStock {
        qty: quantity(request.qty, &request.unit)?,
        material: request.material,
        purpose: request.purpose,
    });
    execute(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/stock/release", tag = "stock", request_body = ReleaseRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 409, body = ErrorBody)))]
pub async fn release(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ReleaseRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let command = Command::Stock(StockCommand::ReleaseStock { purpose: request.purpose, material: request.material });
    execute(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/stock/consume", tag = "stock", request_body = ConsumeRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn consume(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ConsumeRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let command = Command::Stock(StockCommand::ConsumeStock {
        qty: quantity(request.qty, &request.unit)?,
        material: request.material,
        purpose: request.purpose,
    });
    execute(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/stock/lots/{lot}/adjust", tag = "stock", request_body = AdjustRequest,
    params(("lot" = String, Path, description = "`LOT-0007`"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn adjust(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(lot): ApiPath<String>,
    ApiJson(request): ApiJson<AdjustRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let lot: LotId = lot.parse().map_err(|error: prodos_core::IdParseError| ApiError::BadRequest {
        code: "bad_lot_id",
        message: error.to_string(),
        field: Some("lot".into()),
    })?;
    let command =
        Command::Stock(StockCommand::AdjustLot { lot, delta: milli("delta", request.delta)?, reason: request.reason });
    execute(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/stock/import", tag = "stock",
    request_body(content = String, content_type = "text/csv",
        description = "material,qty,unit,unit_cost,location,provenance[,source]: every lot received, or none"),
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 415, body = ErrorBody),
              (status = 422, description = "stock.csv:LINE: problems", body = ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    request: Request,
) -> Result<Json<ReceiptBody>, ApiError> {
    const FILE: &str = "stock.csv";
    let headers = request.headers().clone();
    let body = TextBody::read(request, &state, &["text/csv", "text/plain"], FILE).await?;
    let rows = prodos_formats::parse_stock_csv(FILE, &body.text)?;
    let lines: Vec<usize> = rows.iter().map(|row| row.line).collect();
    let lots: Vec<LotReceipt> = rows.iter().map(prodos_formats::StockRow::to_receipt).collect();
    execute(&state, &principal, &headers, Command::Stock(StockCommand::ReceiveLots { lots }))
        .await
        .map_err(|error| at_line(error, FILE, "lots", &lines))
}
