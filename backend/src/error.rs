//! The one error type of the server, rendered as `application/problem+json` (RFC 9457).
//!
//! Services return it; actix renders it. Extractor rejections (JSON, query, path) are
//! converted here too, so a client never sees an HTML error page. A 5xx says only
//! "internal error" to the client and logs its cause once, without personal data.

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use madoguchi_shared::error::{ErrorCode, FieldError, PROBLEM_CONTENT_TYPE, Problem};
use sea_orm::{DbErr, SqlErr};

/// Every way a request can fail.
///
/// `Debug` is the `Display` text (see below): tracing-actix-web logs every failed request's
/// error with `{:?}`, and logs hold no personal data, not even reservation numbers.
#[derive(thiserror::Error)]
pub enum AppError {
    /// Input broke validation rules.
    #[error("validation failed on {} field(s)", .0.len())]
    Validation(Vec<FieldError>),
    /// The body could not be parsed.
    #[error("malformed body: {0}")]
    MalformedBody(String),
    /// The body is over the size limit.
    #[error("payload too large")]
    PayloadTooLarge,
    /// The content type is not accepted.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// Credentials are missing, invalid or expired.
    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),
    /// Wrong login id or password.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The password was right; the one-time code is missing.
    #[error("second factor required")]
    SecondFactorRequired,
    /// The session may only set up two-factor sign-in.
    #[error("two-factor set-up required")]
    TwoFactorSetupRequired,
    /// A sensitive action without a recent re-authentication.
    #[error("step-up required")]
    StepUpRequired,
    /// The caller's role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// Nothing at this address.
    #[error("not found: {0}")]
    NotFound(String),
    /// The request conflicts with existing data.
    #[error("conflict: {0}")]
    Conflict(String),
    /// No seat left for the party.
    #[error("slot full")]
    SlotFull,
    /// No such band that day.
    #[error("slot not offered")]
    SlotNotOffered,
    /// Outside the booking window.
    #[error("outside the booking window: {0}")]
    OutsideBookingWindow(&'static str),
    /// A rule change would overbook these reservations.
    #[error("slot rule conflict with {} reservation(s)", .0.len())]
    SlotRuleConflict(Vec<madoguchi_shared::error::AffectedReservation>),
    /// The reservation cannot change any more.
    #[error("reservation not changeable")]
    ReservationNotChangeable,
    /// The idempotency key was reused with another request.
    #[error("idempotency key reused")]
    IdempotencyKeyReused,
    /// The contact has too many active reservations.
    #[error("too many active reservations")]
    TooManyActiveReservations(Vec<String>),
    /// The hold is gone or does not match.
    #[error("hold invalid")]
    HoldInvalid,
    /// Too many requests from one client.
    #[error("rate limited")]
    RateLimited {
        /// Seconds until the window resets.
        retry_after_seconds: i64,
    },
    /// The database could not be reached.
    #[error("service unavailable: {0}")]
    ServiceUnavailable(String),
    /// A database error nobody expected.
    #[error("database error: {0}")]
    Database(#[source] DbErr),
    /// Anything else unexpected.
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

/// The log form of an error: the variant's message, which names counts rather than the
/// reservations or values behind them (`SlotRuleConflict`, `TooManyActiveReservations`).
impl std::fmt::Debug for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AppError({self})")
    }
}

impl AppError {
    /// A validation failure on one field.
    pub fn invalid_field(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    /// The stable code clients switch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Validation(_) => ErrorCode::ValidationFailed,
            Self::MalformedBody(_) => ErrorCode::MalformedBody,
            Self::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            Self::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            Self::Unauthorized(_) => ErrorCode::Unauthorized,
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::SecondFactorRequired => ErrorCode::SecondFactorRequired,
            Self::TwoFactorSetupRequired => ErrorCode::TwoFactorSetupRequired,
            Self::StepUpRequired => ErrorCode::StepUpRequired,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::ServiceUnavailable(_) => ErrorCode::ServiceUnavailable,
            Self::SlotFull => ErrorCode::SlotFull,
            Self::SlotNotOffered => ErrorCode::SlotNotOffered,
            Self::OutsideBookingWindow(_) => ErrorCode::OutsideBookingWindow,
            Self::SlotRuleConflict(_) => ErrorCode::SlotRuleConflict,
            Self::ReservationNotChangeable => ErrorCode::ReservationNotChangeable,
            Self::IdempotencyKeyReused => ErrorCode::IdempotencyKeyReused,
            Self::TooManyActiveReservations(_) => ErrorCode::TooManyActiveReservations,
            Self::HoldInvalid => ErrorCode::HoldInvalid,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Database(_) | Self::Internal(_) => ErrorCode::Internal,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            Self::Validation(_) => Some("One or more fields are invalid; see errors.".to_owned()),
            Self::MalformedBody(reason) => Some(reason.clone()),
            Self::Unauthorized(reason) => Some((*reason).to_owned()),
            Self::SecondFactorRequired => Some(
                "Enter the six-digit code from your authenticator app, or a recovery code."
                    .to_owned(),
            ),
            Self::TwoFactorSetupRequired => Some(
                "Set up two-factor sign-in first: POST /api/v1/auth/two-factor/setup.".to_owned(),
            ),
            Self::StepUpRequired => Some(
                "Confirm your password (and code) again: POST /api/v1/auth/step-up.".to_owned(),
            ),
            Self::NotFound(what) => Some(format!("{what} was not found.")),
            Self::Conflict(reason) => Some(reason.clone()),
            Self::SlotFull => Some(
                "The time band has no seat left for this party. Please choose another.".to_owned(),
            ),
            Self::SlotNotOffered => {
                Some("The location offers no such time band on that day.".to_owned())
            }
            Self::OutsideBookingWindow(reason) => Some((*reason).to_owned()),
            Self::SlotRuleConflict(affected) => Some(format!(
                "The change would leave {} reservation(s) without a seat; see affected_reservations.",
                affected.len()
            )),
            Self::ReservationNotChangeable => {
                Some("The reservation is cancelled or finished and cannot change.".to_owned())
            }
            Self::IdempotencyKeyReused => {
                Some("This Idempotency-Key was used with a different request.".to_owned())
            }
            Self::TooManyActiveReservations(_) => Some(
                "This contact already has an active reservation; change that one instead."
                    .to_owned(),
            ),
            Self::HoldInvalid => {
                Some("The held seats have expired or belong to another time band.".to_owned())
            }
            Self::RateLimited { .. } => {
                Some("Too many attempts. Please wait and try again.".to_owned())
            }
            // 5xx never explain themselves to the client; the log has the cause.
            _ => None,
        }
    }
}

impl crate::db::transaction::FromDatabase for AppError {
    fn database_error(&self) -> Option<&DbErr> {
        match self {
            Self::Database(error) => Some(error),
            _ => None,
        }
    }
}

impl From<DbErr> for AppError {
    fn from(error: DbErr) -> Self {
        let code = crate::db::transaction::database_code(&error);
        match (error.sql_err(), code.as_deref()) {
            (Some(SqlErr::UniqueConstraintViolation(_)), _) => {
                Self::Conflict("A record with the same unique value already exists.".to_owned())
            }
            // The input guard and the field rules keep these out; should one slip through,
            // the client still hears that a value could not be stored, not a 500.
            // PostgreSQL: value too long (22001), date out of range (22008), invalid
            // character (22021, 22P05).
            (_, Some("22001" | "22008" | "22021" | "22P05")) => {
                Self::Validation(vec![FieldError::new(
                    "body",
                    "unstorable",
                    "a value is too long or cannot be stored",
                )])
            }
            // A CHECK constraint (PostgreSQL 23514, SQLite 275) caught a write that raced
            // another: asking again sees the other's result.
            (_, Some("23514" | "275")) => Self::Conflict(
                "The data changed while the request ran; please try again.".to_owned(),
            ),
            _ => match error {
                DbErr::Conn(_) | DbErr::ConnectionAcquire(_) => {
                    Self::ServiceUnavailable(error.to_string())
                }
                other => Self::Database(other),
            },
        }
    }
}

/// The title of a problem: the standard reason phrase of its status.
fn title_of(status: StatusCode) -> String {
    status.canonical_reason().unwrap_or("Error").to_owned()
}

/// Builds a problem body for `status` and `code`.
pub fn problem(
    status: StatusCode,
    code: ErrorCode,
    detail: Option<String>,
    errors: Vec<FieldError>,
) -> Problem {
    let code_name = serde_json::to_value(code)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_else(|| "internal".to_owned());
    Problem {
        problem_type: format!("/problems/{code_name}"),
        title: title_of(status),
        status: status.as_u16(),
        detail,
        code,
        errors,
        affected_reservations: Vec::new(),
        existing_reservations: Vec::new(),
    }
}

pub fn problem_response(status: StatusCode, body: &Problem) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_CONTENT_TYPE))
        .json(body)
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::MalformedBody(_) => StatusCode::BAD_REQUEST,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unauthorized(_) | Self::InvalidCredentials | Self::SecondFactorRequired => {
                StatusCode::UNAUTHORIZED
            }
            Self::TwoFactorSetupRequired | Self::StepUpRequired => StatusCode::FORBIDDEN,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_)
            | Self::SlotFull
            | Self::SlotRuleConflict(_)
            | Self::ReservationNotChangeable
            | Self::TooManyActiveReservations(_)
            | Self::HoldInvalid => StatusCode::CONFLICT,
            Self::SlotNotOffered | Self::OutsideBookingWindow(_) | Self::IdempotencyKeyReused => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::ServiceUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Database(_) | Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let errors = match self {
            Self::Validation(errors) => errors.clone(),
            _ => Vec::new(),
        };
        let mut body = problem(status, self.code(), self.detail(), errors);
        match self {
            Self::SlotRuleConflict(affected) => body.affected_reservations = affected.clone(),
            Self::TooManyActiveReservations(numbers) => {
                body.existing_reservations = numbers.clone()
            }
            _ => {}
        }
        let mut response = problem_response(status, &body);
        match self {
            Self::Unauthorized(_) => {
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"madoguchi\""),
                );
            }
            Self::RateLimited {
                retry_after_seconds,
            } => insert_retry_after(&mut response, *retry_after_seconds),
            _ => {}
        }
        response
    }
}

fn insert_retry_after(response: &mut HttpResponse, seconds: i64) {
    if let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
}

/// Maps a rejected JSON body to a problem: 413, 415 or 400.
pub fn json_error(error: JsonPayloadError, _request: &HttpRequest) -> actix_web::Error {
    let app_error = match &error {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            AppError::PayloadTooLarge
        }
        JsonPayloadError::ContentType => AppError::UnsupportedMediaType,
        JsonPayloadError::Deserialize(inner) if inner.is_data() => AppError::MalformedBody(
            format!("The JSON does not match the expected shape: {inner}"),
        ),
        other => AppError::MalformedBody(format!("The body is not valid JSON: {other}")),
    };
    app_error.into()
}

/// Maps a rejected query string to a 400 problem.
pub fn query_error(error: QueryPayloadError, _request: &HttpRequest) -> actix_web::Error {
    AppError::MalformedBody(format!("The query string is invalid: {error}")).into()
}

/// Maps a rejected path parameter to a 404 problem: a malformed id names nothing.
pub fn path_error(error: PathError, _request: &HttpRequest) -> actix_web::Error {
    AppError::NotFound(format!("The resource ({error})")).into()
}

/// Last line of defence: an error response that is not already a problem (a 404 for an
/// unknown route, a 405, anything a middleware produced) is rewritten as one.
pub fn ensure_problem_body<B>(
    response: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let already_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| {
            value
                .as_bytes()
                .starts_with(PROBLEM_CONTENT_TYPE.as_bytes())
        });
    if already_problem {
        return Ok(ErrorHandlerResponse::Response(
            response.map_into_left_body(),
        ));
    }
    let status = response.status();
    let code = match status {
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthorized,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::RateLimited,
        StatusCode::SERVICE_UNAVAILABLE => ErrorCode::ServiceUnavailable,
        status if status.is_client_error() => ErrorCode::MalformedBody,
        _ => ErrorCode::Internal,
    };
    let (request, _) = response.into_parts();
    let body = problem(status, code, None, Vec::new());
    let response =
        ServiceResponse::new(request, problem_response(status, &body)).map_into_right_body();
    Ok(ErrorHandlerResponse::Response(response))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r7_6_the_logged_form_of_an_error_names_no_reservation() {
        let conflict = AppError::TooManyActiveReservations(vec!["ACK7-9WXY".to_owned()]);
        let logged = format!("{conflict:?}");
        assert!(!logged.contains("ACK7"), "{logged}");
        assert!(logged.contains("too many active reservations"));
        let rule = AppError::SlotRuleConflict(vec![madoguchi_shared::error::AffectedReservation {
            number: "ACK7-9WXY".to_owned(),
            date: chrono::NaiveDate::from_ymd_opt(2027, 7, 5).expect("a day"),
            start: "09:00".to_owned(),
            seats: 2,
            new_capacity: 1,
        }]);
        assert!(!format!("{rule:?}").contains("ACK7"));
    }
}
