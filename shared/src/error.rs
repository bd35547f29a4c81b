//! The one error shape of the API and of server functions (DESIGN.md §4):
//! `{ "error": { "code": "...", "message": "...", "fields": [...] } }`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong, as a stable machine-readable code. The front end turns it
/// into a localised message; clients branch on it, never on the message text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request is malformed (bad JSON, bad query, bad id).
    BadRequest,
    /// No valid session or token.
    Unauthorized,
    /// Signed in, but the policy denies the action.
    Forbidden,
    /// No such resource, or not visible to this user.
    NotFound,
    /// The method is not allowed on this resource.
    MethodNotAllowed,
    /// The request conflicts with stored state (duplicate, stale version).
    Conflict,
    /// The body is larger than the server accepts.
    PayloadTooLarge,
    /// The body is not in a format the endpoint accepts.
    UnsupportedMediaType,
    /// One or more fields are invalid; see `fields`.
    Validation,
    /// Too many requests; try again later.
    RateLimited,
    /// The server failed; the details are in its log, never in the response.
    Internal,
    /// The server is not ready (database unreachable, migrations pending).
    Unavailable,
}

impl ErrorCode {
    /// The HTTP status this code is sent with.
    pub fn http_status(self) -> u16 {
        match self {
            Self::BadRequest => 400,
            Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Conflict => 409,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::Validation => 422,
            Self::RateLimited => 429,
            Self::Internal => 500,
            Self::Unavailable => 503,
        }
    }

    /// The wire name (`"not_found"`), as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadRequest => "bad_request",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Conflict => "conflict",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::Validation => "validation",
            Self::RateLimited => "rate_limited",
            Self::Internal => "internal",
            Self::Unavailable => "unavailable",
        }
    }

    /// Parses the wire name back; unknown names become `Internal`.
    pub fn from_wire(s: &str) -> Self {
        match s {
            "bad_request" => Self::BadRequest,
            "unauthorized" => Self::Unauthorized,
            "forbidden" => Self::Forbidden,
            "not_found" => Self::NotFound,
            "method_not_allowed" => Self::MethodNotAllowed,
            "conflict" => Self::Conflict,
            "payload_too_large" => Self::PayloadTooLarge,
            "unsupported_media_type" => Self::UnsupportedMediaType,
            "validation" => Self::Validation,
            "rate_limited" => Self::RateLimited,
            "unavailable" => Self::Unavailable,
            _ => Self::Internal,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why one field was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldProblem {
    Required,
    TooShort,
    TooLong,
    Invalid,
    /// Already used by someone else (an e-mail address at sign-up).
    Taken,
}

impl FieldProblem {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooShort => "too_short",
            Self::TooLong => "too_long",
            Self::Invalid => "invalid",
            Self::Taken => "taken",
        }
    }

    pub fn from_wire(s: &str) -> Option<Self> {
        Some(match s {
            "required" => Self::Required,
            "too_short" => Self::TooShort,
            "too_long" => Self::TooLong,
            "invalid" => Self::Invalid,
            "taken" => Self::Taken,
            _ => return None,
        })
    }
}

/// One invalid field: which, why, and the limits a UI needs to explain it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as in the request (`"message"`).
    pub field: String,
    /// Why it was refused.
    pub code: FieldProblem,
    /// An English explanation for API clients; UIs localise from `code`.
    pub message: String,
    /// The smallest accepted length in characters, when length matters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<usize>,
    /// The largest accepted length in characters, when length matters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<usize>,
}

impl FieldError {
    pub fn new(field: &str, code: FieldProblem, message: impl Into<String>) -> Self {
        Self { field: field.to_owned(), code, message: message.into(), min: None, max: None }
    }

    pub fn with_limits(mut self, min: usize, max: usize) -> Self {
        self.min = Some(min);
        self.max = Some(max);
        self
    }
}

/// The body of every error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// The content of an error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default)]
    pub fields: Vec<FieldError>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { error: ErrorDetail { code, message: message.into(), fields: Vec::new() } }
    }

    pub fn validation(fields: Vec<FieldError>) -> Self {
        Self {
            error: ErrorDetail {
                code: ErrorCode::Validation,
                message: "Some fields are invalid.".to_owned(),
                fields,
            },
        }
    }
}
