//! `/api/suppliers`: supplier catalogs, listed and imported from CSV.

use crate::api::extract::TextBody;
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::SupplierView;
use prodos_core::Command;
use prodos_core::SupplierCommand;

#[utoipa::path(get, path = "/api/suppliers", tag = "suppliers",
    responses((status = 200, description = "Suppliers with their catalogs", body = Vec<SupplierView>),
              (status = 401, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>) -> Json<Vec<SupplierView>> {
    Json(queries::suppliers(&state.node))
}

#[utoipa::path(post, path = "/api/suppliers", tag = "suppliers",
    request_body(content = String, content_type = "text/csv",
        description = "supplier,supplier_name,material,price,unit,lead_time_days,min_order_qty,available"),
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    request: Request,
) -> Result<Json<ReceiptBody>, ApiError> {
    let headers = request.headers().clone();
    let body = TextBody::read(request, &state, &["text/csv", "text/plain"], "suppliers.csv").await?;
    let rows = prodos_formats::parse_catalog_csv("suppliers.csv", &body.text)?;
    let suppliers = prodos_formats::catalog_listings(&rows);
    execute(&state, &principal, &headers, Command::Supplier(SupplierCommand::ImportSuppliers { suppliers })).await
}
