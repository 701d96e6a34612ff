//! `/api/accounts`: admins create, list and disable accounts and change their roles. Disabling
//! or a new role ends the account's sessions at once (disabling also revokes its tokens). Each
//! change is recorded in the ledger (`AccessChanged`) with the admin who made it, never a secret,
//! by the steps in `auth::admin` that the host operator's CLI runs too.

use crate::api::extract::{ApiJson, ApiPath};
use crate::auth::store::AccountView;
use crate::auth::{Principal, Role, admin};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
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
    state.sessions.end_all_of(&handle);
    if disabled {
        state.announce();
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
    if changed {
        state.sessions.end_all_of(&handle);
        state.announce();
        tracing::info!(admin = %principal.handle, %handle, role = request.role.as_str(), "role changed");
    }
    Ok(StatusCode::NO_CONTENT)
}
