//! `/api/tokens`: API tokens for scripts. The secret is shown once at creation and stored only as
//! a hash; a token acts with its account's role; owners list and revoke their own tokens.

use crate::api::extract::{ApiJson, ApiPath};
use crate::auth::store::TokenView;
use crate::auth::{Principal, Role, admin};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTokenRequest {
    /// What the token is for, e.g. `nightly-stock-import`.
    pub label: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CreatedToken {
    pub token: TokenView,
    /// `Authorization: Bearer <secret>`. Shown once; only its hash is kept.
    pub secret: String,
}

#[utoipa::path(post, path = "/api/tokens", tag = "tokens", request_body = CreateTokenRequest,
    responses((status = 201, body = CreatedToken), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiJson(request): ApiJson<CreateTokenRequest>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    let meta = state.access_meta(&principal.handle)?;
    let handle = principal.handle.clone();
    let (token, secret) = state
        .blocking(move |state| admin::issue_token(&state.node, &state.accounts, &meta, &handle, &request.label))
        .await?;
    state.announce();
    Ok((StatusCode::CREATED, Json(CreatedToken { token, secret })))
}

#[utoipa::path(get, path = "/api/tokens", tag = "tokens",
    responses((status = 200, description = "The caller's own tokens", body = Vec<TokenView>)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
) -> Result<Json<Vec<TokenView>>, ApiError> {
    Ok(Json(state.blocking(move |state| state.accounts.tokens_of(&principal.handle)).await?))
}

#[utoipa::path(delete, path = "/api/tokens/{id}", tag = "tokens",
    params(("id" = String, Path, description = "`tok_…`")),
    responses((status = 204, description = "Revoked"),
              (status = 404, description = "No such token of the caller's (admins may revoke any)", body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let meta = state.access_meta(&principal.handle)?;
    // Object-level check: someone else's token is reported as missing, not forbidden, so token
    // ids cannot be probed.
    let owner = (principal.role != Role::Admin).then(|| principal.handle.clone());
    let revoked = state
        .blocking(move |state| admin::revoke_token(&state.node, &state.accounts, &meta, &id, owner.as_deref()))
        .await?;
    if revoked {
        state.announce();
    }
    Ok(StatusCode::NO_CONTENT)
}
