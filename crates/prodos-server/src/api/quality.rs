//! `/api/inspections`, `/api/ncrs` and a design's control charts: the quality loop over HTTP,
//! the same queries and commands as `prodos inspect|ncr|spc`. Measuring and disposing are work
//! (the core decides independence and qualification); freezing limits and staging a chart are a
//! coordinator's.

use crate::api::extract::{ApiJson, ApiPath, ApiQuery};
use crate::api::task_path::task_ref;
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::field::FieldReportView;
use prodos_app::views::quality::{InspectionView, NonconformanceView, SpcView};
use prodos_app::views::review::ReviewView;
use prodos_core::execution::TaskRef;
use prodos_core::measure::Measurement;
use prodos_core::plan::Day;
use prodos_core::quality::{DispositionChoice, FieldKind, QualityCommand, ResolutionChoice, SeriesKey};
use prodos_core::{Command, DesignId, NonconformanceId, PlanId, ReviewId};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct InspectionFilter {
    /// Only this task's, e.g. `PROD-0031/setup#2`.
    pub task: Option<String>,
    /// Only this plan's, e.g. `PROD-0031`.
    pub plan: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InspectRequest {
    /// The check's id (or exact name).
    pub check: String,
    /// The measured values (as many as the check takes samples); leave out for pass/fail.
    #[serde(default)]
    pub values: Vec<f64>,
    /// For a pass/fail check.
    pub passed: Option<bool>,
    /// The unit read; must be the check's.
    pub unit: Option<String>,
    pub instrument: Option<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NcrFilter {
    /// Only those awaiting a disposition.
    #[serde(default)]
    pub open: bool,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisposeRequest {
    /// `rework`, `use_as_is` or `scrap`.
    pub disposition: String,
    /// Required for `use_as_is` and `scrap`.
    pub reason: Option<String>,
    /// `rework` only: its duration (default: the operation's).
    pub duration_min: Option<i64>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ChartQuery {
    /// Needed only when several operations have a check of that id.
    pub operation: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FreezeRequest {
    pub operation: Option<String>,
    /// Default: the current stage's computed center.
    pub center: Option<f64>,
    /// Default: the current stage's computed sigma.
    pub sigma: Option<f64>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageRequest {
    pub operation: Option<String>,
    pub label: String,
}

/// Parses a path or query value, naming the field when it is not one.
pub(crate) fn parse<T: std::str::FromStr>(field: &str, text: &str) -> Result<T, ApiError>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|error: T::Err| ApiError::invalid(field, error.to_string()))
}

#[utoipa::path(get, path = "/api/inspections", tag = "quality", params(InspectionFilter),
    responses((status = 200, description = "Inspections in recorded order", body = Vec<InspectionView>),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn inspections(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<InspectionFilter>,
) -> Result<Json<Vec<InspectionView>>, ApiError> {
    let task = filter.task.as_deref().map(|task| parse::<TaskRef>("task", task)).transpose()?;
    let plan = filter.plan.as_deref().map(|plan| parse::<PlanId>("plan", plan)).transpose()?;
    Ok(Json(queries::inspections(&state.node, &queries::InspectionFilter { task, plan })?))
}

#[utoipa::path(post, path = "/api/tasks/{plan}/{operation}/{unit}/inspect", tag = "quality", request_body = InspectRequest,
    params(("plan" = String, Path, description = "`PROD-0031`"), ("operation" = String, Path), ("unit" = u32, Path),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 403, description = "An independent check by the crew", body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn inspect(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath((plan, operation, unit)): ApiPath<(String, String, String)>,
    ApiJson(request): ApiJson<InspectRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let task = task_ref(&plan, &operation, &unit)?;
    let measurement = match (request.values.is_empty(), request.passed) {
        (false, None) => Measurement::Values(request.values),
        (true, Some(passed)) => Measurement::Attribute { passed },
        (false, Some(_)) => return Err(ApiError::invalid("passed", "give `values` or `passed`, not both")),
        (true, None) => {
            return Err(ApiError::invalid("values", "give the measured `values`, or `passed` for a pass/fail check"));
        }
    };
    let command = QualityCommand::RecordInspection {
        task,
        check: request.check,
        measurement,
        unit: request.unit,
        by: principal.handle.clone(),
        instrument: request.instrument,
        note: request.note,
    };
    execute(&state, &principal, &headers, Command::Quality(command)).await
}

#[utoipa::path(get, path = "/api/ncrs", tag = "quality", params(NcrFilter),
    responses((status = 200, description = "Nonconformances, oldest first", body = Vec<NonconformanceView>)))]
pub async fn ncrs(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<NcrFilter>,
) -> Json<Vec<NonconformanceView>> {
    Json(queries::nonconformances(&state.node, filter.open))
}

#[utoipa::path(get, path = "/api/ncrs/{ncr}", tag = "quality", params(("ncr" = String, Path, description = "`NCR-0001`")),
    responses((status = 200, body = NonconformanceView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn ncr(
    State(state): State<AppState>,
    ApiPath(ncr): ApiPath<String>,
) -> Result<Json<NonconformanceView>, ApiError> {
    let ncr = parse::<NonconformanceId>("ncr", &ncr)?;
    Ok(Json(queries::nonconformance(&state.node, ncr)?))
}

#[utoipa::path(post, path = "/api/ncrs/{ncr}/dispose", tag = "quality", request_body = DisposeRequest,
    params(("ncr" = String, Path, description = "`NCR-0001`"), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 403, description = "Not qualified, or own work", body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn dispose(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(ncr): ApiPath<String>,
    ApiJson(request): ApiJson<DisposeRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let ncr = parse::<NonconformanceId>("ncr", &ncr)?;
    let reason = request.reason.unwrap_or_default();
    let disposition = match request.disposition.as_str() {
        "rework" => DispositionChoice::Rework { duration_min: request.duration_min, note: request.note },
        "use_as_is" => DispositionChoice::UseAsIs { reason },
        "scrap" => DispositionChoice::Scrap { reason },
        other => return Err(ApiError::invalid("disposition", format!("`{other}` is not rework, use_as_is or scrap"))),
    };
    let command = QualityCommand::Dispose { ncr, disposition, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Quality(command)).await
}

#[utoipa::path(get, path = "/api/designs/{design}/spc/{check}", tag = "quality", params(("design" = String, Path), ("check" = String, Path), ChartQuery),
    responses((status = 200, description = "The check's control chart, signals and capability", body = SpcView),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn chart(
    State(state): State<AppState>,
    ApiPath((design, check)): ApiPath<(String, String)>,
    ApiQuery(query): ApiQuery<ChartQuery>,
) -> Result<Json<SpcView>, ApiError> {
    let design = parse::<DesignId>("design", &design)?;
    Ok(Json(queries::spc(&state.node, design, &check, query.operation.as_deref())?))
}

fn series(state: &AppState, design: &str, check: &str, operation: Option<&str>) -> Result<SeriesKey, ApiError> {
    let design = parse::<DesignId>("design", design)?;
    let view = queries::spc(&state.node, design, check, operation)?;
    Ok(SeriesKey { design, operation: view.operation, check: view.check })
}

#[utoipa::path(post, path = "/api/designs/{design}/spc/{check}/freeze", tag = "quality", request_body = FreezeRequest,
    params(("design" = String, Path), ("check" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn freeze(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath((design, check)): ApiPath<(String, String)>,
    ApiJson(request): ApiJson<FreezeRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let series = series(&state, &design, &check, request.operation.as_deref())?;
    let command = QualityCommand::FreezeLimits {
        series,
        center: request.center,
        sigma: request.sigma,
        by: principal.handle.clone(),
    };
    execute(&state, &principal, &headers, Command::Quality(command)).await
}

#[utoipa::path(post, path = "/api/designs/{design}/spc/{check}/stage", tag = "quality", request_body = StageRequest,
    params(("design" = String, Path), ("check" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn stage(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath((design, check)): ApiPath<(String, String)>,
    ApiJson(request): ApiJson<StageRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let series = series(&state, &design, &check, request.operation.as_deref())?;
    let command = QualityCommand::StartStage { series, label: request.label, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Quality(command)).await
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReviewFilter {
    /// Only this design's, e.g. `DES-0001`.
    pub design: Option<String>,
    #[serde(default)]
    pub open: bool,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveRequest {
    /// A later version of the design that answers the flag.
    pub new_version: Option<u32>,
    /// Or a corrective action: its owner, due day, what is done, and the samples of the
    /// effectiveness check (default 10).
    pub owner: Option<String>,
    pub due: Option<String>,
    pub action: Option<String>,
    pub samples: Option<u32>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldReportRequest {
    pub serial: String,
    /// `failure` or `observation`.
    pub kind: String,
    /// The part or module it concerns.
    pub item: Option<String>,
    /// The day it was observed, `YYYY-MM-DD` (default today).
    pub on: Option<String>,
    pub photo: Option<String>,
    pub note: String,
    /// Minutes spent repairing a failure.
    pub repair_min: Option<i64>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FieldFilter {
    pub design: Option<String>,
}

#[utoipa::path(get, path = "/api/reviews", tag = "quality", params(ReviewFilter),
    responses((status = 200, description = "Design reviews, oldest first", body = Vec<ReviewView>), (status = 422, body = ErrorBody)))]
pub async fn reviews(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<ReviewFilter>,
) -> Result<Json<Vec<ReviewView>>, ApiError> {
    let design = filter.design.as_deref().map(|design| parse::<DesignId>("design", design)).transpose()?;
    Ok(Json(queries::reviews(&state.node, design, filter.open)))
}

#[utoipa::path(get, path = "/api/reviews/{review}", tag = "quality", params(("review" = String, Path, description = "`REV-0001`")),
    responses((status = 200, body = ReviewView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    ApiPath(review): ApiPath<String>,
) -> Result<Json<ReviewView>, ApiError> {
    let review = parse::<ReviewId>("review", &review)?;
    Ok(Json(queries::review(&state.node, review)?))
}

#[utoipa::path(post, path = "/api/reviews/{review}/resolve", tag = "quality", request_body = ResolveRequest,
    params(("review" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn resolve(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(review): ApiPath<String>,
    ApiJson(request): ApiJson<ResolveRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let review = parse::<ReviewId>("review", &review)?;
    let resolution = match (request.new_version, request.owner, request.due, request.action) {
        (Some(version), None, None, None) => ResolutionChoice::NewVersion { version },
        (None, Some(owner), Some(due), Some(action)) => ResolutionChoice::Capa {
            owner,
            due: parse::<Day>("due", &due)?,
            action,
            samples: request.samples.unwrap_or(10),
        },
        _ => {
            return Err(ApiError::invalid(
                "resolution",
                "give `new_version`, or `owner`, `due` and `action` for a CAPA",
            ));
        }
    };
    let command = QualityCommand::ResolveReview { review, resolution, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Quality(command)).await
}

#[utoipa::path(post, path = "/api/reviews/{review}/close", tag = "quality",
    params(("review" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn close(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(review): ApiPath<String>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let review = parse::<ReviewId>("review", &review)?;
    let command = QualityCommand::CloseCapa { review, by: principal.handle.clone() };
    execute(&state, &principal, &headers, Command::Quality(command)).await
}

#[utoipa::path(get, path = "/api/field-reports", tag = "quality", params(FieldFilter),
    responses((status = 200, description = "Reports from the field", body = Vec<FieldReportView>), (status = 422, body = ErrorBody)))]
pub async fn field_reports(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<FieldFilter>,
) -> Result<Json<Vec<FieldReportView>>, ApiError> {
    let design = filter.design.as_deref().map(|design| parse::<DesignId>("design", design)).transpose()?;
    Ok(Json(queries::field_reports(&state.node, design)))
}

#[utoipa::path(post, path = "/api/field-reports", tag = "quality", request_body = FieldReportRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<FieldReportRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let kind = match request.kind.as_str() {
        "failure" => FieldKind::Failure,
        "observation" => FieldKind::Observation,
        other => return Err(ApiError::invalid("kind", format!("`{other}` is not failure or observation"))),
    };
    let on = match request.on.as_deref() {
        Some(day) => parse::<Day>("on", day)?,
        None => Day::of(state.now()),
    };
    let command = QualityCommand::FileFieldReport {
        serial: request.serial,
        kind,
        item: request.item,
        on,
        photo: request.photo,
        note: request.note,
        by: principal.handle.clone(),
        repair_min: request.repair_min,
    };
    execute(&state, &principal, &headers, Command::Quality(command)).await
}
