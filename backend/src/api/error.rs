//! The one error type of the HTTP edge, rendered as `application/problem+json` (RFC 9457).
//!
//! Services return their own errors (`service::error::ServiceError`); this is where each
//! gets its status and problem body. Extractor rejections (JSON, query, path) are
//! converted here too, so a client never sees an HTML error page. A 5xx says only
//! "internal error" to the client and logs its cause once, without personal data.

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use madoguchi_shared::error::{
    ErrorCode, FieldError, FieldErrorCode, PROBLEM_CONTENT_TYPE, Problem,
};
use sea_orm::DbErr;

use crate::auth::error::AccessError;
use crate::db::constraints::UniqueKey;
use crate::mail::error::MailError;
use crate::service::booking::error::BookingError;
use crate::service::error::ServiceError;

/// Every way a request can fail: what the service answered, or what the HTTP layer refused
/// before a handler ran.
///
/// `Debug` is the `Display` text (see below): tracing-actix-web logs every failed request's
/// error with `{:?}`, and logs hold no personal data, not even reservation numbers.
#[derive(thiserror::Error)]
pub enum AppError {
    /// The body could not be parsed.
    #[error("malformed body: {0}")]
    MalformedBody(String),
    /// The body is over the size limit.
    #[error("payload too large")]
    PayloadTooLarge,
    /// The content type is not accepted.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The use case refused or failed.
    #[error(transparent)]
    Service(#[from] ServiceError),
}

/// The log form of an error: the variant's message, which names counts rather than the
/// reservations or values behind them (`RuleConflict`, `TooManyActiveReservations`).
impl std::fmt::Debug for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AppError({self})")
    }
}

/// The errors of the layers below reach a handler as the service error they stand for.
macro_rules! through_service_error {
    ($($error:ty),+) => {$(
        impl From<$error> for AppError {
            fn from(error: $error) -> Self {
                Self::Service(ServiceError::from(error))
            }
        }
    )+};
}

through_service_error!(AccessError, BookingError, DbErr, MailError, anyhow::Error);

impl AppError {
    /// A validation failure on one field.
    pub fn invalid_field(field: &str, code: FieldErrorCode, message: impl Into<String>) -> Self {
        ServiceError::invalid_field(field, code, message).into()
    }

    /// Nothing at this address (`what` names it).
    pub fn not_found(what: impl Into<String>) -> Self {
        ServiceError::NotFound(what.into()).into()
    }

    /// The stable code clients switch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::MalformedBody(_) => ErrorCode::MalformedBody,
            Self::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            Self::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            Self::Service(error) => match error {
                ServiceError::Validation(_) => ErrorCode::ValidationFailed,
                ServiceError::Access(refusal) => match refusal {
                    AccessError::Unauthorized(_) => ErrorCode::Unauthorized,
                    AccessError::InvalidCredentials => ErrorCode::InvalidCredentials,
                    AccessError::SecondFactorRequired => ErrorCode::SecondFactorRequired,
                    AccessError::TwoFactorSetupRequired => ErrorCode::TwoFactorSetupRequired,
                    AccessError::StepUpRequired => ErrorCode::StepUpRequired,
                    AccessError::Forbidden => ErrorCode::Forbidden,
                    AccessError::RateLimited { .. } => ErrorCode::RateLimited,
                },
                ServiceError::Booking(refusal) => match refusal {
                    BookingError::SlotFull => ErrorCode::SlotFull,
                    BookingError::SlotNotOffered => ErrorCode::SlotNotOffered,
                    BookingError::OutsideBookingWindow(_) => ErrorCode::OutsideBookingWindow,
                    BookingError::ReservationNotChangeable => ErrorCode::ReservationNotChangeable,
                    BookingError::IdempotencyKeyReused => ErrorCode::IdempotencyKeyReused,
                    BookingError::TooManyActiveReservations(_) => {
                        ErrorCode::TooManyActiveReservations
                    }
                    BookingError::HoldInvalid => ErrorCode::HoldInvalid,
                },
                ServiceError::NotFound(_) => ErrorCode::NotFound,
                ServiceError::AlreadyExists(_) => ErrorCode::AlreadyExists,
                ServiceError::Conflict(_) => ErrorCode::Conflict,
                ServiceError::RuleConflict(_) => ErrorCode::SlotRuleConflict,
                ServiceError::Unavailable(_) => ErrorCode::ServiceUnavailable,
                ServiceError::Database(_) | ServiceError::Internal(_) => ErrorCode::Internal,
            },
        }
    }

    fn detail(&self) -> Option<String> {
        let service = match self {
            Self::MalformedBody(reason) => return Some(reason.clone()),
            Self::PayloadTooLarge | Self::UnsupportedMediaType => return None,
            Self::Service(error) => error,
        };
        match service {
            ServiceError::Validation(_) => {
                Some("One or more fields are invalid; see errors.".to_owned())
            }
            ServiceError::Access(refusal) => access_detail(refusal),
            ServiceError::Booking(refusal) => Some(booking_detail(refusal)),
            ServiceError::NotFound(what) => Some(format!("{what} was not found.")),
            ServiceError::AlreadyExists(_) => {
                Some("This value is already used; see errors for the field.".to_owned())
            }
            ServiceError::Conflict(reason) => Some(reason.clone()),
            ServiceError::RuleConflict(affected) => Some(format!(
                "The change would leave {} reservation(s) without a seat; see affected_reservations.",
                affected.len()
            )),
            // 5xx never explain themselves to the client; the log has the cause.
            ServiceError::Unavailable(_)
            | ServiceError::Database(_)
            | ServiceError::Internal(_) => None,
        }
    }

    /// The fields a problem names: the broken rules, or the field a unique value was
    /// already used in.
    fn field_errors(&self) -> Vec<FieldError> {
        match self {
            Self::Service(ServiceError::Validation(errors)) => errors.clone(),
            Self::Service(ServiceError::AlreadyExists(key)) => unique_field(*key)
                .map(|field| {
                    vec![FieldError::new(
                        field,
                        FieldErrorCode::Taken,
                        "is already used",
                    )]
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

fn access_detail(refusal: &AccessError) -> Option<String> {
    match refusal {
        AccessError::Unauthorized(reason) => Some((*reason).to_owned()),
        AccessError::SecondFactorRequired => Some(
            "Enter the six-digit code from your authenticator app, or a recovery code.".to_owned(),
        ),
        AccessError::TwoFactorSetupRequired => {
            Some("Set up two-factor sign-in first: POST /api/v1/auth/two-factor/setup.".to_owned())
        }
        AccessError::StepUpRequired => {
            Some("Confirm your password (and code) again: POST /api/v1/auth/step-up.".to_owned())
        }
        AccessError::RateLimited { .. } => {
            Some("Too many attempts. Please wait and try again.".to_owned())
        }
        AccessError::InvalidCredentials | AccessError::Forbidden => None,
    }
}

fn booking_detail(refusal: &BookingError) -> String {
    match refusal {
        BookingError::SlotFull => {
            "The time band has no seat left for this party. Please choose another.".to_owned()
        }
        BookingError::SlotNotOffered => {
            "The location offers no such time band on that day.".to_owned()
        }
        BookingError::OutsideBookingWindow(reason) => (*reason).to_owned(),
        BookingError::ReservationNotChangeable => {
            "The reservation is cancelled or finished and cannot change.".to_owned()
        }
        BookingError::IdempotencyKeyReused => {
            "This Idempotency-Key was used with a different request.".to_owned()
        }
        BookingError::TooManyActiveReservations(_) => {
            "This contact already has an active reservation; change that one instead.".to_owned()
        }
        BookingError::HoldInvalid => {
            "The held seats have expired or belong to another time band.".to_owned()
        }
    }
}

/// The request field a unique value comes from, where a client sends it.
fn unique_field(key: UniqueKey) -> Option<&'static str> {
    match key {
        UniqueKey::StaffLoginId => Some("login_id"),
        UniqueKey::LocationCode | UniqueKey::ProcedureCode => Some("code"),
        UniqueKey::FormFieldKey => Some("key"),
        UniqueKey::IdempotencyKey => Some("Idempotency-Key"),
        UniqueKey::ReservationNumber
        | UniqueKey::MailDedupeKey
        | UniqueKey::JobRunKey
        | UniqueKey::DayOverride
        | UniqueKey::SlotBand
        | UniqueKey::CallRecord
        | UniqueKey::ReportSnapshot => None,
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
        let service = match self {
            Self::MalformedBody(_) => return StatusCode::BAD_REQUEST,
            Self::PayloadTooLarge => return StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => return StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Service(error) => error,
        };
        match service {
            ServiceError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ServiceError::Access(refusal) => match refusal {
                AccessError::Unauthorized(_)
                | AccessError::InvalidCredentials
                | AccessError::SecondFactorRequired => StatusCode::UNAUTHORIZED,
                AccessError::TwoFactorSetupRequired
                | AccessError::StepUpRequired
                | AccessError::Forbidden => StatusCode::FORBIDDEN,
                AccessError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            },
            ServiceError::Booking(refusal) => match refusal {
                BookingError::SlotFull
                | BookingError::ReservationNotChangeable
                | BookingError::TooManyActiveReservations(_)
                | BookingError::HoldInvalid => StatusCode::CONFLICT,
                BookingError::SlotNotOffered
                | BookingError::OutsideBookingWindow(_)
                | BookingError::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            },
            ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
            ServiceError::AlreadyExists(_)
            | ServiceError::Conflict(_)
            | ServiceError::RuleConflict(_) => StatusCode::CONFLICT,
            ServiceError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ServiceError::Database(_) | ServiceError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut body = problem(status, self.code(), self.detail(), self.field_errors());
        match self {
            Self::Service(ServiceError::RuleConflict(affected)) => {
                body.affected_reservations = affected.clone()
            }
            Self::Service(ServiceError::Booking(BookingError::TooManyActiveReservations(
                numbers,
            ))) => body.existing_reservations = numbers.clone(),
            _ => {}
        }
        let mut response = problem_response(status, &body);
        let Self::Service(ServiceError::Access(refusal)) = self else {
            return response;
        };
        match refusal {
            AccessError::Unauthorized(_) => {
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"madoguchi\""),
                );
            }
            AccessError::RateLimited {
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
    AppError::not_found(format!("The resource ({error})")).into()
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
        let conflict = AppError::from(BookingError::TooManyActiveReservations(vec![
            "ACK7-9WXY".to_owned(),
        ]));
        let logged = format!("{conflict:?}");
        assert!(!logged.contains("ACK7"), "{logged}");
        assert!(logged.contains("too many active reservations"));
        let rule = AppError::from(ServiceError::RuleConflict(vec![
            madoguchi_shared::error::AffectedReservation {
                number: "ACK7-9WXY".to_owned(),
                date: chrono::NaiveDate::from_ymd_opt(2027, 7, 5).expect("a day"),
                start: "09:00".to_owned(),
                seats: 2,
                new_capacity: 1,
            },
        ]));
        assert!(!format!("{rule:?}").contains("ACK7"));
    }
}
