//! The production pages: active plans with their progress, one plan with its Gantt chart, verdict,
//! bottleneck, shortages and task board, the task board across plans with its action forms, and
//! the form handler those actions post to (same checks as the JSON routes, answered with a
//! redirect back or an error page).

use crate::api::extract::ApiPath;
use crate::api::plans::{gantt_svg, plan_id};
use crate::api::task_path::{TaskAction, task_ref};
use crate::api::tasks::{TaskActionRequest, act};
use crate::auth::{Principal, Role};
use crate::error::ApiError;
use crate::pages::{Chrome, cached_page, render, render_bytes};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use prodos_app::planning::plan_detail;
use prodos_app::queries;
use prodos_app::views::people::{ProductionView, TaskView};
use prodos_app::views::plans::{MaterialNeedView, PurchaseView};
use prodos_app::views::{PlanDetailView, PlanSummaryView};
use serde::Deserialize;

/// The board's columns, in the order work flows.
pub const COLUMNS: [(&str, &str); 4] =
    [("ready", "Ready"), ("in progress", "In progress"), ("done", "Done, to verify"), ("verified", "Verified")];

/// One task card with the actions its state offers.
pub struct Card {
    pub task: TaskView,
    pub actions: Vec<&'static str>,
}

pub struct Column {
    pub status: &'static str,
    pub title: &'static str,
    pub cards: Vec<Card>,
}

/// Groups tasks into the board's columns. Actions are offered to those who do work
/// (participants and coordinators); the server still checks each one when it is posted.
pub fn board(tasks: Vec<TaskView>, role: Role) -> Vec<Column> {
    let works = matches!(role, Role::Participant | Role::Coordinator);
    let mut columns: Vec<Column> =
        COLUMNS.iter().map(|(status, title)| Column { status, title, cards: Vec::new() }).collect();
    for task in tasks {
        let mut actions = match (task.status, task.blocked.is_some()) {
            (_, true) => vec!["unblock"],
            ("ready", false) if task.waiting_on.is_empty() => vec!["start", "block"],
            ("ready", false) => vec!["block"],
            ("in progress", false) => vec!["complete", "block"],
            ("done", false) => vec!["verify", "reject"],
            _ => vec![],
        };
        if !works || task.status == "verified" {
            actions.clear();
        }
        if let Some(column) = columns.iter_mut().find(|column| column.status == task.status) {
            column.cards.push(Card { task, actions });
        }
    }
    columns
}

/// A material the plan is short of, with the purchase that would cover it.
pub struct Shortage {
    pub material: String,
    pub required: String,
    pub short: String,
    pub unit: String,
    /// `12 pc from SUPPLIER, arrives DAY` or `nobody sells it`.
    pub cover: String,
}

impl Shortage {
    fn of(need: &MaterialNeedView, purchases: &[PurchaseView]) -> Shortage {
        let cover = match purchases.iter().find(|purchase| purchase.material == need.material) {
            Some(p) => format!(
                "buy {} {} from {} for {}, arrives {}{}",
                p.qty,
                p.unit,
                p.supplier,
                p.cost,
                p.arrives,
                if p.in_time { "" } else { " (after the due date)" }
            ),
            None => "nobody sells it".into(),
        };
        Shortage {
            material: need.material.clone(),
            required: need.required.clone(),
            short: need.shortage.clone(),
            unit: need.unit.clone(),
            cover,
        }
    }
}

/// A plan with its progress, for the list of active plans.
pub struct PlanRow {
    pub summary: PlanSummaryView,
    pub progress: ProductionView,
}

#[derive(Template)]
#[template(path = "plans.html")]
struct PlansPage {
    chrome: Chrome,
    active: Vec<PlanRow>,
    others: Vec<PlanSummaryView>,
}

pub async fn plans(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
) -> Result<Response, ApiError> {
    cached_page(&state, &principal, "/plans".into(), || {
        let board = queries::plan_board(&state.node);
        let active = board.committed.into_iter().map(|(summary, progress)| PlanRow { summary, progress }).collect();
        let others = board.others;
        render_bytes(&PlansPage { chrome: Chrome::new(&state, Some(&principal), true), active, others })
    })
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    chrome: Chrome,
    detail: PlanDetailView,
    progress: ProductionView,
    gantt: String,
    shortages: Vec<Shortage>,
    columns: Vec<Column>,
    has_tasks: bool,
    back: String,
}

pub async fn plan(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiPath(plan): ApiPath<String>,
) -> Result<Response, ApiError> {
    let plan = plan_id(&plan)?;
    cached_page(&state, &principal, format!("/plans/{plan}"), || plan_page(&state, &principal, plan))
}

fn plan_page(state: &AppState, principal: &Principal, plan: prodos_core::PlanId) -> Result<Bytes, ApiError> {
    let detail = plan_detail(&state.node, plan)?;
    let gantt = String::from_utf8_lossy(&gantt_svg(state, plan)?).into_owned();
    let queries::PlanProgress { production: progress, tasks, .. } = queries::plan_progress(&state.node, plan)?;
    let shortages = detail
        .materials
        .iter()
        .filter(|need| need.shortage != "0")
        .map(|need| Shortage::of(need, &detail.purchases))
        .collect();
    render_bytes(&PlanPage {
        chrome: Chrome::new(state, Some(principal), true),
        back: format!("/plans/{plan}"),
        has_tasks: !tasks.is_empty(),
        columns: board(tasks, principal.role),
        detail,
        progress,
        gantt,
        shortages,
    })
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage {
    chrome: Chrome,
    columns: Vec<Column>,
    back: String,
}

pub async fn tasks(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
) -> Result<Response, ApiError> {
    cached_page(&state, &principal, "/tasks".into(), || {
        let tasks = queries::tasks(&state.node, &queries::TaskFilter::default())?;
        render_bytes(&TasksPage {
            chrome: Chrome::new(&state, Some(&principal), true),
            columns: board(tasks, principal.role),
            back: "/tasks".into(),
        })
    })
}

/// The fields of a task action form (its `csrf` field is checked by the guard).
#[derive(Debug, Default, Deserialize)]
pub struct ActionForm {
    pub reason: Option<String>,
    /// The page to return to: a path on this site.
    pub back: Option<String>,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    code: String,
    message: String,
    back: String,
}

/// Only local paths, so a form cannot be made to redirect elsewhere.
fn safe_back(back: Option<String>) -> String {
    back.filter(|back| back.starts_with('/') && !back.starts_with("//") && !back.contains('\\'))
        .unwrap_or_else(|| "/tasks".into())
}

pub async fn task_action(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath((plan, operation, unit, action)): ApiPath<(String, String, String, String)>,
    axum::Form(form): axum::Form<ActionForm>,
) -> Result<Response, ApiError> {
    let back = safe_back(form.back);
    let outcome = async {
        let action =
            TaskAction::parse(&action).ok_or_else(|| ApiError::NoRoute { path: format!("/tasks/…/{action}") })?;
        let task = task_ref(&plan, &operation, &unit)?;
        let reason = form.reason.filter(|reason| !reason.trim().is_empty());
        let reason = match (action, reason) {
            (TaskAction::Block | TaskAction::Reject, None) => Some(format!("{} from the task board", action.as_str())),
            (_, reason) => reason,
        };
        act(
            &state,
            &principal,
            &headers,
            task,
            action,
            TaskActionRequest { worker: None, with: Vec::new(), reason, hours: None },
        )
        .await
    }
    .await;
    match outcome {
        Ok(_) => Ok(Redirect::to(&back).into_response()),
        Err(error) => {
            let (status, code, _) = error.classify();
            let status = if status == StatusCode::SEE_OTHER { StatusCode::UNAUTHORIZED } else { status };
            let page = ErrorPage {
                chrome: Chrome::new(&state, Some(&principal), false),
                code,
                message: error.to_string(),
                back,
            };
            let mut response = render(&page)?;
            *response.status_mut() = status;
            Ok(response)
        }
    }
}
