//! `/api/calendar`: the node's working calendar — weekdays worked, day start and length, closed
//! days — through which plans are dated; read by members, set by coordinators, as
//! `prodos calendar` does.

use crate::api::extract::ApiJson;
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::CapacityView;
use prodos_core::Command;
use prodos_core::PlanCommand;
use prodos_core::calendar::{daily_work_minutes, minute_of_day, weekday_mask};
use prodos_core::plan::{Day, WorkWeek};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkWeekRequest {
    /// Weekdays worked, e.g. `["mon", "tue", "wed", "thu", "fri"]` (the default).
    pub weekdays: Option<Vec<String>>,
    /// Start of the working day, `HH:MM` UTC (default `08:00`).
    pub start: Option<String>,
    /// Working hours per day, more than 0 and at most 24 (default 8).
    pub hours: Option<f64>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosureRequest {
    /// The closed day, `YYYY-MM-DD`: nothing is planned on it.
    pub day: String,
    /// Why: a holiday, an inventory count, a move.
    pub reason: String,
}

#[utoipa::path(get, path = "/api/calendar", tag = "resources",
    responses((status = 200, description = "The node's capacity, whose calendar part is the working week and the closed days (as `prodos calendar show --json`)", body = CapacityView),
              (status = 401, body = ErrorBody)))]
pub async fn show(State(state): State<AppState>) -> Json<CapacityView> {
    Json(queries::capacity(&state.node))
}

#[utoipa::path(put, path = "/api/calendar/week", tag = "resources", request_body = WorkWeekRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "The weekly pattern replaced (nothing recorded when unchanged)", body = ReceiptBody),
              (status = 422, body = ErrorBody)))]
pub async fn set_week(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<WorkWeekRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    // What is left out keeps the CLI's defaults, which are the default week: Monday to Friday,
    // 08:00, 8 hours.
    let default = WorkWeek::default();
    let field = |name: &'static str| move |message: String| ApiError::invalid(name, message);
    let weekdays = request.weekdays.map(|names| weekday_mask(names.iter().map(String::as_str)));
    let week = WorkWeek {
        weekdays_mask: weekdays.transpose().map_err(field("weekdays"))?.unwrap_or(default.weekdays_mask),
        day_start_min: request
            .start
            .as_deref()
            .map(minute_of_day)
            .transpose()
            .map_err(field("start"))?
            .unwrap_or(default.day_start_min),
        daily_work_min: request
            .hours
            .map(daily_work_minutes)
            .transpose()
            .map_err(field("hours"))?
            .unwrap_or(default.daily_work_min),
    };
    execute(&state, &principal, &headers, Command::Plan(PlanCommand::SetWorkWeek { week })).await
}

#[utoipa::path(post, path = "/api/calendar/closures", tag = "resources", request_body = ClosureRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 422, body = ErrorBody)))]
pub async fn close(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ClosureRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let day: Day = request.day.parse().map_err(|message: String| ApiError::invalid("day", message))?;
    execute(&state, &principal, &headers, Command::Plan(PlanCommand::CloseDay { day, reason: request.reason })).await
}
