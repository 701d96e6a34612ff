//! `/api/accounts`: admins create, list and disable accounts. Disabling ends the account's
//! sessions and revokes its tokens at once.

use crate::api::extract::{ApiJson, ApiPath};
use crate::auth::store::AccountView;
use crate::auth::{Principal, Role, password};
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
    let changed = state.blocking(move |state| state.accounts.disable(&target, now_ms)).await?;
    if !changed {
        return Err(ApiError::NotFound { what: format!("account {handle}") });
    }
    state.sessions.end_all_of(&handle);
    tracing::info!(admin = %principal.handle, %handle, "account disabled");
    Ok(StatusCode::NO_CONTENT)
}
