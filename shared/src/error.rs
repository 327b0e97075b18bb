//! The error contract between the server and its clients: an RFC 9457 problem document
//! with a stable machine `code` that the SPA translates, and per-field reasons.

use serde::{Deserialize, Serialize};

/// Media type of every error body.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// Stable, machine-readable error codes. Clients switch on these, never on the prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body or parameters failed validation; see `errors`.
    ValidationFailed,
    /// The body is not valid JSON or does not have the expected shape.
    MalformedBody,
    /// The body is larger than the server accepts.
    PayloadTooLarge,
    /// The `Content-Type` is not one the endpoint accepts.
    UnsupportedMediaType,
    /// No credentials, or credentials that are invalid or expired.
    Unauthorized,
    /// Login id or password is wrong.
    InvalidCredentials,
    /// Too many failed sign-ins; the account is locked for a while.
    AccountLocked,
    /// The account has been disabled by an administrator.
    AccountDisabled,
    /// Signed in, but the role does not allow this action.
    Forbidden,
    /// Nothing exists at this address.
    NotFound,
    /// The HTTP method is not allowed on this resource.
    MethodNotAllowed,
    /// The request conflicts with the current state (e.g. a duplicate login id).
    Conflict,
    /// Too many requests from this client; try again later.
    RateLimited,
    /// A dependency (e.g. the database) is unavailable.
    ServiceUnavailable,
    /// An unexpected server error; details are in the server log only.
    Internal,
}

/// Why one field was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Path of the field in the request, e.g. `login_id` or `members[1].procedure_id`.
    #[cfg_attr(feature = "openapi", schema(example = "login_id"))]
    pub field: String,
    /// Machine code of the rule that failed, e.g. `required`, `too_long`, `invalid_format`.
    #[cfg_attr(feature = "openapi", schema(example = "required"))]
    pub code: String,
    /// A human-readable reason, in English.
    #[cfg_attr(feature = "openapi", schema(example = "must not be empty"))]
    pub message: String,
}

impl FieldError {
    /// A field error with the given rule code and message.
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// An RFC 9457 problem document, as every error response carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the problem type; `about:blank` when the status says it all.
    #[serde(rename = "type")]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "https://madoguchi.example/problems/validation_failed")
    )]
    pub problem_type: String,
    /// A short summary of the problem type.
    #[cfg_attr(feature = "openapi", schema(example = "Validation failed"))]
    pub title: String,
    /// The HTTP status code.
    #[cfg_attr(feature = "openapi", schema(example = 422))]
    pub status: u16,
    /// An explanation of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The stable machine code.
    pub code: ErrorCode,
    /// Per-field reasons, for `validation_failed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}
