//! `/api/tasks`: the execution workflow over committed plans' operation instances. A task is
//! addressed as `/api/tasks/PROD-0031/bracing/1` (the CLI's `PROD-0031/bracing#1`). Actions are
//! taken as the caller's participant; the core's policy decides whose tasks they may touch.

use crate::api::extract::{ApiPath, ApiQuery, OptionalJson};
use crate::api::task_path::{TaskAction, task_ref};
use crate::api::{ReceiptBody, command_id};
use crate::auth::Principal;
use crate::cache::{PageKey, Viewer};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use prodos_app::views::people::TaskView;
use prodos_app::{Receipt, queries};
use prodos_core::execution::{ExecutionCommand, TaskRef};
use prodos_core::{Command, Milli, PlanId};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct TaskFilter {
    /// Only this plan's tasks, e.g. `PROD-0031`.
    pub plan: Option<String>,
    /// Only tasks in this status: `ready`, `in progress`, `done`, `verified`.
    pub status: Option<String>,
    /// Only tasks this participant is working on or worked on.
    pub worker: Option<String>,
}

/// The optional fields of a task action; the body may be left out.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskActionRequest {
    /// `start` only: who works on it. Coordinators may name anyone; participants only themselves.
    pub worker: Option<String>,
    /// `start` only: the rest of the crew, when none was confirmed through matching.
    #[serde(default)]
    pub with: Vec<String>,
    /// Required for `reject` and `block`.
    pub reason: Option<String>,
    /// `complete` only: the hours each crew member actually worked (default: the planned
    /// duration); at most three times the plan and one day.
    pub hours: Option<f64>,
}

type TaskPath = (String, String, String);

#[utoipa::path(get, path = "/api/tasks", tag = "tasks", params(TaskFilter),
    responses((status = 200, description = "Tasks of committed plans in schedule order", body = Vec<TaskView>),
              (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, ApiQuery(filter): ApiQuery<TaskFilter>) -> Result<Response, ApiError> {
    let plan = filter
        .plan
        .as_deref()
        .map(|plan| {
            plan.parse::<PlanId>().map_err(|error| ApiError::BadRequest {
                code: "bad_plan_id",
                message: error.to_string(),
                field: Some("plan".into()),
            })
        })
        .transpose()?;
    // The list is the same for every caller, so one rendering per filter serves all of them.
    let route = format!("/api/tasks?plan={plan:?}&status={:?}&worker={:?}", filter.status, filter.worker);
    let key = PageKey { viewer: Viewer::Anyone, route };
    let bytes = state.page_cache.get_or_render(
        key,
        || state.node.head().seq,
        || {
            let query = queries::TaskFilter { plan, status: filter.status.clone(), worker: filter.worker.clone() };
            let tasks = queries::tasks(&state.node, &query)?;
            serde_json::to_vec(&tasks).map(Bytes::from).map_err(ApiError::internal)
        },
    )?;
    Ok(([(header::CONTENT_TYPE, "application/json")], bytes).into_response())
}

/// Executes `action` on `task` as the caller's participant; the core decides whether they may.
/// Shared by the JSON routes and the task board's forms.
pub async fn act(
    state: &AppState,
    principal: &Principal,
    headers: &HeaderMap,
    task: TaskRef,
    action: TaskAction,
    request: TaskActionRequest,
) -> Result<Receipt, ApiError> {
    if action != TaskAction::Start && request.worker.is_some() {
        return Err(ApiError::invalid("worker", "only `start` takes a worker"));
    }
    if action != TaskAction::Start && !request.with.is_empty() {
        return Err(ApiError::invalid("with", "only `start` takes a crew"));
    }
    if action != TaskAction::Complete && request.hours.is_some() {
        return Err(ApiError::invalid("hours", "only `complete` takes hours"));
    }
    let hours = request
        .hours
        .map(|hours| {
            Milli::from_f64(hours).ok_or_else(|| ApiError::invalid("hours", format!("{hours} is not a number")))
        })
        .transpose()?;
    let me = principal.handle.clone();
    let reason = request.reason.unwrap_or_default();
    let command = match action {
        TaskAction::Start => ExecutionCommand::Start { task, worker: request.worker.unwrap_or(me), with: request.with },
        TaskAction::Complete => ExecutionCommand::Complete { task, by: me, hours },
        TaskAction::Verify => ExecutionCommand::Verify { task, by: me },
        TaskAction::Reject => ExecutionCommand::Reject { task, by: me, reason },
        TaskAction::Block => ExecutionCommand::Block { task, by: me, reason },
        TaskAction::Unblock => ExecutionCommand::Unblock { task, by: me },
    };
    let command_id = command_id(headers, principal)?;
    state.execute(Command::Execution(command), principal.actor(), command_id).await
}

async fn act_json(
    state: AppState,
    principal: Principal,
    headers: HeaderMap,
    (plan, operation, unit): TaskPath,
    action: TaskAction,
    request: TaskActionRequest,
) -> Result<Json<ReceiptBody>, ApiError> {
    let task = task_ref(&plan, &operation, &unit)?;
    let receipt = act(&state, &principal, &headers, task, action, request).await?;
    Ok(Json(ReceiptBody::of(&receipt, &state)))
}

macro_rules! task_action_route {
    ($name:ident, $action:expr, $path:literal, $summary:literal) => {
        #[doc = $summary]
        #[utoipa::path(post, path = $path, tag = "tasks", request_body(content = Option<TaskActionRequest>),
            params(("plan" = String, Path, description = "`PROD-0031`"),
                   ("operation" = String, Path, description = "The operation id, e.g. `bracing`"),
                   ("unit" = u32, Path, description = "The unit, from 1"),
                   ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
            responses((status = 200, body = ReceiptBody),
                      (status = 403, description = "Not the caller's task, or their own work", body = ErrorBody),
                      (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
        pub async fn $name(
            State(state): State<AppState>,
            Extension(principal): Extension<Principal>,
            headers: HeaderMap,
            ApiPath(path): ApiPath<TaskPath>,
            OptionalJson(request): OptionalJson<TaskActionRequest>,
        ) -> Result<Json<ReceiptBody>, ApiError> {
            act_json(state, principal, headers, path, $action, request).await
        }
    };
}

task_action_route!(
    start,
    TaskAction::Start,
    "/api/tasks/{plan}/{operation}/{unit}/start",
    "Start a task (predecessors verified, worker certified); consumes its materials."
);
task_action_route!(
    complete,
    TaskAction::Complete,
    "/api/tasks/{plan}/{operation}/{unit}/complete",
    "Mark a task done: its worker, or a coordinator."
);
task_action_route!(
    verify,
    TaskAction::Verify,
    "/api/tasks/{plan}/{operation}/{unit}/verify",
    "Verify a done task: someone else, certified for it or a coordinator; records the labor."
);
task_action_route!(
    reject,
    TaskAction::Reject,
    "/api/tasks/{plan}/{operation}/{unit}/reject",
    "Send a done task back for rework (needs `reason`)."
);
task_action_route!(
    block,
    TaskAction::Block,
    "/api/tasks/{plan}/{operation}/{unit}/block",
    "Block a task (needs `reason`): its worker, or a coordinator."
);
task_action_route!(
    unblock,
    TaskAction::Unblock,
    "/api/tasks/{plan}/{operation}/{unit}/unblock",
    "Lift a task's block: its worker, or a coordinator."
);
