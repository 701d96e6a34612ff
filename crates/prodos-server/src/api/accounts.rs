//! `/api/accounts`: admins create, list and disable accounts and change their roles. Disabling
//! or a new role ends the account's sessions at once (disabling also revokes its tokens). Each
//! change is recorded in the ledger (`AccessChanged`) with the admin who made it, never a secret.

use crate::api::extract::{ApiJson, ApiPath};
use crate::auth::store::AccountView;
use crate::auth::{Principal, Role, password};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use prodos_core::access::AccessChange;
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
    crate::auth::store::check_handle(&request.handle)?;
    password::check_policy(&request.password)?;
    let now_ms = state.now().millis();
    let (handle, role) = (request.handle.clone(), request.role);
    if state.blocking(move |state| state.accounts.role_of(&handle)).await?.is_some() {
        return Err(ApiError::Invalid {
            code: "handle_taken",
            message: format!("an account `{}` already exists", request.handle),
            field: Some("handle".into()),
        });
    }
    let change = AccessChange::AccountCreated { handle: request.handle.clone(), role: role.as_str().to_string() };
    state.record_access(change, &principal.handle).await?;
    let view = state
        .blocking(move |state| {
            let hash = password::hash(&request.password)?;
            state.accounts.create(&request.handle, request.role, &hash, now_ms)?;
            Ok(AccountView { handle: request.handle, role: request.role, disabled: false, created_at_ms: now_ms })
        })
        .await?;
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
    let now_ms = state.now().millis();
    let target = handle.clone();
    let lookup = handle.clone();
    if state.blocking(move |state| state.accounts.role_of(&lookup)).await?.is_none() {
        return Err(ApiError::NotFound { what: format!("account {handle}") });
    }
    state.record_access(AccessChange::AccountDisabled { handle: handle.clone() }, &principal.handle).await?;
    state.blocking(move |state| state.accounts.disable(&target, now_ms)).await?;
    state.sessions.end_all_of(&handle);
    tracing::info!(admin = %principal.handle, %handle, "account disabled");
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
    let lookup = handle.clone();
    let from = state
        .blocking(move |state| state.accounts.role_of(&lookup))
        .await?
        .ok_or_else(|| ApiError::NotFound { what: format!("account {handle}") })?;
    if from == request.role {
        return Ok(StatusCode::NO_CONTENT);
    }
    let change = AccessChange::RoleChanged {
        handle: handle.clone(),
        from: from.as_str().to_string(),
        to: request.role.as_str().to_string(),
    };
    state.record_access(change, &principal.handle).await?;
    let target = handle.clone();
    state.blocking(move |state| state.accounts.set_role(&target, request.role)).await?;
    state.sessions.end_all_of(&handle);
    tracing::info!(admin = %principal.handle, %handle, role = request.role.as_str(), "role changed");
    Ok(StatusCode::NO_CONTENT)
}
