//! The sign-in page and sign-out: the same checks as `POST /api/session`, answered with pages
//! and redirects instead of JSON.

use crate::api::extract::ClientAddress;
use crate::api::session::sign_in;
use crate::error::ApiError;
use crate::guard::{self, session_cookie};
use crate::pages::{Chrome, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub chrome: Chrome,
    pub message: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    pub handle: String,
    pub password: String,
}

pub async fn form(State(state): State<AppState>) -> Result<Response, ApiError> {
    render(&LoginPage { chrome: Chrome::new(&state, None, false), message: None })
}

pub async fn submit(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    axum::Form(form): axum::Form<LoginForm>,
) -> Result<Response, ApiError> {
    match sign_in(&state, form.handle, form.password, &address, session_cookie(&headers)).await {
        Ok((cookie, _)) => Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()),
        Err(error @ (ApiError::BadCredentials | ApiError::TooManyAttempts { .. })) => {
            let (status, _, _) = error.classify();
            let page = LoginPage { chrome: Chrome::new(&state, None, false), message: Some(error.to_string()) };
            let mut response = render(&page)?;
            *response.status_mut() = status;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

/// Ends the session (the CSRF token came in the form and was checked by the guard).
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(session_id) = session_cookie(&headers) {
        state.sessions.end(&session_id);
    }
    let cookie = guard::session_clear_cookie(state.config.secure_cookies);
    (StatusCode::SEE_OTHER, [(header::SET_COOKIE, cookie), (header::LOCATION, "/login".to_string())]).into_response()
}
