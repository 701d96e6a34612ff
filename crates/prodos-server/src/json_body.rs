//! A body declared as JSON must be well-formed JSON on every route, including actions that read
//! no body: otherwise `{` sent to `POST /api/plans/P/cancel` would be ignored and the plan
//! cancelled, and a client's bug would pass for success.

use crate::api::extract::bytes_rejection;
use crate::error::ApiError;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use serde::de::IgnoredAny;

/// Checks the syntax of a JSON body before the route sees it (the route still checks its shape).
/// Runs inside the body limit, so an oversized body is a 413 here as it would be in the route.
pub async fn well_formed(request: Request, next: Next) -> Result<Response, ApiError> {
    let declared_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(|value| value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
        .is_some_and(|mime| mime == "application/json" || mime.ends_with("+json"));
    if !declared_json {
        return Ok(next.run(request).await);
    }
    let (parts, body) = request.into_parts();
    let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), &()).await.map_err(bytes_rejection)?;
    if !bytes.iter().all(u8::is_ascii_whitespace)
        && let Err(error) = serde_json::from_slice::<IgnoredAny>(&bytes)
    {
        return Err(ApiError::BadRequest {
            code: "malformed_json",
            message: format!("the body is not well-formed JSON: {error}"),
            field: None,
        });
    }
    Ok(next.run(Request::from_parts(parts, Body::from(bytes))).await)
}
