//! `/record`: the public operational record as a page, readable without signing in when the node
//! publishes it (the JSON twin is `/api/public/record`).

use crate::auth::Principal;
use crate::error::ApiError;
use crate::pages::{Chrome, render};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use prodos_app::views::PublicRecordView;

#[derive(Template)]
#[template(path = "record.html")]
struct RecordPage {
    chrome: Chrome,
    record: PublicRecordView,
}

pub async fn record(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
) -> Result<Response, ApiError> {
    let record = prodos_app::queries::public_record(&state.node);
    let principal = principal.map(|Extension(principal)| principal);
    render(&RecordPage { chrome: Chrome::new(&state, principal.as_ref(), true), record })
}
