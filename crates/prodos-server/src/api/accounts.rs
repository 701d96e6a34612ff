//! `/api/accounts`: admins create, list, disable and enable accounts, change their roles, reset
//! their passwords and issue and list their API tokens; `/api/account/password`: any signed-in
//! account changes its own password. Disabling, a new role or a new password ends the account's
//! sessions at once (disabling also revokes its tokens). Each change is recorded in the ledger
//! (`AccessChanged`) with the account that made it, never a secret, by the steps in `auth::admin`
//! that the host operator's CLI runs too.

use crate::api::extract::{ApiJson, ApiPath, ClientAddress};
use crate::api::tokens::{CreateTokenRequest, CreatedToken};
use crate::auth::store::{AccountView, TokenView};
use crate::auth::{Credential, Principal, Role, admin};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAccountRequest {
    pub handle: String,
    pub role: Role,
    /// 12–128 characters.
    pub password: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRequest {
    pub role: Role,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    /// 12–128 characters, not the current one.
    pub new_password: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// 12–128 characters.
    pub new_password: String,
}

#[utoipa::path(get, path = "/api/accounts", tag = "accounts",
    responses((status = 200, body = Vec<AccountView>), (status = 403, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<AccountView>>, ApiError> {
    Ok(Json(state.blocking(|state| state.accounts.list()).await?))
}

#[utoipa::path(post, path = "/api/accounts", tag = "accounts", request_body = CreateAccountRequest,
    responses((status = 201, body = AccountView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiJson(request): ApiJson<CreateAccountRequest>,
) -> Result<(StatusCode, Json<AccountView>), ApiError> {
    let meta = state.access_meta(&principal.handle)?;
    let view = state
        .blocking(move |state| {
            admin::create_account(&state.node, &state.accounts, &meta, &request.handle, request.role, &request.password)
        })
        .await?;
    state.announce();
    tracing::info!(admin = %principal.handle, handle = %view.handle, role = view.role.as_str(), "account created");
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(post, path = "/api/accounts/{handle}/disable", tag = "accounts",
    params(("handle" = String, Path, description = "The account to disable")),
    responses((status = 204, description = "Disabled; sessions ended, tokens revoked"), (status = 404, body = ErrorBody)))]
pub async fn disable(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiPath(handle): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    if handle == principal.handle {
        return Err(ApiError::invalid("handle", "an admin cannot disable their own account"));
    }
    let meta = state.access_meta(&principal.handle)?;
    let target = handle.clone();
    let disabled =
        state.blocking(move |state| admin::disable_account(&state.node, &state.accounts, &meta, &target)).await?;
    if let Some(change) = disabled {
        state.access_changed(&change);
        tracing::info!(admin = %principal.handle, %handle, "account disabled");
    }
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/accounts/{handle}/role", tag = "accounts", request_body = RoleRequest,
    params(("handle" = String, Path, description = "The account whose role changes")),
    responses((status = 204, description = "Changed; the account's sessions ended"), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn set_role(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiPath(handle): ApiPath<String>,
    ApiJson(request): ApiJson<RoleRequest>,
) -> Result<StatusCode, ApiError> {
    if handle == principal.handle {
        return Err(ApiError::invalid("handle", "an admin cannot change their own role"));
    }
    let meta = state.access_meta(&principal.handle)?;
    let target = handle.clone();
    let changed = state
        .blocking(move |state| admin::change_role(&state.node, &state.accounts, &meta, &target, request.role))
        .await?;
    if let Some(change) = changed {
        state.access_changed(&change);
        tracing::info!(admin = %principal.handle, %handle, role = request.role.as_str(), "role changed");
    }
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/accounts/{handle}/enable", tag = "accounts",
    params(("handle" = String, Path, description = "The account to enable")),
    responses((status = 204, description = "Enabled; tokens revoked when it was disabled stay revoked"),
              (status = 404, body = ErrorBody)))]
pub async fn enable(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiPath(handle): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let meta = state.access_meta(&principal.handle)?;
    let target = handle.clone();
    let enabled =
        state.blocking(move |state| admin::enable_account(&state.node, &state.accounts, &meta, &target)).await?;
    if let Some(change) = enabled {
        state.access_changed(&change);
        tracing::info!(admin = %principal.handle, %handle, "account enabled");
    }
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/accounts/{handle}/password", tag = "accounts", request_body = ResetPasswordRequest,
    params(("handle" = String, Path, description = "The account whose password is reset")),
    responses((status = 204, description = "Reset; the account's sessions ended"), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn reset_password(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiPath(handle): ApiPath<String>,
    ApiJson(request): ApiJson<ResetPasswordRequest>,
) -> Result<StatusCode, ApiError> {
    if handle == principal.handle {
        // A reset asks for no current password; one's own goes through the route that does, so
        // a stolen admin session cannot lock the admin out (ASVS 2.1.6).
        return Err(ApiError::invalid(
            "handle",
            "an admin changes their own password at PUT /api/account/password, with the current one",
        ));
    }
    let meta = state.access_meta(&principal.handle)?;
    let target = handle.clone();
    let change = state
        .blocking(move |state| {
            admin::change_password(&state.node, &state.accounts, &meta, &target, None, &request.new_password)
        })
        .await?;
    // A reset is how a taken-over account is won back: whoever is signed in as it is signed out.
    state.access_changed(&change);
    tracing::info!(admin = %principal.handle, %handle, "password reset");
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/account/password", tag = "accounts", request_body = ChangePasswordRequest,
    responses((status = 204, description = "Changed; every other session of the account ended, and a session caller \
                 gets a new session cookie (read its CSRF token at GET /api/session)"),
              (status = 401, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn change_own_password(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Extension(principal): Extension<Principal>,
    ApiJson(request): ApiJson<ChangePasswordRequest>,
) -> Result<Response, ApiError> {
    match change_own(&state, &principal, &address, request).await? {
        None => Ok(StatusCode::NO_CONTENT.into_response()),
        Some(cookie) => Ok((
            StatusCode::NO_CONTENT,
            [(header::SET_COOKIE, cookie), (header::CACHE_CONTROL, "no-store".to_string())],
        )
            .into_response()),
    }
}

/// The caller changes their own password, for this route and the account page alike. Returns
/// the cookie of the new session a session caller carries on under (token callers: `None`).
pub async fn change_own(
    state: &AppState,
    principal: &Principal,
    address: &str,
    request: ChangePasswordRequest,
) -> Result<Option<String>, ApiError> {
    let handle = principal.handle.clone();
    let now_ms = state.now().millis();
    // Checking the current password is a sign-in by another door: the same limiter and counts,
    // so a stolen session or token gets no extra guesses (ASVS 2.2.1).
    if let Some(retry_after_s) = state.limiter.check(&handle, address, now_ms) {
        return Err(ApiError::TooManyAttempts { retry_after_s });
    }
    let meta = state.access_meta(&handle)?;
    let target = handle.clone();
    let ChangePasswordRequest { current_password, new_password } = request;
    let changed = state
        .blocking(move |state| {
            admin::change_password(&state.node, &state.accounts, &meta, &target, Some(&current_password), &new_password)
        })
        .await;
    if let Err(ApiError::Invalid { code: admin::WRONG_PASSWORD, .. }) = &changed {
        state.limiter.record_failure(&handle, address, now_ms);
        tracing::info!(%handle, %address, "password change with a wrong current password");
    }
    let change = changed?;
    state.limiter.record_success(&handle);
    // ASVS 3.3.3: a new password ends every session of the account, the caller's too; a browser
    // carries on under a fresh session id (and CSRF token) rather than being signed out.
    state.access_changed(&change);
    tracing::info!(%handle, "password changed");
    if let Credential::Token { .. } = principal.credential {
        return Ok(None);
    }
    let (cookie, _) = crate::api::session::start_session(state, &handle, principal.role, now_ms, None)?;
    Ok(Some(cookie))
}

#[utoipa::path(get, path = "/api/accounts/{handle}/tokens", tag = "accounts",
    params(("handle" = String, Path, description = "The account whose tokens are listed")),
    responses((status = 200, description = "The account's tokens, revoked ones included; never a secret",
               body = Vec<TokenView>), (status = 404, body = ErrorBody)))]
pub async fn tokens(
    State(state): State<AppState>,
    ApiPath(handle): ApiPath<String>,
) -> Result<Json<Vec<TokenView>>, ApiError> {
    let tokens = state
        .blocking(move |state| {
            // An unknown account is not an empty list: a typo should not read as "no tokens".
            if state.accounts.account(&handle)?.is_none() {
                return Err(ApiError::NotFound { what: format!("account {handle}") });
            }
            state.accounts.tokens_of(&handle)
        })
        .await?;
    Ok(Json(tokens))
}

#[utoipa::path(post, path = "/api/accounts/{handle}/tokens", tag = "accounts", request_body = CreateTokenRequest,
    params(("handle" = String, Path, description = "The account the token acts as")),
    responses((status = 201, description = "Issued; the secret is shown once", body = CreatedToken),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn issue_token(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiPath(handle): ApiPath<String>,
    ApiJson(request): ApiJson<CreateTokenRequest>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    let meta = state.access_meta(&principal.handle)?;
    let target = handle.clone();
    let (token, secret) = state
        .blocking(move |state| admin::issue_token(&state.node, &state.accounts, &meta, &target, &request.label))
        .await?;
    state.announce();
    tracing::info!(admin = %principal.handle, %handle, token = %token.id, "token issued");
    Ok((StatusCode::CREATED, Json(CreatedToken { token, secret })))
}
