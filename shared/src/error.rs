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
    /// The password was right; the account signs in with a one-time code too: send the
    /// authenticator app's code (or a recovery code) as `code`.
    SecondFactorRequired,
    /// The role signs in with two factors and this account has not set them up yet: only
    /// the two-factor set-up is open to this session.
    TwoFactorSetupRequired,
    /// This action needs the password (and code) again within the last five minutes:
    /// `POST /api/v1/auth/step-up`, then retry.
    StepUpRequired,
    /// Signed in, but the role does not allow this action.
    Forbidden,
    /// Nothing exists at this address.
    NotFound,
    /// The HTTP method is not allowed on this resource.
    MethodNotAllowed,
    /// The request conflicts with the current state (e.g. the data changed meanwhile).
    Conflict,
    /// A value that must be unique is already used (a login id, a location or procedure
    /// code); `errors` names the field, with the code `taken`.
    AlreadyExists,
    /// Too many requests from this client; try again later.
    RateLimited,
    /// The time band has no seat left for this party.
    SlotFull,
    /// The location offers no such time band on that day.
    SlotNotOffered,
    /// Booking for that day has not opened yet, or has closed.
    OutsideBookingWindow,
    /// A slot-setting change would leave reservations without a seat; see
    /// `affected_reservations`.
    SlotRuleConflict,
    /// The reservation is cancelled or done and cannot change.
    ReservationNotChangeable,
    /// The `Idempotency-Key` was used before with a different request.
    IdempotencyKeyReused,
    /// The contact already has as many active reservations as allowed.
    TooManyActiveReservations,
    /// The hold has expired or belongs to another band.
    HoldInvalid,
    /// A dependency (e.g. the database) is unavailable.
    ServiceUnavailable,
    /// An unexpected server error; details are in the server log only.
    Internal,
}

/// The rule a refused field broke: a stable code clients switch on (the message beside it
/// is for people). Serialized in snake_case, e.g. `required`, `too_long`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    /// The value must be given.
    Required,
    /// The value is longer than allowed.
    TooLong,
    /// The value is shorter than allowed.
    TooShort,
    /// The value is larger than allowed.
    TooLarge,
    /// The value has more items than allowed.
    TooMany,
    /// The value is outside the allowed range.
    OutOfRange,
    /// The value is not in the expected format.
    InvalidFormat,
    /// The value holds a character that is not allowed (a control character).
    InvalidCharacter,
    /// The value is not valid UTF-8 text.
    InvalidEncoding,
    /// The value names something that does not exist.
    Unknown,
    /// The value names something that is no longer offered.
    Inactive,
    /// The value is a field the request does not have.
    UnknownField,
    /// The value does not match (a password or a one-time code).
    Incorrect,
    /// The value does not match the value it must repeat.
    Mismatch,
    /// The value is the same as before, so nothing would change.
    Unchanged,
    /// The value is already used by another record.
    Taken,
    /// The value cannot be stored (too long or out of range for the database).
    Unstorable,
    /// The value lies in the future.
    InFuture,
    /// The value ends before the range starts.
    BeforeFrom,
    /// The value ends before it starts.
    BeforeStart,
    /// The value ends before `starts_at`.
    BeforeStartsAt,
    /// The value ends before `publish_from`.
    BeforePublishFrom,
    /// The value ends before `valid_from`.
    BeforeValidFrom,
    /// The value spans a longer range than allowed.
    RangeTooLong,
    /// The value is a closed day that still lists bands.
    ClosedWithBands,
    /// The value repeats a value that must appear once.
    Duplicate,
    /// The value overlaps another band.
    Overlaps,
    /// The value is more than the band's capacity.
    ExceedsCapacity,
    /// The value would leave no active city administrator.
    LastAdmin,
    /// The value would leave the reservation without a member.
    LastMember,
    /// The value has no two-factor set-up in progress.
    NoSetup,
    /// The value was not confirmed with the required phrase.
    NotConfirmed,
    /// The value is the caller's own account.
    OwnAccount,
    /// The value is the caller's own role.
    OwnRole,
}

/// Why one field was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Path of the field in the request, e.g. `login_id` or `members[1].procedure_id`.
    #[cfg_attr(feature = "openapi", schema(example = "login_id"))]
    pub field: String,
    /// The rule that failed.
    pub code: FieldErrorCode,
    /// A human-readable reason, in English.
    #[cfg_attr(feature = "openapi", schema(example = "must not be empty"))]
    pub message: String,
}

impl FieldError {
    /// A field error with the given rule code and message.
    pub fn new(field: impl Into<String>, code: FieldErrorCode, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
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
    /// For `slot_rule_conflict`: the reservations the change would leave without a seat.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affected_reservations: Vec<AffectedReservation>,
    /// For `too_many_active_reservations`: the numbers of the contact's active reservations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub existing_reservations: Vec<String>,
}

/// A reservation a slot-setting change would leave without a seat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AffectedReservation {
    /// Its number.
    #[cfg_attr(feature = "openapi", schema(example = "ACK7-9WXY"))]
    pub number: String,
    /// Its day.
    pub date: chrono::NaiveDate,
    /// Start of its band, `HH:MM`.
    #[cfg_attr(feature = "openapi", schema(example = "09:00"))]
    pub start: String,
    /// Seats it takes.
    pub seats: u32,
    /// Seats the band would have after the change.
    pub new_capacity: u32,
}
