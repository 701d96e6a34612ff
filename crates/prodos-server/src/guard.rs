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
    let taken = std::mem::take(request);
    *request = with_form_csrf(taken, app.config.body_limit_bytes).await?;
    if access == Access::Public {
        return Ok(());
    }
    let principal = match authenticate(app, request.headers()).await {
        // An expired or ended session on a page: back to the sign-in page, not a JSON error.
        Err(ApiError::Unauthenticated) if access.is_page() => return Err(ApiError::SignInRequired),
        other => other?,
    };
    let role = principal.as_ref().map(|principal| principal.role);
    if !access.allows(role, app.config.public_record) {
        return Err(match role {
            None if access.is_page() => ApiError::SignInRequired,
            None => ApiError::Unauthenticated,
            Some(role) => ApiError::Forbidden { role: role.as_str(), action: access.describe().to_string() },
        });
    }
    if let Some(principal) = principal {
        let csrf_needed = !is_safe(request.method());
        if let (Credential::Session { csrf_token }, true) = (&principal.credential, csrf_needed) {
            // A script sends the header; a page's form sends a field, lifted into the header.
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

/// HTML forms cannot send headers, so a form's `csrf` field is copied into the `X-CSRF-Token`
/// header (the body is buffered within the body limit and handed on unchanged). A header the
/// client sent itself is never overwritten.
async fn with_form_csrf(request: Request, limit_bytes: usize) -> Result<Request, ApiError> {
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"));
    if !is_form || request.headers().contains_key(CSRF_HEADER) || is_safe(request.method()) {
        return Ok(request);
    }
    let (mut parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, limit_bytes).await.map_err(|_| ApiError::PayloadTooLarge)?;
    // POST, because `Form` reads a GET's fields from the query string.
    let probe = Request::builder()
        .method(Method::POST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(bytes.clone()))
        .map_err(ApiError::internal)?;
    let field = <axum::Form<CsrfField> as axum::extract::FromRequest<()>>::from_request(probe, &()).await;
    if let Some(value) = field.ok().and_then(|axum::Form(field)| field.csrf.parse().ok()) {
        parts.headers.insert(CSRF_HEADER, value);
    }
    Ok(Request::from_parts(parts, axum::body::Body::from(bytes)))
}

#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}
