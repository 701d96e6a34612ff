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
use prodos_app::queries;
use prodos_app::views::people::{CreditBalanceView, CreditRowView, EntitlementView, GoodView, ParticipantView};

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
    let rows = queries::participants(&state.node, now)
        .into_iter()
        .map(|(participant, credits)| ParticipantRow { participant, credits })
        .collect();
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
    let queries::ParticipantProfile { participant, credits, history, tasks } =
        queries::participant_profile(&state.node, &handle, now)?;
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
    let (goods, entitlements) = (queries::goods(&state.node), queries::entitlements(&state.node));
    render(&GoodsPage { chrome: Chrome::new(&state, Some(&principal), true), goods, entitlements })
}
