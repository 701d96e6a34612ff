//! The whole HTTP application: the registry's routes, a JSON 404 for everything else, and the
//! layers every request passes: panic catching, a timeout, a body limit, a JSON syntax check
//! (`json_body`), a step that gives any error a middleware produced the shared error body, and
//! security headers on every answer.

use crate::error::ApiError;
use crate::routes;
use crate::state::AppState;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Response};
use std::sync::atomic::Ordering;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

pub fn app(state: AppState) -> Router {
    with_layers(routes::routes(&state).fallback(no_route), state)
}

/// `router` behind the layers every request passes (the panic layer counts into `state.panics`).
pub fn with_layers(router: Router<AppState>, state: AppState) -> Router {
    let panics = state.panics.clone();
    let on_panic = move |_payload: Box<dyn std::any::Any + Send + 'static>| -> Response {
        // The payload may hold internal details: it is counted and logged, never sent.
        panics.fetch_add(1, Ordering::SeqCst);
        tracing::error!("a request handler panicked");
        ApiError::internal("handler panicked").into_response()
    };
    router
        .with_state(state.clone())
        .layer(from_fn(crate::json_body::well_formed))
        .layer(DefaultBodyLimit::max(state.config.body_limit_bytes))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, state.config.request_timeout))
        .layer(CatchPanicLayer::custom(on_panic))
        .layer(from_fn(error_body))
        .layer(from_fn(security_headers))
}

/// Scripts and styles only from this server (inline style attributes allowed: the BOM tree
/// indents by depth), no framing, no MIME sniffing, no referrer leaving the node (ASVS 14.4).
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    response
}

async fn no_route(uri: Uri) -> ApiError {
    ApiError::NoRoute { path: uri.path().to_string() }
}

/// Errors that layers or the router produce themselves (405, 408, 413) come without a body or as
/// plain text; this turns them into the shared error body so clients parse one shape.
async fn error_body(request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let status = response.status();
    // Our own errors are JSON, and pages answer errors with HTML on purpose; only bodies that a
    // layer or the router made up (empty or plain text) are replaced.
    let ours = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json") || value.starts_with("text/html"));
    if !(status.is_client_error() || status.is_server_error()) || ours {
        return response;
    }
    let error = match status {
        StatusCode::NOT_FOUND => ApiError::NoRoute { path },
        StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed { method, path },
        StatusCode::REQUEST_TIMEOUT => ApiError::Timeout,
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
        status if status.is_client_error() => ApiError::BadRequest {
            code: "bad_request",
            message: status.canonical_reason().unwrap_or("bad request").to_string(),
            field: None,
        },
        status => ApiError::internal(format!("a layer answered {status}")),
    };
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut normalised = error.into_response();
    if let Some(allow) = allow {
        normalised.headers_mut().insert(header::ALLOW, allow);
    }
    normalised
}
