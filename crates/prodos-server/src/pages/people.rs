//! The people pages: participants with their skills and credits, one participant's
//! certifications, assignments (as a task board with their actions) and credit history, and the
//! goods with their entitlements.

use crate::api::extract::ApiPath;
use crate::auth::Principal;
use crate::error::ApiError;
use crate::pages::work::{Column, board};
use crate::pages::{Chrome, render};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use prodos_app::views::people::{
    CreditBalanceView, CreditRowView, EntitlementView, GoodView, ParticipantView, TaskView,
};
use prodos_core::Rejection;
use prodos_core::plan::PlanStatus;

pub struct ParticipantRow {
    pub participant: ParticipantView,
    pub credits: CreditBalanceView,
}

#[derive(Template)]
#[template(path = "participants.html")]
struct ParticipantsPage {
    chrome: Chrome,
    rows: Vec<ParticipantRow>,
}

pub async fn participants(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
) -> Result<Response, ApiError> {
    let now = state.now();
    let rows = state.node.read(|node_state| {
        node_state
            .people
            .iter()
            .map(|participant| ParticipantRow {
                participant: ParticipantView::of(participant, now),
                credits: CreditBalanceView::of(node_state, &participant.handle, now),
            })
            .collect()
    });
    render(&ParticipantsPage { chrome: Chrome::new(&state, Some(&principal), true), rows })
}

#[derive(Template)]
#[template(path = "participant.html")]
struct ParticipantPage {
    chrome: Chrome,
    participant: ParticipantView,
    credits: CreditBalanceView,
    history: Vec<CreditRowView>,
    columns: Vec<Column>,
    back: String,
}

pub async fn participant(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiPath(handle): ApiPath<String>,
) -> Result<Response, ApiError> {
    let now = state.now();
    let found = state.node.read(|node_state| {
        let participant = node_state.people.get(&handle)?;
        // Their tasks: worked on (as worker or crew) in committed plans.
        let tasks: Vec<TaskView> = node_state
            .plans
            .plans()
            .filter(|plan| plan.status == PlanStatus::Committed)
            .flat_map(|plan| TaskView::of_plan(node_state, plan))
            .filter(|task| task.worker.as_deref() == Some(handle.as_str()) || task.crew.contains(&handle))
            .collect();
        let history = prodos_core::credits::statement(&node_state.credits, &handle, now)
            .rows
            .iter()
            .map(CreditRowView::of)
            .collect();
        Some((ParticipantView::of(participant, now), CreditBalanceView::of(node_state, &handle, now), history, tasks))
    });
    let (participant, credits, history, tasks) = found.ok_or_else(|| {
        ApiError::Rejected(Rejection::UnknownParticipant { field: "handle".into(), handle: handle.clone() })
    })?;
    render(&ParticipantPage {
        chrome: Chrome::new(&state, Some(&principal), true),
        back: format!("/participants/{handle}"),
        columns: board(tasks, principal.role),
        participant,
        credits,
        history,
    })
}

#[derive(Template)]
#[template(path = "goods.html")]
struct GoodsPage {
    chrome: Chrome,
    goods: Vec<GoodView>,
    entitlements: Vec<EntitlementView>,
}

pub async fn goods(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
) -> Result<Response, ApiError> {
    let (goods, entitlements) = state.node.read(|node_state| {
        (
            node_state.distribution.goods().map(|good| GoodView::of(&node_state.distribution, good)).collect(),
            node_state
                .distribution
                .entitlements()
                .map(|entitlement| EntitlementView::of(&node_state.distribution, entitlement))
                .collect(),
        )
    });
    render(&GoodsPage { chrome: Chrome::new(&state, Some(&principal), true), goods, entitlements })
}
