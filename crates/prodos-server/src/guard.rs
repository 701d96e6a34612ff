//! The access check in front of every route: find the caller (API token or session cookie),
//! apply the route's `Access`, demand a CSRF token on cookie-authenticated writes, and hand the
//! `Principal` to the handler.

use crate::auth::{Access, Credential, Principal, secret};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const SESSION_COOKIE: &str = "prodos_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

pub async fn guard(State((app, access)): State<(AppState, Access)>, mut request: Request, next: Next) -> Response {
    match authorize(&app, access, &mut request).await {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

async fn authorize(app: &AppState, access: Access, request: &mut Request) -> Result<(), ApiError> {
    if access == Access::Public {
        return Ok(());
    }
    let principal = authenticate(app, request.headers()).await?;
    let role = principal.as_ref().map(|principal| principal.role);
    if !access.allows(role, app.config.public_record) {
        return Err(match role {
            None => ApiError::Unauthenticated,
            Some(role) => ApiError::Forbidden { role: role.as_str(), action: access.describe().to_string() },
        });
    }
    if let Some(principal) = principal {
        let csrf_needed = !is_safe(request.method());
        if let (Credential::Session { csrf_token }, true) = (&principal.credential, csrf_needed) {
            let presented = request.headers().get(CSRF_HEADER).and_then(|value| value.to_str().ok()).unwrap_or("");
            if !secret::constant_time_eq(presented, csrf_token) {
                return Err(ApiError::CsrfMismatch);
            }
        }
        request.extensions_mut().insert(principal);
    }
    Ok(())
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// `Ok(None)` for an anonymous caller; an invalid credential is an error rather than anonymous,
/// so a script with a revoked token learns it at once.
pub async fn authenticate(app: &AppState, headers: &HeaderMap) -> Result<Option<Principal>, ApiError> {
    if let Some(authorization) = headers.get(header::AUTHORIZATION) {
        let presented = authorization
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or(ApiError::Unauthenticated)?
            .trim()
            .to_string();
        let found = app.blocking(move |state| state.accounts.authenticate_token(&presented)).await?;
        let (handle, role, token_id) = found.ok_or(ApiError::Unauthenticated)?;
        return Ok(Some(Principal { handle, role, credential: Credential::Token { token_id } }));
    }
    let Some(session_id) = session_cookie(headers) else { return Ok(None) };
    let session = app.sessions.get(&session_id, app.now().millis()).ok_or(ApiError::Unauthenticated)?;
    Ok(Some(Principal {
        handle: session.handle,
        role: session.role,
        credential: Credential::Session { csrf_token: session.csrf_token },
    }))
}

/// The session id from the `Cookie` header, if the browser sent one.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
}

/// `Set-Cookie` for a new session: HttpOnly, SameSite=Strict, Secure unless configured off.
pub fn session_set_cookie(session_id: &str, secure: bool, max_age_s: i64) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={session_id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_s}{secure}")
}

pub fn session_clear_cookie(secure: bool) -> String {
    session_set_cookie("", secure, 0)
}
