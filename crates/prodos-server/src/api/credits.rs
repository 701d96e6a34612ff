//! `/api/credits`: time credits earned from verified labor, their decay and spending, and
//! reputation shown in its parts. Every member may read every balance, as the ledger itself is
//! readable by every member.

use crate::api::extract::ApiPath;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use prodos_core::Rejection;
use prodos_node::views::people::{CreditBalanceView, CreditRowView};

fn known(state: &AppState, handle: &str) -> Result<(), ApiError> {
    match state.node.read(|node_state| node_state.people.get(handle).is_some()) {
        true => Ok(()),
        false => Err(ApiError::Rejected(Rejection::UnknownParticipant {
            field: "handle".into(),
            handle: handle.to_string(),
        })),
    }
}

#[utoipa::path(get, path = "/api/credits", tag = "credits",
    responses((status = 200, description = "Every participant's balance (earned − decayed − spent) and reputation parts", body = Vec<CreditBalanceView>)))]
pub async fn balances(State(state): State<AppState>) -> Json<Vec<CreditBalanceView>> {
    let now = state.now();
    Json(state.node.read(|node_state| {
        node_state
            .people
            .iter()
            .map(|participant| CreditBalanceView::of(node_state, &participant.handle, now))
            .collect()
    }))
}

#[utoipa::path(get, path = "/api/credits/{handle}", tag = "credits",
    params(("handle" = String, Path, description = "The participant")),
    responses((status = 200, body = CreditBalanceView), (status = 404, body = ErrorBody)))]
pub async fn balance(
    State(state): State<AppState>,
    ApiPath(handle): ApiPath<String>,
) -> Result<Json<CreditBalanceView>, ApiError> {
    known(&state, &handle)?;
    let now = state.now();
    Ok(Json(state.node.read(|node_state| CreditBalanceView::of(node_state, &handle, now))))
}

#[utoipa::path(get, path = "/api/credits/{handle}/history", tag = "credits",
    params(("handle" = String, Path, description = "The participant")),
    responses((status = 200, description = "Every credit change: labor earned, monthly decay steps, goods paid for", body = Vec<CreditRowView>),
              (status = 404, body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    ApiPath(handle): ApiPath<String>,
) -> Result<Json<Vec<CreditRowView>>, ApiError> {
    known(&state, &handle)?;
    let now = state.now();
    Ok(Json(state.node.read(|node_state| {
        prodos_core::credits::statement(&node_state.credits, &handle, now).rows.iter().map(CreditRowView::of).collect()
    })))
}
