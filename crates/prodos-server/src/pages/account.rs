//! The account page: who one is signed in as, and the form that changes one's own password (the
//! steps of `PUT /api/account/password`, answered with a page and a redirect).

use crate::api::accounts::{ChangePasswordRequest, change_own};
use crate::api::extract::ClientAddress;
use crate::auth::Principal;
use crate::error::ApiError;
use crate::pages::{Chrome, render};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub chrome: Chrome,
    /// What the last change did, or why it was refused.
    pub message: Option<String>,
    pub refused: bool,
}

#[derive(Debug, Deserialize)]
pub struct AccountQuery {
    #[serde(default)]
    pub changed: bool,
}

/// The form's fields; `csrf` is read and checked by the guard.
#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    pub current_password: String,
    pub new_password: String,
    pub confirm_password: String,
}

pub async fn page(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Query(query): Query<AccountQuery>,
) -> Result<Response, ApiError> {
    let message = query.changed.then(|| "Password changed; your other sessions were signed out.".to_string());
    render(&AccountPage { chrome: Chrome::new(&state, Some(&principal), false), message, refused: false })
}

pub async fn change_password(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Extension(principal): Extension<Principal>,
    axum::Form(form): axum::Form<PasswordForm>,
) -> Result<Response, ApiError> {
    let outcome = if form.new_password == form.confirm_password {
        let request =
            ChangePasswordRequest { current_password: form.current_password, new_password: form.new_password };
        change_own(&state, &principal, &address, request).await
    } else {
        Err(ApiError::invalid("confirm_password", "the new password and its confirmation differ"))
    };
    match outcome {
        // The browser carries on under the new session the change started.
        Ok(cookie) => {
            let redirect = Redirect::to("/account?changed=true");
            Ok(match cookie {
                Some(cookie) => ([(header::SET_COOKIE, cookie)], redirect).into_response(),
                None => redirect.into_response(),
            })
        }
        Err(error @ (ApiError::Invalid { .. } | ApiError::TooManyAttempts { .. })) => {
            let (status, _, _) = error.classify();
            let page = AccountPage {
                chrome: Chrome::new(&state, Some(&principal), false),
                message: Some(error.to_string()),
                refused: true,
            };
            let mut response = render(&page)?;
            *response.status_mut() = status;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}
