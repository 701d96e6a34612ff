//! The dashboard: server-rendered HTML pages (askama templates in `templates/`), a small CSS file
//! and one small script for live updates, all compiled into the binary. No front-end build.

pub mod login;
pub mod people;
pub mod views;
pub mod work;

use crate::auth::{Credential, Principal};
use crate::error::ApiError;
use crate::state::AppState;
use askama::Template;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

/// What every page shows around its content: who is signed in, the ledger head, and whether the
/// page follows new events.
pub struct Chrome {
    pub user: Option<UserView>,
    pub live: bool,
    pub head_seq: u64,
    pub head_hash_short: String,
}

pub struct UserView {
    pub handle: String,
    pub role: &'static str,
    /// The session's CSRF token, for the sign-out form (empty for token callers).
    pub csrf: String,
}

impl Chrome {
    pub fn new(state: &AppState, principal: Option<&Principal>, live: bool) -> Chrome {
        let head = state.node.head();
        let mut head_hash_short = head.hash_hex();
        head_hash_short.truncate(12);
        let user = principal.map(|principal| UserView {
            handle: principal.handle.clone(),
            role: principal.role.as_str(),
            csrf: match &principal.credential {
                Credential::Session { csrf_token } => csrf_token.clone(),
                Credential::Token { .. } => String::new(),
            },
        });
        Chrome { user, live, head_seq: head.seq, head_hash_short }
    }
}

/// Renders a template; a template error is ours, so it is logged and answered as internal.
pub fn render(template: &impl Template) -> Result<Response, ApiError> {
    let html = template.render().map_err(ApiError::internal)?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response())
}

pub async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("../../static/app.css")).into_response()
}

pub async fn script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("../../static/live.js")).into_response()
}
