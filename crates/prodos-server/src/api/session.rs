//! `/api/session`: signing in (a fresh session id every time, rate-limited), who am I, signing out.

use crate::api::extract::{ApiJson, ClientAddress};
use crate::auth::sessions::Session;
use crate::auth::{Credential, Principal, Role, password};
use crate::error::{ApiError, ErrorBody};
use crate::guard::{self, session_cookie};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub handle: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SessionBody {
    pub handle: String,
    pub role: Role,
    /// Send this in the `X-CSRF-Token` header with every write made with the session cookie.
    pub csrf_token: Option<String>,
}

#[utoipa::path(post, path = "/api/session", tag = "session", request_body = LoginRequest,
    responses((status = 200, description = "Signed in; the session cookie is set", body = SessionBody),
              (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let (cookie, session) =
        sign_in(&state, request.handle, request.password, &address, session_cookie(&headers)).await?;
    let body = SessionBody { handle: session.handle, role: session.role, csrf_token: Some(session.csrf_token) };
    Ok(([(header::SET_COOKIE, cookie), (header::CACHE_CONTROL, "no-store".to_string())], Json(body)).into_response())
}

/// Checks a handle and password (throttled per account and address) and starts a new session,
/// ending the one the browser presented. Returns the `Set-Cookie` value and the session.
pub async fn sign_in(
    state: &AppState,
    handle: String,
    password: String,
    address: &str,
    previous_session: Option<String>,
) -> Result<(String, Session), ApiError> {
    let now_ms = state.now().millis();
    if let Some(retry_after_s) = state.limiter.check(&handle, address, now_ms) {
        return Err(ApiError::TooManyAttempts { retry_after_s });
    }
    let lookup_handle = handle.clone();
    let role = state
        .blocking(move |state| {
            let found = state.accounts.credentials(&lookup_handle)?;
            // Verify against a decoy when the handle is unknown, so both cases cost the same.
            let stored_hash = found.as_ref().map(|(_, hash)| hash.as_str()).unwrap_or(password::decoy_hash());
            let matches = password::matches(&password, stored_hash);
            Ok(found.filter(|_| matches).map(|(role, _)| role))
        })
        .await?;
    let Some(role) = role else {
        state.limiter.record_failure(&handle, address, now_ms);
        tracing::info!(%handle, %address, "sign-in failed");
        return Err(ApiError::BadCredentials);
    };
    state.limiter.record_success(&handle);
    start_session(state, &handle, role, now_ms, previous_session.as_deref())
}

/// A new session for `handle` (ending `previous`, if any) and the `Set-Cookie` value carrying it.
pub fn start_session(
    state: &AppState,
    handle: &str,
    role: Role,
    now_ms: i64,
    previous: Option<&str>,
) -> Result<(String, Session), ApiError> {
    let (session_id, session) = state.sessions.start(handle, role, now_ms, previous)?;
    let max_age_s = crate::auth::sessions::ABSOLUTE_TIMEOUT_MS / 1000;
    Ok((guard::session_set_cookie(&session_id, state.config.secure_cookies, max_age_s), session))
}

#[utoipa::path(get, path = "/api/session", tag = "session",
    responses((status = 200, body = SessionBody), (status = 401, body = ErrorBody)))]
pub async fn whoami(Extension(principal): Extension<Principal>) -> Json<SessionBody> {
    let csrf_token = match principal.credential {
        Credential::Session { csrf_token } => Some(csrf_token),
        Credential::Token { .. } => None,
    };
    Json(SessionBody { handle: principal.handle, role: principal.role, csrf_token })
}

#[utoipa::path(delete, path = "/api/session", tag = "session",
    responses((status = 204, description = "Signed out; the cookie is cleared"), (status = 401, body = ErrorBody)))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(session_id) = session_cookie(&headers) {
        state.sessions.end(&session_id);
    }
    let cookie = guard::session_clear_cookie(state.config.secure_cookies);
    (StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response()
}
