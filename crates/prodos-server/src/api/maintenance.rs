//! `/api/assets`, `/api/pm-plans`, `/api/maintenance` and `/api/work-orders`: the maintenance
//! loop over HTTP, the same queries and commands as `prodos asset|pm|workorder|breakdown`.
//! Registering assets and setting plans is a coordinator's; reading meters, reporting a
//! breakdown and working an order is work (the core decides who may verify whose).

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
use prodos_app::views::maintenance::{AssetView, DueView, PmPlanView, ReliabilityView, WorkOrderView};
use prodos_app::views::maintenance_periods::MaintenancePeriodView;
use prodos_core::maintenance::{MaintenanceCommand, NewAsset, NewPmPlan, Severity};
use prodos_core::plan::Day;
use prodos_core::{AssetId, Command, WorkOrderId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetRequest {
    /// The tool or workstation id it provides (`spray-booth`).
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub location: String,
    /// `2026-03-01`; default today.
    pub acquired: Option<String>,
    pub service_life_years: Option<i64>,
    /// Stock materials that serve as its spare parts.
    #[serde(default)]
    pub spare_parts: Vec<String>,
}

/// An asset with every work order opened on it, oldest first.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AssetDetailBody {
    pub asset: AssetView,
    pub work_orders: Vec<WorkOrderView>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeterRequest {
    /// Cumulative hours of use as read off the asset; never lower than the last reading.
    pub hours: Option<f64>,
    /// Cumulative cycles or units produced.
    pub cycles: Option<u64>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakdownRequest {
    pub description: String,
    /// `minor`, `major` (default) or `critical`.
    pub severity: Option<String>,
    /// The repair's estimated working minutes, when the reporter can tell.
    pub estimate_min: Option<i64>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PmPlanRequest {
    /// A slug naming the plan (`booth-filters`); setting it again replaces it.
    pub key: String,
    /// The asset type it serves.
    pub kind: String,
    pub every_hours: Option<i64>,
    pub every_cycles: Option<i64>,
    pub every_days: Option<i64>,
    pub procedure: String,
    pub skill: String,
    pub level: i64,
    pub duration_min: i64,
    #[serde(default)]
    pub parts: Vec<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct WorkOrderFilter {
    /// Only those not yet verified.
    #[serde(default)]
    pub open: bool,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteOrderRequest {
    /// Hours worked (default: the working time since the start).
    pub hours: Option<f64>,
    #[serde(default)]
    pub note: String,
}

fn severity(text: Option<&str>) -> Result<Severity, ApiError> {
    match text.unwrap_or("major") {
        "minor" => Ok(Severity::Minor),
        "major" => Ok(Severity::Major),
        "critical" => Ok(Severity::Critical),
        other => Err(ApiError::invalid("severity", format!("`{other}` is not minor, major or critical"))),
    }
}

#[utoipa::path(get, path = "/api/assets", tag = "maintenance",
    responses((status = 200, description = "Every asset with its meters and status", body = Vec<AssetView>)))]
pub async fn assets(State(state): State<AppState>) -> Json<Vec<AssetView>> {
    Json(queries::assets(&state.node))
}

#[utoipa::path(post, path = "/api/assets", tag = "maintenance", request_body = AssetRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<AssetRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let acquired = match request.acquired.as_deref() {
        Some(day) => parse::<Day>("acquired", day)?,
        None => Day::of(state.now()),
    };
    let asset = NewAsset {
        kind: request.kind,
        name: request.name,
        location: request.location,
        acquired,
        service_life_years: request.service_life_years,
        spare_parts: request.spare_parts,
    };
    let command = MaintenanceCommand::RegisterAsset { asset, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Maintenance(command)).await
}

#[utoipa::path(get, path = "/api/assets/{asset}", tag = "maintenance",
    params(("asset" = String, Path, description = "`AST-0001`")),
    responses((status = 200, body = AssetDetailBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn asset(
    State(state): State<AppState>,
    ApiPath(asset): ApiPath<String>,
) -> Result<Json<AssetDetailBody>, ApiError> {
    let (asset, work_orders) = queries::asset(&state.node, parse::<AssetId>("asset", &asset)?)?;
    Ok(Json(AssetDetailBody { asset, work_orders }))
}

#[utoipa::path(post, path = "/api/assets/{asset}/meter", tag = "maintenance", request_body = MeterRequest,
    params(("asset" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn meter(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(asset): ApiPath<String>,
    ApiJson(request): ApiJson<MeterRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let asset = parse::<AssetId>("asset", &asset)?;
    let command = MaintenanceCommand::RecordMeter {
        asset,
        hours: request.hours,
        cycles: request.cycles,
        by: principal.handle.clone(),
    };
    execute(&state, &principal, &headers, Command::Maintenance(command)).await
}

#[utoipa::path(post, path = "/api/assets/{asset}/breakdown", tag = "maintenance", request_body = BreakdownRequest,
    params(("asset" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "The asset is down; the receipt names the repair order's event", body = ReceiptBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn breakdown(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(asset): ApiPath<String>,
    ApiJson(request): ApiJson<BreakdownRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let asset = parse::<AssetId>("asset", &asset)?;
    let command = MaintenanceCommand::ReportBreakdown {
        asset,
        description: request.description,
        severity: severity(request.severity.as_deref())?,
        estimate_min: request.estimate_min,
        by: principal.handle.clone(),
    };
    execute(&state, &principal, &headers, Command::Maintenance(command)).await
}

#[utoipa::path(get, path = "/api/pm-plans", tag = "maintenance",
    responses((status = 200, description = "Preventive plans per asset type", body = Vec<PmPlanView>)))]
pub async fn pm_plans(State(state): State<AppState>) -> Json<Vec<PmPlanView>> {
    Json(queries::pm_plans(&state.node))
}

#[utoipa::path(post, path = "/api/pm-plans", tag = "maintenance", request_body = PmPlanRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_pm_plan(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<PmPlanRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let plan = NewPmPlan {
        key: request.key,
        kind: request.kind,
        every_hours: request.every_hours,
        every_cycles: request.every_cycles,
        every_days: request.every_days,
        procedure: request.procedure,
        skill: request.skill,
        level: request.level,
        duration_min: request.duration_min,
        parts: request.parts,
    };
    let command = MaintenanceCommand::SetPmPlan { plan, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Maintenance(command)).await
}

#[utoipa::path(get, path = "/api/maintenance/due", tag = "maintenance",
    responses((status = 200, description = "Services due now by meter or calendar, the most overdue first", body = Vec<DueView>)))]
pub async fn due(State(state): State<AppState>) -> Json<Vec<DueView>> {
    Json(queries::maintenance_due(&state.node, state.now()))
}

#[utoipa::path(post, path = "/api/maintenance/issue", tag = "maintenance",
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "A preventive order opened for every due service that had none", body = ReceiptBody),
              (status = 404, body = ErrorBody)))]
pub async fn issue(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
) -> Result<Json<ReceiptBody>, ApiError> {
    let command = MaintenanceCommand::IssueDueOrders { by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Maintenance(command)).await
}

#[utoipa::path(get, path = "/api/work-orders", tag = "maintenance", params(WorkOrderFilter),
    responses((status = 200, description = "Work orders, oldest first", body = Vec<WorkOrderView>), (status = 422, body = ErrorBody)))]
pub async fn work_orders(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<WorkOrderFilter>,
) -> Json<Vec<WorkOrderView>> {
    Json(queries::work_orders(&state.node, filter.open))
}

#[utoipa::path(post, path = "/api/work-orders/{order}/start", tag = "maintenance",
    params(("order" = String, Path, description = "`WO-0001`"), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 403, description = "Not qualified for the order's skill", body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(order): ApiPath<String>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let order = parse::<WorkOrderId>("order", &order)?;
    let command = MaintenanceCommand::StartWorkOrder { order, worker: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Maintenance(command)).await
}

#[utoipa::path(post, path = "/api/work-orders/{order}/complete", tag = "maintenance", request_body = CompleteOrderRequest,
    params(("order" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn complete(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(order): ApiPath<String>,
    ApiJson(request): ApiJson<CompleteOrderRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let order = parse::<WorkOrderId>("order", &order)?;
    let command = MaintenanceCommand::CompleteWorkOrder {
        order,
        by: principal.handle.clone(),
        hours: request.hours,
        note: request.note,
    };
    execute(&state, &principal, &headers, Command::Maintenance(command)).await
}

#[utoipa::path(post, path = "/api/work-orders/{order}/verify", tag = "maintenance",
    params(("order" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Verified; a repair brings its asset back up", body = ReceiptBody),
              (status = 403, description = "One's own work", body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody)))]
pub async fn verify(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(order): ApiPath<String>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let order = parse::<WorkOrderId>("order", &order)?;
    let command = MaintenanceCommand::VerifyWorkOrder { order, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Maintenance(command)).await
}

#[utoipa::path(get, path = "/api/maintenance/reliability", tag = "maintenance",
    responses((status = 200, description = "MTBF, MTTR, availability, planned share and backlog per asset and type, the weekly backlog and its trend, Weibull fits", body = ReliabilityView)))]
pub async fn reliability(State(state): State<AppState>) -> Json<ReliabilityView> {
    Json(queries::reliability(&state.node, state.now()))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LockoutRequest {
    pub reason: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClearLockoutRequest {
    /// What was inspected before the asset was released.
    pub inspection: String,
}

#[utoipa::path(post, path = "/api/assets/{asset}/lockout", tag = "maintenance", request_body = LockoutRequest,
    params(("asset" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Locked out: no task may start on it", body = ReceiptBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn lock_out(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(asset): ApiPath<String>,
    ApiJson(request): ApiJson<LockoutRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let asset = parse::<AssetId>("asset", &asset)?;
    let command = MaintenanceCommand::LockOut { asset, reason: request.reason, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Maintenance(command)).await
}

#[utoipa::path(post, path = "/api/assets/{asset}/lockout/clear", tag = "maintenance", request_body = ClearLockoutRequest,
    params(("asset" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn clear_lockout(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(asset): ApiPath<String>,
    ApiJson(request): ApiJson<ClearLockoutRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let asset = parse::<AssetId>("asset", &asset)?;
    let command =
        MaintenanceCommand::ClearLockout { asset, inspection: request.inspection, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Maintenance(command)).await
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PeriodsQuery {
    /// How many calendar weeks back, the current one included (default 12).
    pub weeks: Option<u32>,
}

#[utoipa::path(get, path = "/api/maintenance/periods", tag = "maintenance", params(PeriodsQuery),
    responses((status = 200, description = "Breakdowns, repairs, downtime, late preventive work, incidents and backlog per week", body = Vec<MaintenancePeriodView>),
              (status = 422, body = ErrorBody)))]
pub async fn periods(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<PeriodsQuery>,
) -> Result<Json<Vec<MaintenancePeriodView>>, ApiError> {
    let weeks = query.weeks.unwrap_or(12);
    if !(1..=520).contains(&weeks) {
        return Err(ApiError::invalid("weeks", format!("{weeks} is not between 1 and 520")));
    }
    Ok(Json(queries::maintenance_periods(&state.node, weeks, state.now())))
}
