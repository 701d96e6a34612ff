//! `/api/designs`: list, show, export, import (a TOML body, or a flat CSV bill of materials),
//! certify and retire versioned designs.

use crate::api::extract::{ApiPath, ApiQuery, TextBody};
use crate::api::{ReceiptBody, command_id, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Extension;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use prodos_app::queries;
use prodos_app::views::{DesignDetail, DesignSummary};
use prodos_core::{Command, DesignSelector, Event, Rejection};
use prodos_core::{DesignCommand, DesignEvent};
use serde::Serialize;

/// What importing a design text did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportedDesign {
    /// The drafted or revised version, e.g. `DES-0003@v1` (none when the text was unchanged).
    pub design: Option<String>,
    pub receipt: ReceiptBody,
}

fn selector(text: &str) -> Result<DesignSelector, ApiError> {
    text.parse().map_err(|error: prodos_core::IdParseError| ApiError::BadRequest {
        code: "bad_design_id",
        message: error.to_string(),
        field: Some("design".into()),
    })
}

#[utoipa::path(get, path = "/api/designs", tag = "designs",
    responses((status = 200, description = "Every design with its latest version", body = Vec<DesignSummary>),
              (status = 401, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>) -> Json<Vec<DesignSummary>> {
    Json(queries::designs(&state.node))
}

#[utoipa::path(get, path = "/api/designs/{design}", tag = "designs",
    params(("design" = String, Path, description = "`DES-0001` (latest version) or `DES-0001@v2`")),
    responses((status = 200, description = "One version's BOM tree and build sequence", body = DesignDetail),
              (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    ApiPath(design): ApiPath<String>,
) -> Result<Json<DesignDetail>, ApiError> {
    let selector = selector(&design)?;
    Ok(Json(queries::design_detail(&state.node, selector)?))
}

#[utoipa::path(get, path = "/api/designs/{design}/export", tag = "designs",
    params(("design" = String, Path, description = "`DES-0001` or `DES-0001@v2`")),
    responses((status = 200, description = "The design as TOML, importable again", content_type = "application/toml", body = String),
              (status = 404, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    ApiPath(design): ApiPath<String>,
) -> Result<impl IntoResponse, ApiError> {
    let selector = selector(&design)?;
    let text = queries::design_export(&state.node, selector)?;
    Ok(([(header::CONTENT_TYPE, "application/toml; charset=utf-8")], text))
}

#[utoipa::path(post, path = "/api/designs", tag = "designs",
    request_body(content = String, content_type = "application/toml", description = "A design text, as `prodos design import` reads"),
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key; becomes the ledger command id")),
    responses((status = 200, body = ImportedDesign),
              (status = 415, body = ErrorBody), (status = 422, description = "FILE:LINE: problems", body = ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    request: Request,
) -> Result<Json<ImportedDesign>, ApiError> {
    const FILE: &str = "design.toml";
    let headers = request.headers().clone();
    let body = TextBody::read(request, &state, &["application/toml", "text/plain"], FILE).await?;
    let parsed = prodos_formats::parse_design(FILE, &body.text)?;
    let declared = parsed.declared;
    import_parsed(&state, &principal, &headers, parsed, declared).await
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct BomQuery {
    /// Design key (a stable slug), e.g. `garden-bench`.
    pub key: String,
    /// The design's name.
    pub name: String,
}

#[utoipa::path(post, path = "/api/designs/import-bom", tag = "designs",
    request_body(content = String, content_type = "text/csv",
        description = "A flat bill of materials, `parent,component,qty,unit[,scrap_pct]`, as `prodos design import-bom` reads"),
    params(BomQuery, ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Drafted, with no build sequence yet", body = ImportedDesign),
              (status = 400, body = ErrorBody), (status = 415, body = ErrorBody),
              (status = 422, description = "bom.csv:LINE: problems", body = ErrorBody)))]
pub async fn import_bom(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiQuery(query): ApiQuery<BomQuery>,
    request: Request,
) -> Result<Json<ImportedDesign>, ApiError> {
    const FILE: &str = "bom.csv";
    let headers = request.headers().clone();
    let body = TextBody::read(request, &state, &["text/csv", "text/plain"], FILE).await?;
    let parsed = prodos_formats::parse_bom_csv(FILE, &body.text, &query.key, &query.name)?;
    // As the CLI: a BOM says nothing about which design it is, whatever the parser made of it.
    import_parsed(&state, &principal, &headers, parsed, None).await
}

/// Records a parsed design text and answers with the version it drafted; problems the core finds
/// point at lines of the posted text, as the CLI does for files.
async fn import_parsed(
    state: &AppState,
    principal: &Principal,
    headers: &HeaderMap,
    parsed: prodos_formats::ParsedDesign,
    declared: Option<DesignSelector>,
) -> Result<Json<ImportedDesign>, ApiError> {
    let command = Command::Design(DesignCommand::ImportDesign { spec: parsed.spec, declared });
    let command_id = command_id(headers, principal)?;
    let receipt = match state.execute(command, principal.actor(), command_id).await {
        Err(ApiError::Rejected(Rejection::DesignInvalid { problems, .. })) => {
            let file = parsed.source.file();
            let lines: Vec<String> = problems
                .iter()
                .map(|problem| match parsed.source.locate(&problem.at, &problem.field) {
                    Some(line) => format!("{file}:{line}: {problem}"),
                    None => format!("{file}: {problem}"),
                })
                .collect();
            return Err(ApiError::Invalid { code: "design_invalid", message: lines.join("\n"), field: None });
        }
        other => other?,
    };
    let design = receipt.events.iter().find_map(|event| match event {
        Event::Design(DesignEvent::DesignDrafted { design, .. })
        | Event::Design(DesignEvent::DesignDraftRevised { design, .. }) => Some(design.to_string()),
        _ => None,
    });
    Ok(Json(ImportedDesign { design, receipt: ReceiptBody::of(&receipt, state) }))
}

#[utoipa::path(post, path = "/api/designs/{design}/certify", tag = "designs",
    params(("design" = String, Path, description = "`DES-0001` or `DES-0001@v2`"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn certify(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(design): ApiPath<String>,
) -> Result<Json<ReceiptBody>, ApiError> {
    execute(&state, &principal, &headers, Command::Design(DesignCommand::CertifyDesign { design: selector(&design)? }))
        .await
}

#[utoipa::path(post, path = "/api/designs/{design}/retire", tag = "designs",
    params(("design" = String, Path, description = "`DES-0001` or `DES-0001@v2`"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn retire(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(design): ApiPath<String>,
) -> Result<Json<ReceiptBody>, ApiError> {
    execute(&state, &principal, &headers, Command::Design(DesignCommand::RetireDesign { design: selector(&design)? }))
        .await
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CostQuery {
    /// Units to price (default 1).
    pub qty: Option<i64>,
}

#[utoipa::path(get, path = "/api/designs/{design}/cost", tag = "designs",
    params(("design" = String, Path, description = "`DES-0001` (latest certified version) or `DES-0001@v2`"), CostQuery),
    responses((status = 200, description = "Materials at lot cost or the cheapest offer, labor at the node's rates, tool time; per module and in total", body = prodos_app::views::CostView),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn cost(
    State(state): State<AppState>,
    ApiPath(design): ApiPath<String>,
    ApiQuery(query): ApiQuery<CostQuery>,
) -> Result<Json<prodos_app::views::CostView>, ApiError> {
    let selector = selector(&design)?;
    let qty = query.qty.unwrap_or(1);
    let qty = u32::try_from(qty)
        .ok()
        .filter(|qty| (1..=100_000).contains(qty))
        .ok_or_else(|| ApiError::invalid("qty", format!("must be a whole number in 1..=100000, got {qty}")))?;
    Ok(Json(prodos_app::planning::design_cost_view(&state.node, selector, qty)?))
}
