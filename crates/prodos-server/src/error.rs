//! The one error type of the server and the one place that turns any failure into an HTTP status
//! and the error body every route shares: `{"code", "message", "field"}`. Internal details are
//! logged here and never sent to the client.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use prodos_app::NodeError;
use prodos_core::Rejection;
use serde::Serialize;

/// The body of every error response.
#[derive(Debug, Clone, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `insufficient_stock`, `unauthenticated`.
    pub code: String,
    /// A sentence for people, naming the offending id or field.
    pub message: String,
    /// The request field at fault, when there is one.
    pub field: Option<String>,
}

/// Everything a request can fail with, ordered roughly as a request meets them.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// No such route, or a route this build does not serve.
    #[error("no route {path}")]
    NoRoute { path: String },
    #[error("{method} is not allowed on {path}")]
    MethodNotAllowed { method: String, path: String },
    /// The request is malformed: syntax, a missing header, a bad path parameter.
    #[error("{message}")]
    BadRequest { code: &'static str, message: String, field: Option<String> },
    /// The request is well formed but a value is not acceptable.
    #[error("{message}")]
    Invalid { code: &'static str, message: String, field: Option<String> },
    #[error("expected a body of type {expected}")]
    UnsupportedMediaType { expected: &'static str },
    #[error("the request body is larger than this server accepts")]
    PayloadTooLarge,
    /// An input file (design TOML, stock or supplier CSV) does not parse.
    #[error(transparent)]
    Format(#[from] prodos_formats::FormatErrors),
    /// The domain refused the command; nothing was written.
    #[error(transparent)]
    Rejected(#[from] Rejection),
    #[error("{what} not found")]
    NotFound { what: String },
    #[error("sign in first: no valid session cookie or API token")]
    Unauthenticated,
    /// A page asked for by an anonymous browser: answered with a redirect to the sign-in page.
    #[error("sign in first")]
    SignInRequired,
    /// One message for an unknown handle and a wrong password, so neither can be probed.
    #[error("wrong handle or password")]
    BadCredentials,
    #[error("role {role} may not {action}")]
    Forbidden { role: &'static str, action: String },
    #[error("missing or wrong CSRF token: send the session's token in the X-CSRF-Token header")]
    CsrfMismatch,
    #[error("too many failed sign-ins; try again in {retry_after_s} s")]
    TooManyAttempts { retry_after_s: u64 },
    #[error("the request took too long")]
    Timeout,
    /// The server could not start: the address is taken, the data directory cannot be opened.
    #[error("cannot start the server: {reason}")]
    Startup { reason: String },
    /// Something on our side failed; the reason is logged, the client sees a generic message.
    #[error("internal error")]
    Internal { reason: String },
}

impl ApiError {
    pub fn internal(reason: impl std::fmt::Display) -> ApiError {
        ApiError::Internal { reason: reason.to_string() }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> ApiError {
        ApiError::Invalid { code: "invalid_field", message: message.into(), field: Some(field.to_string()) }
    }

    /// The status, the code and the field: the whole mapping in one match.
    pub fn classify(&self) -> (StatusCode, String, Option<String>) {
        let plain = |status: StatusCode, code: &str| (status, code.to_string(), None);
        match self {
            ApiError::NoRoute { .. } => plain(StatusCode::NOT_FOUND, "no_route"),
            ApiError::MethodNotAllowed { .. } => plain(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            ApiError::BadRequest { code, field, .. } => (StatusCode::BAD_REQUEST, code.to_string(), field.clone()),
            ApiError::Invalid { code, field, .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, code.to_string(), field.clone())
            }
            ApiError::UnsupportedMediaType { .. } => {
                plain(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            ApiError::PayloadTooLarge => plain(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            ApiError::Format(_) => plain(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input_file"),
            ApiError::Rejected(rejection) => classify_rejection(rejection),
            ApiError::NotFound { .. } => plain(StatusCode::NOT_FOUND, "not_found"),
            ApiError::Unauthenticated => plain(StatusCode::UNAUTHORIZED, "unauthenticated"),
            ApiError::SignInRequired => plain(StatusCode::SEE_OTHER, "sign_in_required"),
            ApiError::BadCredentials => plain(StatusCode::UNAUTHORIZED, "bad_credentials"),
            ApiError::Forbidden { .. } => plain(StatusCode::FORBIDDEN, "forbidden"),
            ApiError::CsrfMismatch => plain(StatusCode::FORBIDDEN, "csrf_mismatch"),
            ApiError::TooManyAttempts { .. } => plain(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            ApiError::Timeout => plain(StatusCode::REQUEST_TIMEOUT, "timeout"),
            ApiError::Startup { .. } | ApiError::Internal { .. } => {
                plain(StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }

    pub fn body(&self) -> ErrorBody {
        let (_, code, field) = self.classify();
        ErrorBody { code, message: self.to_string(), field }
    }
}

impl From<NodeError> for ApiError {
    fn from(error: NodeError) -> ApiError {
        match error {
            NodeError::Rejected(rejection) => ApiError::Rejected(rejection),
            other => ApiError::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, _, _) = self.classify();
        if let ApiError::Internal { reason } = &self {
            tracing::error!(%reason, "request failed");
        }
        let mut response = (status, Json(self.body())).into_response();
        if let ApiError::SignInRequired = self {
            response.headers_mut().insert(axum::http::header::LOCATION, axum::http::HeaderValue::from_static("/login"));
        }
        if let ApiError::TooManyAttempts { retry_after_s } = self {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after_s.into());
        }
        response
    }
}

/// Rejections are ordered by precedence in the core; the HTTP status follows the same groups:
/// input validation 422, unknown references 404, identity and immutability 409, business rules
/// 409 (the request is fine, the current state refuses it). Variants added later default to 422.
fn classify_rejection(rejection: &Rejection) -> (StatusCode, String, Option<String>) {
    use Rejection as R;
    let code = snake_case_variant(rejection);
    let status = match rejection {
        R::FieldRequired { .. }
        | R::QuantityMustBePositive { .. }
        | R::QuantityMustBeNonZero { .. }
        | R::NegativeCost { .. }
        | R::UnitMismatch { .. }
        | R::CountMustBePositive { .. }
        | R::CountMustNotBeNegative { .. }
        | R::CountTooLarge { .. }
        | R::SkillLevelOutOfRange { .. }
        | R::InvalidWorkWeek { .. }
        | R::DesignInvalid { .. }
        | R::DueDateInPast { .. }
        | R::InvalidHandle { .. }
        | R::InvalidField { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        R::UnknownDesign { .. }
        | R::UnknownMaterial { .. }
        | R::UnknownLot { .. }
        | R::UnknownMandate { .. }
        | R::UnknownPlan { .. }
        | R::UnknownParticipant { .. }
        | R::UnknownChallenge { .. }
        | R::UnknownAttempt { .. }
        | R::UnknownGood { .. }
        | R::UnknownTask { .. }
        | R::UnknownNonconformance { .. }
        | R::UnknownReview { .. }
        | R::UnknownAsset { .. }
        | R::UnknownWorkOrder { .. }
        | R::UnknownIncident { .. }
        | R::UnknownImprovement { .. } => StatusCode::NOT_FOUND,
        // The domain's own permission rules (who may certify, verify, appoint): refused, not
        // malformed.
        R::CoordinatorRequired { .. }
        | R::SelfApproval { .. }
        | R::NotQualified { .. }
        | R::NotInCrew { .. }
        | R::NotAParticipant { .. }
        | R::NotYours { .. }
        | R::OwnWork { .. }
        | R::IndependentCheck { .. } => StatusCode::FORBIDDEN,
        R::DesignKeyMismatch { .. }
        | R::DesignVersionImmutable { .. }
        | R::DesignAlreadyCertified { .. }
        | R::ProgressMoved { .. } => StatusCode::CONFLICT,
        R::DesignNotCertifiable { .. }
        | R::DesignNotCertified { .. }
        | R::InsufficientStock { .. }
        | R::NothingReserved { .. }
        | R::AdjustmentBelowReserved { .. }
        | R::ProposalMismatch { .. }
        | R::PlanClosed { .. }
        | R::PlanInfeasible { .. }
        | R::HandleTaken { .. }
        | R::AttemptAlreadySignedOff { .. }
        | R::GoodAlreadyReleased { .. }
        | R::NoValidCertification { .. }
        | R::AttemptNotPassed { .. }
        | R::ContributionGateClosed { .. }
        | R::InsufficientCredits { .. }
        | R::NoEntitlement { .. }
        | R::TaskWrongStatus { .. }
        | R::PredecessorNotVerified { .. }
        | R::NoMatchProposal { .. }
        | R::NotAvailable { .. }
        | R::AlreadyDisposed { .. }
        | R::ReviewClosed { .. }
        | R::QualityOutstanding { .. } => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let field = rejection.field();
    (status, code, field)
}

/// `InsufficientStock { .. }` → `insufficient_stock`: codes follow the variant names, so a new
/// rejection gets a stable code without touching this file.
fn snake_case_variant(rejection: &Rejection) -> String {
    let debug = format!("{rejection:?}");
    let name = debug.split([' ', '{', '(']).next().unwrap_or("rejected");
    let mut code = String::with_capacity(name.len() + 4);
    for (index, character) in name.chars().enumerate() {
        if character.is_ascii_uppercase() {
            if index > 0 {
                code.push('_');
            }
            code.push(character.to_ascii_lowercase());
        } else {
            code.push(character);
        }
    }
    code
}
