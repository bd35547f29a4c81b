//! The one error type of the server and its HTTP form: the JSON error shape of
//! DESIGN.md §4. Client errors say what is wrong; server errors are logged
//! once, here, and answered with an opaque 500.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sea_orm::{DbErr, SqlErr};
use shared::{ErrorBody, ErrorCode, FieldError};

/// Shorthand for results of handlers and services.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("unauthorized")]
    Unauthorized,
    /// Sign-in failed; deliberately does not say whether the account exists.
    #[error("bad credentials")]
    BadCredentials,
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadRequest(_) => ErrorCode::BadRequest,
            Self::Unauthorized | Self::BadCredentials => ErrorCode::Unauthorized,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::NotFound => ErrorCode::NotFound,
            Self::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            Self::UnsupportedMediaType(_) => ErrorCode::UnsupportedMediaType,
            Self::Validation(_) => ErrorCode::Validation,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Unavailable(_) => ErrorCode::Unavailable,
            Self::Db(_) if self.is_overload() => ErrorCode::Unavailable,
            Self::Db(_) | Self::Internal(_) => ErrorCode::Internal,
        }
    }

    /// No database connection came free in time: the site is overloaded,
    /// not broken (503 with `Retry-After`, logged as a warning).
    fn is_overload(&self) -> bool {
        matches!(self, Self::Db(DbErr::ConnectionAcquire(_)))
    }

    /// The body sent to the client. Never contains internals.
    pub fn to_body(&self) -> ErrorBody {
        match self {
            Self::Validation(fields) => ErrorBody::validation(fields.clone()),
            Self::BadRequest(m) | Self::Forbidden(m) | Self::Conflict(m) | Self::UnsupportedMediaType(m) => {
                ErrorBody::new(self.code(), m.clone())
            }
            Self::Unauthorized => ErrorBody::new(self.code(), "Sign in to do this."),
            Self::BadCredentials => ErrorBody::new(self.code(), "The e-mail address or the password is wrong."),
            Self::NotFound => ErrorBody::new(self.code(), "No such resource."),
            Self::MethodNotAllowed => ErrorBody::new(self.code(), "This method is not allowed here."),
            Self::PayloadTooLarge => ErrorBody::new(self.code(), "The request body is too large."),
            Self::RateLimited { retry_after_secs } => {
                ErrorBody::new(self.code(), format!("Too many attempts; try again in {retry_after_secs} seconds."))
            }
            Self::Unavailable(_) => ErrorBody::new(self.code(), "The service is not ready; try again shortly."),
            Self::Db(_) if self.is_overload() => ErrorBody::new(self.code(), "The site is very busy right now; try again in a moment."),
            Self::Db(_) | Self::Internal(_) => {
                ErrorBody::new(self.code(), "Something went wrong on our side. It has been logged.")
            }
        }
    }

    /// Logs server-side failures once, with context.
    pub fn log(&self) {
        match self {
            Self::Db(err) if self.is_overload() => tracing::warn!(error = %err, "overloaded: no database connection came free"),
            Self::Db(err) => tracing::error!(error = %err, "database error"),
            Self::Internal(err) => tracing::error!(error = format!("{err:#}"), "internal error"),
            Self::Unavailable(why) => tracing::warn!(reason = %why, "unavailable"),
            _ => {}
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let status = StatusCode::from_u16(self.code().http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (status, Json(self.to_body())).into_response();
        if let Self::RateLimited { retry_after_secs } = self {
            res.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after_secs.into());
        } else if self.is_overload() {
            res.headers_mut().insert(axum::http::header::RETRY_AFTER, 1.into());
        }
        res
    }
}

impl From<ErrorBody> for AppError {
    fn from(body: ErrorBody) -> Self {
        let ErrorBody { error } = body;
        match error.code {
            ErrorCode::Validation => Self::Validation(error.fields),
            ErrorCode::BadRequest => Self::BadRequest(error.message),
            ErrorCode::Unauthorized => Self::Unauthorized,
            ErrorCode::Forbidden => Self::Forbidden(error.message),
            ErrorCode::NotFound => Self::NotFound,
            ErrorCode::MethodNotAllowed => Self::MethodNotAllowed,
            ErrorCode::Conflict => Self::Conflict(error.message),
            ErrorCode::PayloadTooLarge => Self::PayloadTooLarge,
            ErrorCode::UnsupportedMediaType => Self::UnsupportedMediaType(error.message),
            ErrorCode::RateLimited => Self::RateLimited { retry_after_secs: 60 },
            ErrorCode::Unavailable => Self::Unavailable(error.message),
            ErrorCode::Internal => Self::Internal(anyhow::anyhow!(error.message)),
        }
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => {
                Self::UnsupportedMediaType("Send the body as JSON with `Content-Type: application/json`.".into())
            }
            JsonRejection::JsonSyntaxError(e) => Self::BadRequest(format!("The body is not valid JSON: {}", e.body_text())),
            JsonRejection::JsonDataError(e) => Self::BadRequest(format!("The JSON does not match: {}", e.body_text())),
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Self::PayloadTooLarge,
            other => Self::BadRequest(other.body_text()),
        }
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        Self::BadRequest(rejection.body_text())
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        Self::BadRequest(rejection.body_text())
    }
}

/// Maps a database error from an insert or update: a unique violation is a
/// conflict the client can act on; everything else stays a server error.
/// Uses sea-orm's backend-neutral `sql_err()`, so it works on SQLite (which
/// gives no constraint name) and PostgreSQL alike.
pub fn map_unique_violation(err: DbErr, what: &str) -> AppError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(format!("{what} already exists.")),
        _ => AppError::Db(err),
    }
}

/// Whether a database error is a unique-constraint violation (both backends).
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// A JSON body extractor whose rejections use the one error shape.
#[derive(Debug, Clone, Copy, Default, axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct ApiJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

/// A path extractor whose rejections use the one error shape.
#[derive(Debug, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct ApiPath<T>(pub T);

/// A query-string extractor whose rejections use the one error shape.
#[derive(Debug, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct ApiQuery<T>(pub T);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exhausted_pool_is_a_503_with_retry_after_not_a_500() {
        let res = AppError::Db(DbErr::ConnectionAcquire(sea_orm::error::ConnAcquireErr::Timeout)).into_response();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(res.headers().get(axum::http::header::RETRY_AFTER).and_then(|v| v.to_str().ok()), Some("1"));
        let other = AppError::Db(DbErr::Custom("broken".into())).into_response();
        assert_eq!(other.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(other.headers().get(axum::http::header::RETRY_AFTER).is_none());
    }
}
