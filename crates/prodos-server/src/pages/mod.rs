//! The dashboard: server-rendered HTML pages (askama templates in `templates/`), a small CSS file
//! and one small script for live updates, all compiled into the binary. No front-end build.

pub mod account;
pub mod login;
pub mod people;
pub mod quality;
pub mod record;
pub mod views;
pub mod work;

use crate::auth::{Credential, Principal};
use crate::cache::{PageKey, Viewer};
use crate::error::ApiError;
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::http::header;
use axum::response::{IntoResponse, Response};

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
    render_bytes(template).map(html)
}

pub fn render_bytes(template: &impl Template) -> Result<Bytes, ApiError> {
    template.render().map(Bytes::from).map_err(ApiError::internal)
}

/// Rendered HTML as a response; `no-store` because pages carry the session's CSRF token.
pub fn html(bytes: Bytes) -> Response {
    ([(header::CACHE_CONTROL, "no-store"), (header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes).into_response()
}

/// The page at `route` as `principal` sees it: from the page cache while the ledger head has not
/// moved since it was rendered for them, else rendered by `render` (the heavy pages: plans, a
/// plan with its board and Gantt chart, the task board, stock with every lot).
pub fn cached_page(
    state: &AppState,
    principal: &Principal,
    route: String,
    render: impl FnOnce() -> Result<Bytes, ApiError>,
) -> Result<Response, ApiError> {
    let key = PageKey { viewer: Viewer::of(principal), route };
    state.page_cache.get_or_render(key, || state.node.head().seq, render).map(html)
}

pub async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("../../static/app.css")).into_response()
}

pub async fn script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("../../static/live.js")).into_response()
}
