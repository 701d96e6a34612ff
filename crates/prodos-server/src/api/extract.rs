//! Extractors whose failures are `ApiError`s, so malformed JSON, a bad query string or an
//! oversized body get the same error body as everything else.

use crate::error::ApiError;
use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType { expected: "application/json" },
        JsonRejection::JsonSyntaxError(error) => {
            ApiError::BadRequest { code: "malformed_json", message: error.body_text(), field: None }
        }
        JsonRejection::JsonDataError(error) => {
            ApiError::Invalid { code: "invalid_json", message: error.body_text(), field: None }
        }
        JsonRejection::BytesRejection(error) => bytes_rejection(error),
        other => ApiError::BadRequest { code: "bad_body", message: other.body_text(), field: None },
    }
}

/// A JSON body that may be left out entirely (actions whose fields are all optional): an empty
/// body is `T::default()`; anything else must be well-formed JSON of the right shape.
pub struct OptionalJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Default> FromRequest<S> for OptionalJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let declared = request.headers().contains_key(header::CONTENT_TYPE);
        if !declared {
            let bytes = axum::body::Bytes::from_request(request, state).await.map_err(bytes_rejection)?;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return Ok(OptionalJson(T::default()));
            }
            return Err(ApiError::UnsupportedMediaType { expected: "application/json" });
        }
        ApiJson::<T>::from_request(request, state).await.map(|ApiJson(value)| OptionalJson(value))
    }
}

pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state).await.map(|query| ApiQuery(query.0)).map_err(
            |rejection: QueryRejection| ApiError::BadRequest {
                code: "bad_query",
                message: rejection.body_text(),
                field: None,
            },
        )
    }
}

pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state).await.map(|path| ApiPath(path.0)).map_err(
            |rejection: PathRejection| ApiError::BadRequest {
                code: "bad_path",
                message: rejection.body_text(),
                field: None,
            },
        )
    }
}

/// A text body (design TOML, CSV) of one of the `accepted` media types, within the body limit,
/// decoded as UTF-8 with the same rules as files on the command line.
pub struct TextBody {
    pub text: String,
}

impl TextBody {
    pub async fn read<S: Send + Sync>(
        request: Request,
        state: &S,
        accepted: &'static [&'static str],
        name: &str,
    ) -> Result<TextBody, ApiError> {
        check_content_type(request.headers(), accepted)?;
        let bytes = axum::body::Bytes::from_request(request, state).await.map_err(bytes_rejection)?;
        let text = prodos_formats::decode_text(name, &bytes).map_err(prodos_formats::FormatErrors::from)?;
        Ok(TextBody { text: text.to_string() })
    }
}

fn check_content_type(headers: &HeaderMap, accepted: &'static [&'static str]) -> Result<(), ApiError> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(|value| value.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    if accepted.contains(&media_type.as_str()) {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType { expected: accepted[0] })
    }
}

pub(crate) fn bytes_rejection(rejection: BytesRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge
    } else {
        ApiError::BadRequest { code: "unreadable_body", message: rejection.body_text(), field: None }
    }
}

/// The client's IP address when the server was started with connection info (absent in router
/// tests, where every request counts as one local client).
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip().to_string())
            .unwrap_or_else(|| "local".to_string());
        Ok(ClientAddress(address))
    }
}
